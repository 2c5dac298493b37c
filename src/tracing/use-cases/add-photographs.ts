import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import { recordAuditBatch } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { MAX_PHOTOS_PER_UPLOAD, photoFileErrors, photoMaxBytes, sniffImageType } from '../photograph-model.ts';
import { photographFieldsSchema, type Photograph } from '../photograph-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import { presentPhotograph } from '../presenters.ts';
import * as store from '../store.ts';
import * as photos from '../store-photographs.ts';

export interface UploadedPhoto {
  content: Uint8Array;
  /** The name the file had on the uploader's machine (kept; never used to decide its type). */
  fileName: string | null;
}

/**
 * Adds photographs to a recovered item: each must be a JPEG, PNG or WebP image by its bytes and within the
 * size limit (CUSTODIA_TRACING_PHOTO_MAX_BYTES); one bad file refuses the upload and nothing is written.
 * The bytes are stored with their SHA-256; each photograph's audit entry carries the hash.
 */
export async function addPhotographs(
  ctx: TracingContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  input: { files: readonly UploadedPhoto[]; fields?: Record<string, unknown> },
  tx?: Tx,
): Promise<{ items: Photograph[] }> {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const { caption } = parseInput('tracing', photographFieldsSchema, input.fields ?? {});
  const maxBytes = photoMaxBytes();
  if (input.files.length === 0) throw new ValidationError([{ field: 'file', code: 'photograph.file_required', message: 'Attach at least one photograph in the form field "file".' }]);
  if (input.files.length > MAX_PHOTOS_PER_UPLOAD) {
    throw new ValidationError([{ field: 'file', code: 'photograph.too_many', message: `At most ${MAX_PHOTOS_PER_UPLOAD} photographs in one upload.` }]);
  }
  const field = (i: number) => (input.files.length === 1 ? 'file' : `file.${i}`);
  const errors = input.files.flatMap((f, i) => photoFileErrors(field(i), f, maxBytes));
  if (errors.length) throw new ValidationError(errors, 'The upload was refused; no photograph was stored.');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const item = await store.getItem(t, itemId);
    // An item of another recovery answers as a missing one: the address names both.
    if (!item || item.case_id !== caseId) throw new NotFoundError('Recovered item', itemId);
    requireVisible(actor, null, 'Recovered item', itemId);
    const now = ctx.deps.clock.now();
    const rows = input.files.map((f) => {
      const content = Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
      return {
        id: uuidv7(),
        recovered_item_id: item.id,
        media_type: sniffImageType(content)!,
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        caption: caption || null,
        // Control characters (NUL above all, which text columns refuse) are dropped from the kept name.
        file_name: f.fileName?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255) || null,
        uploaded_at: now,
        uploaded_by: actor.name,
        withdrawn_at: null,
        withdrawn_by: null,
        withdrawal_reason: null,
      };
    });
    await photos.insertPhotographs(t, rows);
    const saved = await Promise.all(rows.map(async (r) => (await photos.getPhotograph(t, r.id))!));
    await recordAuditBatch(
      t,
      actor,
      ctx.deps.clock,
      saved.map((r) => ({ action: 'tracing.photograph.add', entity: 'recovered_item_photograph', entityId: r.id, state: photos.photographState(r) })),
    );
    return { items: saved.map(presentPhotograph) };
  });
}
