import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { cliActor } from '../platform/auth/actor.ts';
import type { CommandContext } from '../platform/module.ts';
import { BASES, REPORT_KINDS, SIGNIFICANT_DEFAULTS, type Basis, type ReportKind } from './model.ts';
import type { ReportingService } from './service.ts';
import type { HistoryImportResult } from './use-cases/import-history.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../platform/encoding.ts';

type FileFormat = 'csv' | 'xlsx' | 'pdf';

async function emit(svc: ReportingService, reference: string, format: FileFormat | 'json', out: string | undefined): Promise<void> {
  if (format === 'json') {
    const r = await svc.getReport(cliActor(), reference);
    const text = `${JSON.stringify(r, null, 2)}\n`;
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    return;
  }
  const file = await svc.renderReport(cliActor(), reference, format);
  const path = out ?? file.filename;
  writeFileSync(path, file.body);
  process.stdout.write(`wrote ${path} (${file.body.length} bytes)\n`);
}

/** What an import of historical transfers did, for the terminal. */
export function printHistoryImport(r: HistoryImportResult, out: (s: string) => void = (s) => process.stdout.write(s)): void {
  for (const f of r.files) {
    const c = f.counts;
    out(
      `${f.fileName} (${f.source}, sha256 ${f.fileSha256.slice(0, 16)}…): ${f.status === 'unchanged' ? 'already imported, nothing written' : 'imported'}; ` +
        `${c.read} rows read, ${c.imported} of ${r.sourceName} as ${r.state} (${c.exports} exports, ${c.imports} imports): ${c.mapped} mapped, ${c.notReportable} not reportable, ${c.unmapped} unmapped, ${c.aggregate} totals; ${c.otherStates} rows of other States left out\n`,
    );
    if (f.unmapped.length) out(`  unmapped (listed in the reports of their year): ${f.unmapped.map((u) => `${u.what} (${u.rows})`).join(', ')}\n`);
  }
}

/** `custodia reports generate|list|show|mappings`: the international returns from the command line. */
export function registerReportingCommands(program: Command, cli: CommandContext<ReportingService>): void {
  // Opens the node like every writing command (the data directory's lock), with this module's service.
  const withService = <T>(command: string, fn: (svc: ReportingService) => Promise<T>) => cli.run(command, ({ service }) => fn(service));
  const reports = program.command('reports').description('international reports computed from the records: UNROCA, ATT annual report, Wassenaar six-monthly, UNODC questionnaire / SDG 16.4.2, Firearms Protocol self-assessment');
  reports
    .command('generate')
    .argument('<kind>', `one of ${REPORT_KINDS.join(', ')}`)
    .argument('<period>', 'a calendar year (2026) for unroca, att, iafq and protocol, a half-year (2026-H1) for wassenaar')
    .addOption(new Option('--basis <basis>', 'authorised (licences issued) or actual (shipments) transfers').choices(BASES).default('actual'))
    .option('--significant-firearms <n>', 'iafq: a seizure of at least this many firearms in one case is significant', String(SIGNIFICANT_DEFAULTS.firearms))
    .option('--significant-rounds <n>', 'iafq: …or of at least this many rounds', String(SIGNIFICANT_DEFAULTS.rounds))
    .addOption(new Option('--format <format>', 'also write the report as a file').choices(['json', 'csv', 'xlsx', 'pdf']))
    .option('--out <file>', 'file to write (default: the report reference with the format extension)')
    .description('compute a report, store it (period, audit-log size, content hash; audited) and print its reference')
    .action(async (kind: string, period: string, opts: { basis: Basis; significantFirearms: string; significantRounds: string; format?: FileFormat | 'json'; out?: string }) => {
      await withService('custodia reports generate', async (svc) => {
        const r = await svc.generateReport(cliActor(), { kind: kind as ReportKind, period, basis: opts.basis, significantFirearms: Number(opts.significantFirearms), significantRounds: Number(opts.significantRounds) });
        process.stdout.write(`${r.reference}  ${r.periodStart}..${r.periodEnd}  audit size ${r.auditSize}  sha256 ${r.contentHash}\n`);
        const unmapped = 'unmapped' in r.content ? r.content.unmapped.length : 0;
        if (unmapped) process.stderr.write(`${unmapped} line(s) have no category mapping: see the Unmapped table\n`);
        if (opts.format) await emit(svc, r.reference, opts.format, opts.out);
      });
    });
  reports
    .command('list')
    .addOption(new Option('--kind <kind>').choices(REPORT_KINDS))
    .description('stored reports, newest first')
    .action(async (opts: { kind?: ReportKind }) => {
      const page = await withService('custodia reports list', (svc) => svc.listReports(cliActor(), { kind: opts.kind, limit: 100 }));
      for (const r of page.items) process.stdout.write(`${r.reference.padEnd(28)} ${r.periodStart}..${r.periodEnd}  ${r.generatedAt}  ${r.generatedBy}\n`);
    });
  reports
    .command('show')
    .argument('<reference>', 'report reference (XC-ATT-2026-1)')
    .addOption(new Option('--format <format>').choices(['json', 'csv', 'xlsx', 'pdf']).default('json'))
    .option('--out <file>', 'file to write')
    .description('print or write a stored report')
    .action(async (reference: string, opts: { format: FileFormat | 'json'; out?: string }) => {
      await withService('custodia reports show', (svc) => emit(svc, reference, opts.format, opts.out));
    });
  reports
    .command('import-history')
    .description("import a State's past transfers from the SIPRI trade register and/or the EU annual-report exports (docs/reporting.md); the whole files or nothing, audited")
    .option('--sipri <file>', 'SIPRI Arms Transfers Database trade register (CSV as exported, 11 lines of notes)')
    .option('--eu <file>', "EU COARM arms exports compiled by Open Knowledge Austria (';'-separated)")
    .requiredOption('--state <code>', 'ISO 3166-1 alpha-2 of the State whose rows are taken (the demonstration State XC stands for ES)')
    .option('--name <name>', "the State's name as the files write it (default: its English name)")
    .addOption(new Option('--sipri-encoding <name>', 'encoding of the SIPRI file').choices(TEXT_ENCODINGS).default('windows-1252'))
    .addOption(new Option('--eu-encoding <name>', 'encoding of the EU file').choices(TEXT_ENCODINGS).default('utf-8'))
    .action(async (opts: { sipri?: string; eu?: string; state: string; name?: string; sipriEncoding: TextEncoding; euEncoding: TextEncoding }) => {
      const files = [
        ...(opts.sipri ? [{ source: 'sipri' as const, fileName: basename(opts.sipri), content: readFileSync(opts.sipri), encoding: opts.sipriEncoding }] : []),
        ...(opts.eu ? [{ source: 'eu_coarm' as const, fileName: basename(opts.eu), content: readFileSync(opts.eu), encoding: opts.euEncoding }] : []),
      ];
      const r = await withService('custodia reports import-history', (svc) => svc.importHistory(cliActor(), { state: opts.state, name: opts.name, files }));
      printHistoryImport(r);
    });
  reports
    .command('mappings')
    .description('the current category mappings (control entry, item type, firearm type → category)')
    .action(async () => {
      const items = await withService('custodia reports mappings', (svc) => svc.listMappings(cliActor()));
      for (const m of items) {
        const to = m.reportable ? [m.unrocaCategory && `UNROCA/ATT ${m.unrocaCategory}`, m.wassenaarCategory && `WA ${m.wassenaarCategory}`, m.dualUseTier && `tier ${m.dualUseTier}`].filter(Boolean).join(', ') : 'not reported';
        process.stdout.write(`${m.controlEntry.padEnd(10)} ${m.itemType.padEnd(20)} ${m.firearmType.padEnd(32)} → ${to}  (v${m.version}, ${m.source})\n`);
      }
    });
}
