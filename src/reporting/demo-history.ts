import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Actor } from '../platform/auth/actor.ts';
import type { ReportingService } from './service.ts';
import type { HistoryFileInput, HistoryImportResult } from './use-cases/import-history.ts';

/**
 * The demonstration State's past transfers: it stands for Spain in the SIPRI trade register and the EU
 * annual reports (demo-data/README.md says why, and under which licences the cut files are shipped).
 */
export const DEMO_HISTORY = { state: 'ES', name: 'Spain' } as const;

export const DEMO_HISTORY_FILES = {
  sipri: fileURLToPath(new URL('./demo-data/sipri_trade_register_2026-05-18_spain.csv.gz', import.meta.url)),
  eu_coarm: fileURLToPath(new URL('./demo-data/okfnat_eu_armsexports_2005-2013_spain.csv.gz', import.meta.url)),
} as const;

export function demoHistoryFiles(): HistoryFileInput[] {
  return (Object.entries(DEMO_HISTORY_FILES) as [HistoryFileInput['source'], string][]).map(([source, file]) => ({
    source,
    fileName: basename(file, '.gz'),
    content: gunzipSync(readFileSync(file)),
    encoding: source === 'sipri' ? 'windows-1252' : 'utf-8',
  }));
}

/** Imports the shipped files as the node's historical transfers (idempotent: the same files write nothing). */
export function loadDemoHistory(svc: ReportingService, actor: Actor): Promise<HistoryImportResult> {
  return svc.importHistory(actor, { ...DEMO_HISTORY, files: demoHistoryFiles() });
}
