import { z } from 'zod';
import { hitNotificationSchema, lostStolenNoticeSchema, stateCode, uuidv7 } from '../exchange/messages.ts';
import { pageQuerySchema } from '../platform/http/pagination.ts';

/**
 * What the exchange hands tracing from another State's node: the sending State, the envelope's id (what
 * the record cites, and what the exchange keeps as signed) and the body exactly as the exchange defines it.
 */
export const foreignReportInput = z.strictObject({ state: stateCode, envelopeId: uuidv7, body: lostStolenNoticeSchema });
export const hitAbroadInput = z.strictObject({ state: stateCode, envelopeId: uuidv7, body: hitNotificationSchema });
export const hitsAbroadQuerySchema = pageQuerySchema.pick({ limit: true }).extend({
  alertStatus: z.enum(['open', 'acknowledged']).optional(),
  /** The agency that took this State's report (resolved from the registry when the hit arrived). */
  agencyPartyId: z.string().uuid().optional(),
  /** `true`: the hits for the agency the signed-in user's account names (instead of `agencyPartyId`). */
  mine: z.enum(['true', 'false']).optional(),
});
