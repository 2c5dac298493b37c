import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { RouteContext } from '../platform/module.ts';
import { AppError, PROBLEM_BASE, ValidationError } from '../platform/http/errors.ts';
import type { Api } from '../platform/http/types.ts';
import { MAX_PHOTOS_PER_UPLOAD, photoMaxBytes, tooLargeError } from './photograph-model.ts';
import { photographListQuerySchema, photographListSchema, photographParamSchema, photographSchema, photographUploadResultSchema, photographWithdrawSchema } from './photograph-schemas.ts';
import { itemParamSchema, idParamSchema } from './schemas.ts';
import type { TracingService } from './service.ts';
import type { UploadedPhoto } from './use-cases/add-photographs.ts';

const FILE_FIELD = 'file';

/**
 * Reads a multipart/form-data upload: the files of the field "file" and the other fields as text. What
 * busboy refuses (a file past the size limit, too many files, a cut form) becomes a coded error naming the
 * field, and nothing is written.
 */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ files: UploadedPhoto[]; fields: Record<string, unknown> }> {
  if (!request.isMultipart()) {
    throw new ValidationError([{ field: 'body', code: 'photograph.multipart_required', message: `Send the photographs as multipart/form-data, in the form field "${FILE_FIELD}".` }]);
  }
  const files: UploadedPhoto[] = [];
  const fields: Record<string, unknown> = {};
  let current: string | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        current = part.filename || null;
        if (part.fieldname !== FILE_FIELD) {
          part.file.resume();
          throw new ValidationError([{ field: part.fieldname, code: 'photograph.file_field', message: `Photographs are sent in the form field "${FILE_FIELD}".` }]);
        }
        files.push({ content: await part.toBuffer(), fileName: part.filename || null });
      } else {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, `${PROBLEM_BASE}too-large`, 'Payload too large', 'The upload was refused; no photograph was stored.', [tooLargeError(FILE_FIELD, current, maxBytes)]);
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new ValidationError([{ field: FILE_FIELD, code: 'photograph.too_many', message: `At most ${MAX_PHOTOS_PER_UPLOAD} photographs in one upload.` }]);
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new ValidationError([{ field: 'body', code: 'photograph.form_too_large', message: 'The form has more fields than a photograph upload takes (file and caption).' }]);
    }
    // busboy's own errors on a cut or malformed form ("Unexpected end of multipart data").
    throw new ValidationError([{ field: FILE_FIELD, code: 'upload.multipart_malformed', message: `The multipart form cannot be read: ${(err as Error).message}.` }]);
  }
  return { files, fields };
}

/**
 * Photographs of recovered items: upload (multipart), list, read the bytes, withdraw. Registered as its own
 * plugin so the multipart parser serves these routes only.
 */
export async function tracingPhotographRoutes(api: Api, opts: RouteContext<TracingService>): Promise<void> {
  const tracing = opts.service;
  const tags = ['tracing: recoveries'];
  const maxBytes = photoMaxBytes();
  await api.register(multipart, { limits: { fileSize: maxBytes, files: MAX_PHOTOS_PER_UPLOAD, fields: 4, parts: MAX_PHOTOS_PER_UPLOAD + 4 } });

  api.post(
    '/tracing/recoveries/:id/items/:itemId/photographs',
    {
      config: { permission: 'tracing.recoveries.write' },
      schema: {
        tags,
        summary: 'Add photographs of a recovered item (multipart/form-data: one or more files in the field "file", an optional "caption")',
        description:
          `JPEG, PNG or WebP, decided by the bytes' signature (not the file name); each at most CUSTODIA_TRACING_PHOTO_MAX_BYTES (default 10 MiB), ` +
          `at most ${MAX_PHOTOS_PER_UPLOAD} in one upload. One bad file refuses the upload (400, or 413 for size), naming the field; nothing is stored. ` +
          'The bytes are kept with their SHA-256, which tracing requests cite.',
        consumes: ['multipart/form-data'],
        params: itemParamSchema,
        response: { 201: photographUploadResultSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, maxBytes);
      return reply.status(201).send(await tracing.addPhotographs(request.actor, request.params.id, request.params.itemId, upload));
    },
  );

  api.get(
    '/tracing/recoveries/:id/photographs',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: {
        tags,
        summary: "A recovery's photographs (metadata with SHA-256; withdrawn ones marked), or one item's with itemId",
        params: idParamSchema,
        querystring: photographListQuerySchema,
        response: { 200: photographListSchema },
      },
    },
    async (request) => tracing.listPhotographs(request.actor, request.params.id, request.query),
  );

  api.get(
    '/tracing/photographs/:id/content',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: { tags, summary: "A photograph's image bytes (its media type; X-Content-SHA256 carries its hash)", params: photographParamSchema, produces: ['image/jpeg', 'image/png', 'image/webp'] },
    },
    async (request, reply) => {
      const { photograph, content, fileName } = await tracing.photographContent(request.actor, request.params.id);
      return reply
        .header('content-type', photograph.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('x-content-sha256', photograph.sha256)
        // Evidence of a criminal case: kept by no shared cache, and not on the officer's disk either.
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );

  api.post(
    '/tracing/photographs/:id/withdraw',
    {
      config: { permission: 'tracing.recoveries.write' },
      schema: {
        tags,
        summary: 'Withdraw a photograph with the reason (it is kept, readable and audited; new tracing requests no longer cite it)',
        params: photographParamSchema,
        body: photographWithdrawSchema,
        response: { 200: photographSchema },
      },
    },
    async (request) => tracing.withdrawPhotograph(request.actor, request.params.id, request.body),
  );
}
