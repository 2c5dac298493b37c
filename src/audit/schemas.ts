import { z } from 'zod';
import { pageSchema } from '../platform/http/pagination.ts';

const base64Hash = z.string().describe('base64 SHA-256');

export const checkpoint = z.object({
  id: z.string(),
  origin: z.string(),
  treeSize: z.number().int(),
  rootHash: base64Hash,
  at: z.string(),
  kid: z.string().describe('RFC 7638 thumbprint of the signing key, see /.well-known/jwks.json'),
  signature: z.string().describe('base64 Ed25519 signature over `text`'),
  text: z.string().describe('the exact signed bytes (UTF-8)'),
  note: z.string().describe('`text`, a blank line and the signature line'),
});

export const checkpointPage = pageSchema(checkpoint);

export const entry = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  reason: z.string().nullable(),
  stateHash: z.string(),
  leafHash: base64Hash.describe('RFC 6962 leaf hash: SHA-256(0x00 ‖ canonical JSON of the entry without leafHash)'),
});

export const entryPage = pageSchema(entry);

export const browseQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
  actorName: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('entries at or after (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('entries before (ISO 8601)'),
});

export const entryParams = z.object({ ref: z.string().max(100).describe('seq (0-based leaf index) or entry id (UUID)') });

export const checkpointListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

export const inclusionQuery = z
  .object({
    seq: z.coerce.number().int().min(0).optional(),
    id: z.uuid().optional(),
    treeSize: z.coerce.number().int().min(1).optional().describe('default: the latest checkpoint covering the entry, else the current size'),
  })
  .refine((q) => (q.seq === undefined) !== (q.id === undefined), { message: 'Give exactly one of seq or id.', path: ['seq'] });

export const inclusionProof = z.object({
  seq: z.number().int(),
  entryId: z.string(),
  leafHash: base64Hash,
  treeSize: z.number().int(),
  rootHash: base64Hash,
  proof: z.array(base64Hash),
  checkpoint: checkpoint.nullable(),
});

export const consistencyQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1).optional().describe('default: the current size'),
});

export const consistencyProof = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  fromRoot: base64Hash,
  toRoot: base64Hash,
  proof: z.array(base64Hash),
});

export const verifyReport = z.object({
  ok: z.boolean(),
  treeSize: z.number().int(),
  rootHash: base64Hash,
  entriesChecked: z.number().int(),
  nodesChecked: z.number().int(),
  checkpointsChecked: z.number().int(),
  recordsChecked: z.number().int(),
  recordsSkipped: z.array(z.object({ entity: z.string(), records: z.number().int() })),
  problemCount: z.number().int(),
  problems: z.array(
    z.object({
      kind: z.string(),
      message: z.string(),
      seq: z.number().int().optional(),
      entryId: z.string().optional(),
      checkpointId: z.string().optional(),
      entity: z.string().optional(),
      entityId: z.string().optional(),
      node: z.object({ level: z.number().int(), index: z.number().int() }).optional(),
    }),
  ),
  durationMs: z.number(),
});
