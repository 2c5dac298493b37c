import { z } from 'zod';
import { TEXT_ENCODINGS } from '../../platform/encoding.ts';

export const importIdParamSchema = z.object({ id: z.uuid() });

export const importUploadQuerySchema = z.object({
  partial: z.enum(['true', 'false']).optional().describe('true: keep the valid rows when some rows are bad (default: all-or-nothing)'),
  encoding: z.enum(TEXT_ENCODINGS).optional().describe('The file\'s encoding (default utf-8; latin1 is read as windows-1252; a byte-order mark decides when present)'),
});

export const importJobSchema = z.object({
  id: z.uuid(),
  kind: z.literal('items'),
  /** `interrupted`: the embedded database's only process stopped during the import (an all-or-nothing import left nothing). */
  status: z.enum(['running', 'completed', 'rejected', 'failed', 'interrupted']),
  mode: z.enum(['all_or_nothing', 'partial']),
  fileName: z.string().nullable(),
  fileSha256: z.string(),
  fileBytes: z.number().int(),
  rowsTotal: z.number().int(),
  rowsInvalid: z.number().int(),
  itemsCreated: z.number().int(),
  itemsExisting: z.number().int(),
  message: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The same bytes were imported before: this is that earlier job, and nothing was written now. */
  alreadyImported: z.boolean(),
  progress: z
    .object({ bytesRead: z.number().int(), bytesTotal: z.number().int(), fraction: z.number() })
    .nullable()
    .describe('Live progress while the import runs in this server'),
  errorsUrl: z.string(),
});

export type ImportJobView = z.infer<typeof importJobSchema>;
