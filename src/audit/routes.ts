import { z } from 'zod';
import type { RouteContext } from '../platform/module.ts';
import type { Api } from '../platform/http/types.ts';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.ts';
import { UUID_RE } from '../platform/ids.ts';
import { ValidationError } from '../platform/http/errors.ts';
import * as s from './schemas.ts';
import type { AuditService } from './service.ts';

const TAGS = ['audit'];

/** The tamper-evident log under /api/v1/audit: checkpoints, proofs, browsing, verification. */
export async function auditRoutes(api: Api, opts: RouteContext<AuditService>): Promise<void> {
  const { service } = opts;

  api.get(
    '/audit/checkpoints/latest',
    { config: { permission: 'audit.checkpoints.read' }, schema: { tags: TAGS, summary: 'The latest signed checkpoint (tree size, root hash, time, key id)', response: { 200: s.checkpoint } } },
    async (request) => service.latestCheckpoint(request.actor),
  );

  api.get(
    '/audit/checkpoints',
    { config: { permission: 'audit.checkpoints.read' }, schema: { tags: TAGS, summary: 'Signed checkpoints, newest first', querystring: s.checkpointListQuery, response: { 200: s.checkpointPage } } },
    async (request) => {
      const after = decodeCursor(request.query.cursor, z.object({ treeSize: z.number().int(), at: z.string(), id: z.string() }));
      const rows = await service.listCheckpoints(request.actor, { limit: request.query.limit, after });
      const hasMore = rows.length > request.query.limit;
      const items = hasMore ? rows.slice(0, request.query.limit) : rows;
      const last = items[items.length - 1];
      return { items, nextCursor: hasMore ? encodeCursor({ treeSize: last.treeSize, at: last.at, id: last.id }) : null };
    },
  );

  api.post(
    '/audit/checkpoints',
    { config: { permission: 'audit.checkpoints.create' }, schema: { tags: TAGS, summary: 'Sign a checkpoint of the log now', response: { 201: s.checkpoint } } },
    async (request, reply) => {
      const cp = await service.createCheckpoint(request.actor);
      reply.status(201);
      return cp;
    },
  );

  api.get(
    '/audit/proofs/inclusion',
    { config: { permission: 'audit.checkpoints.read' }, schema: { tags: TAGS, summary: 'RFC 6962 inclusion proof of an entry (by seq or id)', querystring: s.inclusionQuery, response: { 200: s.inclusionProof } } },
    async (request) => service.inclusionProof(request.actor, request.query),
  );

  api.get(
    '/audit/proofs/consistency',
    { config: { permission: 'audit.checkpoints.read' }, schema: { tags: TAGS, summary: 'RFC 6962 consistency proof between two tree sizes', querystring: s.consistencyQuery, response: { 200: s.consistencyProof } } },
    async (request) => service.consistencyProof(request.actor, request.query),
  );

  api.get(
    '/audit/entries',
    { config: { permission: 'audit.log.read' }, schema: { tags: TAGS, summary: 'Browse the audit log, newest first, with filters', querystring: s.browseQuery, response: { 200: s.entryPage } } },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const before = decodeCursor(cursor, z.object({ seq: z.number().int().min(0) }))?.seq;
      const rows = await service.browse(request.actor, { ...filter, before }, limit + 1);
      const hasMore = rows.length > limit;
      const items = hasMore ? rows.slice(0, limit) : rows;
      return { items, nextCursor: hasMore ? encodeCursor({ seq: items[items.length - 1].seq }) : null };
    },
  );

  api.get(
    '/audit/entries/:ref',
    { config: { permission: 'audit.log.read' }, schema: { tags: TAGS, summary: 'One audit entry by seq or id', params: s.entryParams, response: { 200: s.entry } } },
    async (request) => {
      const { ref } = request.params;
      if (/^\d+$/.test(ref)) {
        // A seq past 2^53 is no entry, and past 2^63 not even a bigint the database can compare.
        if (!Number.isSafeInteger(Number(ref))) throw new ValidationError([{ field: 'ref', message: 'No audit entry has so large a seq.', code: 'audit.entry_seq_range' }]);
        return service.getEntry(request.actor, { seq: Number(ref) });
      }
      if (UUID_RE.test(ref)) return service.getEntry(request.actor, { id: ref });
      throw new ValidationError([{ field: 'ref', message: 'Give a seq (number) or an entry id (UUID).', code: 'audit.entry_ref' }]);
    },
  );

  api.post(
    '/audit/verify',
    {
      config: { permission: 'audit.log.verify' },
      schema: { tags: TAGS, summary: 'Recompute the tree, check every checkpoint and re-hash every audited record (as `custodia audit verify`)', response: { 200: s.verifyReport } },
    },
    async (request) => service.verify(request.actor),
  );
}
