import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { cliActor } from '../platform/auth/actor.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../platform/encoding.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { CommandContext } from '../platform/module.ts';
import { formatDuration } from '../platform/progress.ts';
import { errorFilePath } from '../registry/cli.ts';
import type { Figures, RecoverySummary, Reminders } from './schemas.ts';
import type { TracingService } from './service.ts';

/**
 * `custodia tracing …`: a seizure list imported from a file, the recoveries listed, a domestic trace with
 * its PDF report, tracing request documents exported and imported (until the State-to-State exchange
 * carries them), and the SDG 16.4.2 figures of a period. Every command opens the database through
 * `cli.run` (the data-directory lock: with a server running on the same embedded directory they refuse,
 * exit 3) and acts as the command-line administrator; every write is audited as the service audits it.
 * Exit codes as `custodia import items`: 0 done, 2 refused (bad rows, bad input: nothing written), 1 failure.
 */

/** The rows of a refused seizure list, as the registry import writes them beside the file. */
function errorsCsv(err: ValidationError): string {
  return stringify(
    err.errors.map((e) => [e.line ?? '', e.field, e.code, e.message]),
    { header: true, columns: ['line', 'column', 'code', 'message'] },
  );
}

export async function importSeizureCommand(cli: CommandContext<TracingService>, file: string, opts: { encoding?: TextEncoding }): Promise<number> {
  const abs = path.resolve(file);
  const content = fs.readFileSync(abs);
  return cli.run(`custodia tracing import ${abs}`, async ({ deps, service }) => {
    const rows = content.toString('latin1').split('\n').filter((l) => l.trim() !== '').length - 1;
    process.stderr.write(`Importing the seizure list ${abs} (${(content.length / 1e6).toFixed(1)} MB, ~${Math.max(rows, 0)} rows, whole file or nothing) into ${deps.db.description}\n`);
    process.stderr.write('  validating every row, then recording and checking every item against the registry…\n');
    const started = Date.now();
    const errorFile = errorFilePath(abs);
    try {
      const result = await service.importSeizureList(cliActor(), content, opts.encoding);
      const outcomes: Record<string, number> = {};
      for (const c of result.cases) for (const [o, n] of Object.entries(c.outcomes)) outcomes[o] = (outcomes[o] ?? 0) + n;
      process.stderr.write(`Recorded ${result.cases.length} recoveries, ${result.itemCount} items in ${formatDuration((Date.now() - started) / 1000)}.\n`);
      process.stderr.write(`  checked: ${Object.entries(outcomes).map(([o, n]) => `${o} ${n}`).join(', ') || 'nothing'}\n`);
      for (const c of result.cases) {
        process.stdout.write(`${c.reference}  ${c.recoveredOn}  ${c.recoveryType}  ${c.itemCount} item(s)  ${Object.entries(c.outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}\n`);
      }
      // A report from an earlier run of this file would now mislead.
      if (fs.existsSync(errorFile)) fs.rmSync(errorFile);
      return 0;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      fs.writeFileSync(errorFile, errorsCsv(err));
      process.stderr.write(`Refused: ${err.detail ?? err.title} Nothing was recorded.\n`);
      for (const e of err.errors.slice(0, 20)) process.stderr.write(`  ${e.line ? `line ${e.line}, ` : ''}${e.field}: ${e.message}\n`);
      if (err.errors.length > 20) process.stderr.write(`  … and ${err.errors.length - 20} more\n`);
      process.stderr.write(`  Every error is listed in ${errorFile}\n`);
      return 2;
    }
  });
}

function printRecovery(r: RecoverySummary): void {
  const place = r.placeLocode ?? r.placeText ?? (r.placeLatitude !== null ? `${r.placeLatitude},${r.placeLongitude}` : '');
  process.stdout.write(`${r.reference}  ${r.recoveredOn}  ${r.recoveryType}  ${r.itemCount} item(s)  ${r.agency?.name ?? ''}  ${place}\n`);
}

function printFigures(f: Figures): void {
  process.stdout.write(`Period ${f.period.from} – ${f.period.to}\n`);
  process.stdout.write(`  firearms seized, found or surrendered (SDG 16.4.2 denominator): ${f.firearmsRecovered}\n`);
  process.stdout.write(`  of which illicit origin established by tracing (numerator): ${f.firearmsOriginEstablished}\n`);
  if (f.rows.length) process.stdout.write('  recovery type / kind / type / legal justification / criminal context: items (quantity), origin established\n');
  for (const r of f.rows) {
    process.stdout.write(`    ${r.recoveryType} / ${r.kind} / ${r.type ?? '-'} / ${r.legalJustification} / ${r.criminalContext}: ${r.items} (${r.quantity}), ${r.originEstablished}\n`);
  }
  if (f.requests.length) process.stdout.write('  tracing requests (direction, status): count\n');
  for (const r of f.requests) process.stdout.write(`    ${r.direction}, ${r.status}: ${r.count}\n`);
}

/** `custodia tracing reminders` exit codes: a cron job alerts on 4 (an answer is late). */
export const REMINDER_EXIT = { none: 0, overdue: 4 } as const;

export function printReminders(r: Reminders): void {
  process.stdout.write(`As of ${r.asOf} (reminders from ${r.reminderDays} day(s) before a deadline): ${r.counts.overdue} overdue, ${r.counts.due} due today, ${r.counts.approaching} approaching\n`);
  for (const q of r.items) {
    const when = q.daysLeft === null ? '' : q.daysLeft < 0 ? `${-q.daysLeft} day(s) late` : q.daysLeft === 0 ? 'due today' : `${q.daysLeft} day(s) left`;
    const whose = q.direction === 'outgoing' ? `their answer (${q.counterpartState})` : `our answer to ${q.counterpartState}`;
    process.stdout.write(`${(q.reminder ?? '').padEnd(11)} ${q.reference}  ${q.priority}  ${q.status}  due ${q.responseDueOn}  ${when}  ${whose}  (id ${q.id})\n`);
  }
}

/** A key set from a file or an address (the other node's /.well-known/jwks.json). */
async function readKeySet(source: string): Promise<{ keys: Record<string, unknown>[] }> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new ValidationError([{ field: 'keys', code: 'tracing_document.keys_unreachable', message: `${source} answered HTTP ${res.status}.` }]);
    return (await res.json()) as { keys: Record<string, unknown>[] };
  }
  return JSON.parse(fs.readFileSync(path.resolve(source), 'utf8')) as { keys: Record<string, unknown>[] };
}

/** A document file as exported (JSON with the compact JWS in `document`) or the bare compact JWS. */
function readDocument(file: string): string {
  const text = fs.readFileSync(path.resolve(file), 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { document?: unknown };
    if (typeof parsed.document !== 'string') throw new ValidationError([{ field: 'document', code: 'tracing_document.format', message: `${file} has no "document" member.` }]);
    return parsed.document;
  }
  return text;
}

export function registerTracingCommands(program: Command, cli: CommandContext<TracingService>): void {
  const withService = <T>(command: string, fn: (svc: TracingService) => Promise<T>) => cli.run(command, ({ service }) => fn(service));
  const tracing = program.command('tracing').description('recovered firearms: seizure lists, traces, tracing requests, figures (docs/tracing.md)');

  tracing
    .command('import')
    .description('record a police seizure list (CSV, columns in docs/tracing.md), every item checked against the registry; the whole file or nothing')
    .argument('<file>', 'CSV file')
    .addOption(new Option('--encoding <name>', "the file's encoding (default utf-8; a byte-order mark decides when present)").choices(TEXT_ENCODINGS))
    .action(async (file: string, opts: { encoding?: TextEncoding }) => {
      process.exitCode = await importSeizureCommand(cli, file, opts);
    });

  const recoveries = tracing.command('recoveries').description('recoveries (seizures, finds, surrenders)');
  recoveries
    .command('list')
    .description('list recoveries, newest first')
    .option('--from <date>', 'recovered on or after (YYYY-MM-DD)')
    .option('--to <date>', 'recovered on or before (YYYY-MM-DD)')
    .addOption(new Option('--type <type>', 'recovery type').choices(['seized', 'found', 'surrendered']))
    .option('--limit <n>', 'how many', '50')
    .option('--cursor <cursor>', 'the next page (printed after a full page)')
    .option('--json', 'print as JSON')
    .action(async (opts: { from?: string; to?: string; type?: string; limit: string; cursor?: string; json?: boolean }) => {
      await withService('custodia tracing recoveries list', async (svc) => {
        const page = await svc.listRecoveries(cliActor(), { from: opts.from, to: opts.to, recoveryType: opts.type, limit: Number(opts.limit), cursor: opts.cursor });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        if (page.items.length === 0) process.stdout.write('no recoveries\n');
        for (const r of page.items) printRecovery(r);
        if (page.nextCursor) process.stderr.write(`more: --cursor ${page.nextCursor}\n`);
      });
    });

  tracing
    .command('trace')
    .description('run the domestic trace of a recovered item (recorded and audited) and print its findings')
    .argument('<item>', 'the recovered item: RECOVERY/ITEM, e.g. REC-2026-000012/3')
    .option('--pdf <file>', 'also write the trace report (PDF) to this file')
    .option('--json', 'print the trace as JSON')
    .action(async (ref: string, opts: { pdf?: string; json?: boolean }) => {
      await withService('custodia tracing trace', async (svc) => {
        const actor = cliActor();
        const { caseId, itemId, reference } = await svc.findRecoveredItem(actor, ref);
        const trace = await svc.traceRecoveredItem(actor, caseId, itemId);
        if (opts.json) process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
        else {
          process.stdout.write(`${trace.reference}  trace of ${reference}\n`);
          process.stdout.write(`  origin: ${trace.origin.kind}${trace.origin.country ? ` (${trace.origin.country})` : ''}${trace.origin.party ? `, ${trace.origin.party.name ?? trace.origin.party.id}` : ''}\n`);
          process.stdout.write(`  lawful chain: ${trace.chain.length} event(s); last legal holder: ${trace.lastLegalHolder ? (trace.lastLegalHolder.name ?? '(a person: name withheld)') : 'unknown'}\n`);
          process.stdout.write(`  diversion: ${trace.diversion.from ?? '?'} – ${trace.diversion.to} (${trace.diversion.basis})${trace.diversion.place ? ` at ${trace.diversion.place}` : ''}\n`);
          process.stdout.write(`  illicit origin established: ${trace.illicitOriginEstablished ? 'yes' : 'no'}${trace.endsAbroad ? `; the records end abroad: an international request to ${trace.requestCountry}` : ''}\n`);
        }
        if (opts.pdf) {
          const report = await svc.traceReport(actor, trace.id);
          fs.writeFileSync(path.resolve(opts.pdf), report.pdf);
          process.stderr.write(`Trace report ${report.reference} written to ${path.resolve(opts.pdf)}\n`);
        }
      });
    });

  tracing
    .command('photo')
    .description('photographs of recovered items')
    .command('add')
    .description('add photographs (JPEG, PNG or WebP, by their content) to a recovered item; stored with their SHA-256, audited; one bad file refuses them all')
    .argument('<item>', 'the recovered item: RECOVERY/ITEM, e.g. REC-2026-000012/3')
    .argument('<files...>', 'image files')
    .option('--caption <text>', 'a caption for the photographs')
    .option('--json', 'print the stored photographs as JSON')
    .action(async (ref: string, files: string[], opts: { caption?: string; json?: boolean }) => {
      const uploads = files.map((f) => ({ content: fs.readFileSync(path.resolve(f)), fileName: path.basename(f) }));
      await withService('custodia tracing photo add', async (svc) => {
        const actor = cliActor();
        const { caseId, itemId, reference } = await svc.findRecoveredItem(actor, ref);
        const { items } = await svc.addPhotographs(actor, caseId, itemId, { files: uploads, fields: opts.caption === undefined ? {} : { caption: opts.caption } });
        if (opts.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else for (const p of items) process.stdout.write(`${reference}  ${p.sha256}  ${p.mediaType}  ${p.sizeBytes} bytes  ${p.fileName ?? ''}  (id ${p.id})\n`);
      });
    });

  const requests = tracing.command('requests').description('international tracing requests as signed documents (ITI paras 14–24)');
  requests
    .command('export')
    .description('write the signed document of a request (or its signed response) to hand to the other State')
    .argument('<id>', 'the tracing request id')
    .requiredOption('--out <file>', 'where to write the document (JSON)')
    .option('--response', 'the signed response instead of the request')
    .action(async (id: string, opts: { out: string; response?: boolean }) => {
      await withService('custodia tracing requests export', async (svc) => {
        const doc = await svc.tracingDocument(cliActor(), id, opts.response ? 'response' : 'request');
        fs.writeFileSync(path.resolve(opts.out), `${JSON.stringify(doc, null, 2)}\n`);
        process.stdout.write(`${path.resolve(opts.out)}: signed ${opts.response ? 'response' : 'request'} (${String(doc.envelope.type ?? '')}, to ${String(doc.envelope.to ?? '')})\n`);
      });
    });
  requests
    .command('import')
    .description("import another State's signed tracing document (a request, acknowledgement or response), verified with its key set")
    .argument('<file>', 'the document as exported (JSON) or the bare compact JWS')
    .requiredOption('--fingerprint <fp>', "the sender's key fingerprint, compared with the other State out of band")
    .requiredOption('--keys <fileOrUrl>', "the sender's key set: a JSON file or its /.well-known/jwks.json address")
    .option('--json', 'print the request as JSON')
    .action(async (file: string, opts: { fingerprint: string; keys: string; json?: boolean }) => {
      const document = readDocument(file);
      const senderKeys = await readKeySet(opts.keys);
      await withService('custodia tracing requests import', async (svc) => {
        const r = await svc.receiveTracingDocument(cliActor(), { document, senderKeys, fingerprint: opts.fingerprint });
        if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else process.stdout.write(`${r.reference}  ${r.direction}  ${r.counterpartState}  ${r.status}${r.responseDueOn ? `  due ${r.responseDueOn}` : ''}  (id ${r.id})\n`);
      });
    });

  tracing
    .command('reminders')
    .description('requests awaiting an answer whose deadline is near, due or passed (ours to chase or to give); exit 4 when one is overdue, for cron')
    .addOption(new Option('--direction <direction>', 'only outgoing (their answer) or incoming (ours)').choices(['outgoing', 'incoming']))
    .option('--limit <n>', 'how many to list', '100')
    .option('--json', 'print as JSON')
    .action(async (opts: { direction?: string; limit: string; json?: boolean }) => {
      const reminders = await withService('custodia tracing reminders', (svc) => svc.tracingReminders(cliActor(), { direction: opts.direction, limit: opts.limit }));
      if (opts.json) process.stdout.write(`${JSON.stringify(reminders, null, 2)}\n`);
      else printReminders(reminders);
      process.exitCode = reminders.counts.overdue > 0 ? REMINDER_EXIT.overdue : REMINDER_EXIT.none;
    });

  tracing
    .command('figures')
    .description('SDG 16.4.2 / UNODC figures of a period: firearms recovered, illicit origin established, breakdowns, requests')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print as JSON')
    .action(async (opts: { from: string; to: string; json?: boolean }) => {
      await withService('custodia tracing figures', async (svc) => {
        const f = await svc.tracingFigures(cliActor(), { from: opts.from, to: opts.to });
        if (opts.json) process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
        else printFigures(f);
      });
    });
}
