import { z } from 'zod';
import { PHOTO_MEDIA_TYPES } from './photograph-model.ts';

/** Shapes of the photographs of recovered items (validation, types and the OpenAPI document). */

const uuid = z.string().uuid();

/** The form fields sent with the files (multipart/form-data): one caption for the files of one upload. */
export const photographFieldsSchema = z.strictObject({
  // Form fields do not pass the JSON NUL check every route has: refused here, by the same rule.
  caption: z.string().trim().max(500).refine((v) => !v.includes('\u0000'), 'must not contain a NUL character').nullish(),
});

export const photographWithdrawSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type PhotographWithdrawInput = z.infer<typeof photographWithdrawSchema>;

export const photographParamSchema = z.object({ id: uuid });
export const photographListQuerySchema = z.object({ itemId: uuid.optional() });

export const photographSchema = z.object({
  id: z.string(),
  recoveryId: z.string(),
  recoveredItemId: z.string(),
  /** REC-YYYY-NNNNNN/seq: the recovered item as people write it. */
  itemReference: z.string(),
  mediaType: z.enum(PHOTO_MEDIA_TYPES),
  sizeBytes: z.number().int(),
  /** Lower-case hex SHA-256 of the image bytes: what a tracing request cites. */
  sha256: z.string(),
  caption: z.string().nullable(),
  fileName: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  withdrawn: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  /** Where the image's bytes are read (same permission as the recovery). */
  contentUrl: z.string(),
});
export type Photograph = z.infer<typeof photographSchema>;

export const photographListSchema = z.object({ items: z.array(photographSchema) });
export const photographUploadResultSchema = z.object({ items: z.array(photographSchema) });
