import multipart from '@fastify/multipart';
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteContext } from '../../platform/module.ts';
import { AppError, ValidationError } from '../../platform/http/errors.ts';
import type { Api } from '../../platform/http/types.ts';
import { importIdParamSchema, importJobSchema, importUploadQuerySchema, type ImportJobView } from './schemas.ts';
import { bufferSource, type ImportProgress, type ImportService } from './service.ts';
import type { ImportJobRow } from './store.ts';

function present(job: ImportJobRow, progress: ImportProgress | null, alreadyImported: boolean, interrupted: boolean): ImportJobView {
  return {
    id: job.id,
    kind: job.kind,
    status: interrupted ? 'interrupted' : job.status,
    mode: job.mode,
    fileName: job.file_name,
    fileSha256: job.file_sha256,
    fileBytes: Number(job.file_bytes),
    rowsTotal: job.rows_total,
    rowsInvalid: progress ? progress.rowsInvalid : job.rows_invalid,
    itemsCreated: job.items_created,
    itemsExisting: job.items_existing,
    message: interrupted
      ? 'The process running this import stopped before it ended (crash or kill). An all-or-nothing import left nothing behind; a partial one kept the batches committed before. Import the file again.'
      : job.message,
    startedBy: job.actor_name,
    startedAt: job.started_at.toISOString(),
    finishedAt: job.finished_at ? job.finished_at.toISOString() : null,
    alreadyImported,
    progress: progress
      ? { bytesRead: progress.bytesRead, bytesTotal: progress.bytesTotal, fraction: progress.bytesTotal ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 0 }
      : null,
    errorsUrl: `/api/v1/registry/imports/${job.id}/errors`,
  };
}

async function uploadedCsv(request: FastifyRequest): Promise<{ content: Buffer; fileName: string | null }> {
  if (request.isMultipart()) {
    try {
      const part = await request.file();
      if (!part) throw new ValidationError([{ field: 'file', code: 'upload.file_required', message: 'Attach the CSV file in the form field "file".' }]);
      return { content: await part.toBuffer(), fileName: part.filename || null };
    } catch (err) {
      // busboy's own errors on a cut or malformed form ("Unexpected end of multipart data"); limits keep their 413.
      if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
      throw new ValidationError([{ field: 'file', code: 'upload.multipart_malformed', message: `The multipart form cannot be read: ${(err as Error).message}.` }]);
    }
  }
  if (Buffer.isBuffer(request.body)) {
    const name = request.headers['x-file-name'];
    return { content: request.body, fileName: typeof name === 'string' ? name : null };
  }
  throw new ValidationError([{ field: 'body', code: 'upload.csv_required', message: 'Send the CSV as text/csv, or as multipart/form-data with the file in the field "file".' }]);
}

/** Bulk import over HTTP: upload, follow the job, download the report of bad rows. */
export async function registryImportRoutes(api: Api, opts: RouteContext<ImportService>): Promise<void> {
  const { deps, service } = opts;
  const tags = ['registry: bulk import'];
  const limit = deps.config.uploadLimitBytes;
  api.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  await api.register(multipart, { limits: { fileSize: limit, files: 1, fields: 5 } });
  // Close waits for background imports, so a shutdown never cuts one in the middle of its transaction.
  api.addHook('onClose', async () => service.drain());


  api.post(
    '/registry/imports',
    {
      bodyLimit: limit,
      config: { permission: 'registry.items.write' },
      schema: {
        tags,
        summary: 'Upload a CSV of items (text/csv body, or multipart/form-data field "file"); the import runs in the background',
        description:
          'Columns are documented in docs/import-csv.md. All-or-nothing unless `partial=true`. 202 with the new job (follow `Location`); ' +
          '200 with the earlier job when the same bytes were already imported.',
        querystring: importUploadQuerySchema,
        response: { 200: importJobSchema, 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const { content, fileName } = await uploadedCsv(request);
      if (content.length === 0) throw new ValidationError([{ field: 'file', code: 'upload.empty', message: 'The uploaded file is empty.' }]);
      const started = await service.startItemsImport(
        request.actor,
        bufferSource(fileName, content),
        { partial: request.query.partial === 'true', encoding: request.query.encoding },
      );
      started.done.catch((err) => request.log.error({ err }, 'background import failed'));
      const view = present(started.job, started.alreadyImported ? null : { jobId: started.job.id, bytesRead: 0, bytesTotal: content.length, rowsTotal: 0, rowsInvalid: 0, itemsCreated: 0, itemsExisting: 0 }, started.alreadyImported, false);
      return reply
        .status(started.alreadyImported ? 200 : 202)
        .header('location', `/api/v1/registry/imports/${started.job.id}`)
        .send(view);
    },
  );

  api.get(
    '/registry/imports/:id',
    {
      config: { permission: 'registry.items.write' },
      schema: { tags, summary: 'An import job: status and progress counts', params: importIdParamSchema, response: { 200: importJobSchema } },
    },
    async (request) => {
      const { job, progress, interrupted } = await service.getJob(request.actor, request.params.id);
      return present(job, progress, false, interrupted);
    },
  );

  api.get(
    '/registry/imports/:id/errors',
    {
      config: { permission: 'registry.items.write' },
      schema: {
        tags,
        summary: 'The bad rows of an import as a CSV report (line, column, code, message)',
        params: importIdParamSchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const { job, errors } = await service.jobErrors(request.actor, request.params.id);
      const csv = stringify(
        errors.map((e) => [e.line, e.column, e.code, e.message]),
        { header: true, columns: ['line', 'column', 'code', 'message'] },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${job.id}-errors.csv"`)
        .send(csv);
    },
  );
}
