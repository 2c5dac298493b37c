import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../platform/encoding.ts';
import type { CommandContext } from '../platform/module.ts';
import { ConflictError } from '../platform/http/errors.ts';
import type { Hit } from './schemas.ts';
import type { ScreeningService } from './service.ts';
import { LIST_NAMES, LIST_SOURCES, downloadListFile, listSourceUrl, type ListName } from './sources.ts';

/**
 * `custodia screen`'s exit code says what it found, so a script can act on it: 0 screened against the
 * active lists with no possible match, 4 possible matches, 5 no list is active (nothing was screened
 * against: a warning, never "no match"). 1, 2 and 3 keep their meaning for every command (failure,
 * refused input, data directory held by another process).
 */
export const SCREEN_EXIT = { clear: 0, hits: 4, noList: 5 } as const;

export function formatHit(h: Hit): string {
  const lines = [
    `${h.score.toFixed(3)}  ${h.entryName}  [${h.source} ${h.referenceNumber ?? h.externalId}; ${h.kind}; ${h.programmes.join(', ')}]${h.status === 'suppressed' ? '  (suppressed: earlier false positive)' : ''}`,
    `       matched "${h.explanation.matchedName}" (${h.explanation.nameQuality}) name score ${h.explanation.nameScore.toFixed(3)}: ` +
      h.explanation.pairs.map((p) => `${p.query}→${p.candidate ?? '∅'} ${p.how} ${p.similarity.toFixed(2)}`).join(', '),
  ];
  for (const n of h.explanation.notes) lines.push(`       note: ${n}`);
  for (const f of h.explanation.features) lines.push(`       ${f.effect >= 0 ? '+' : ''}${f.effect.toFixed(2)} ${f.feature}: ${f.detail}`);
  return lines.join('\n');
}

/** `custodia lists fetch|import|versions|diff` and `custodia screen NAME`. */
export function registerScreeningCommands(program: Command, cli: CommandContext<ScreeningService>): void {
  const lists = program.command('lists').description('sanctions lists: fetch from the publishers or import a file as a new version, list versions, diff two versions');
  lists
    .command('import')
    .argument('<file>', 'UN Consolidated List XML, OFAC sdnList XML or OFAC SDN.CSV (format detected from the content)')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for files that carry none (OFAC SDN.CSV)')
    .addOption(new Option('--encoding <name>', 'the file\'s encoding, when not the format\'s own (UTF-8 XML, Latin-1 SDN.CSV) and without a byte-order mark').choices(TEXT_ENCODINGS))
    .description('import a list file as a new version; the previous version stays active until this one is complete')
    .action(async (file: string, opts: { published?: string; encoding?: TextEncoding }) => {
      const content = readFileSync(file);
      process.stderr.write(`reading ${file} (${(content.length / 1e6).toFixed(1)} MB)\n`);
      const result = await cli.run('custodia lists import', ({ service }) =>
        service.importList(SYSTEM_ACTOR, { content, fileName: basename(file), publishedOn: opts.published ?? null, encoding: opts.encoding }, (n) =>
          process.stderr.write(`\r  parsed ${n} entries`),
        ),
      );
      process.stderr.write('\n');
      const v = result.version;
      process.stdout.write(`imported ${v.source} list published ${v.publishedOn}: ${v.entryCount} entries, ${v.nameCount} names (version ${v.id})\n`);
      if (result.superseded.length) process.stdout.write(`superseded: ${result.superseded.join(', ')}\n`);
      process.stdout.write(`re-screened ${result.rescreen.subjects} known parties: ${result.rescreen.newAlerts} new alert(s)\n`);
    });
  lists
    .command('fetch')
    .addArgument(new Argument('[lists...]', 'which lists (default: all)').choices(LIST_NAMES))
    .description(
      'download each list from its publisher and import it as a new version (addresses in docs/screening.md; ' +
        `${LIST_NAMES.map((l) => LIST_SOURCES[l].env).join(', ')} replace them); a file already active is left as it is`,
    )
    .action(async (names: string[]) => {
      const chosen = (names.length ? [...new Set(names)] : LIST_NAMES) as ListName[];
      for (const list of chosen) {
        const url = listSourceUrl(list);
        process.stderr.write(`downloading ${list} from ${url}\n`);
        const { content, fileName } = await downloadListFile(url);
        process.stderr.write(`  ${(content.length / 1e6).toFixed(1)} MB\n`);
        try {
          const result = await cli.run('custodia lists fetch', ({ service }) => service.importList(SYSTEM_ACTOR, { content, fileName }));
          const v = result.version;
          process.stdout.write(`${list}: imported ${v.source} list published ${v.publishedOn}: ${v.entryCount} entries, ${v.nameCount} names (version ${v.id})\n`);
          process.stdout.write(`${list}: re-screened ${result.rescreen.subjects} known parties: ${result.rescreen.newAlerts} new alert(s)\n`);
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          process.stdout.write(`${list}: the file published at ${url} is already the active version; nothing imported\n`);
        }
      }
    });
  lists
    .command('versions')
    .description('list every imported version')
    .action(async () => {
      const versions = await cli.run('custodia lists versions', ({ service }) => service.listVersions(SYSTEM_ACTOR));
      for (const v of versions) process.stdout.write(`${v.id}  ${v.source.padEnd(12)} ${v.publishedOn ?? '?'}  ${String(v.entryCount).padStart(6)} entries  ${v.status}\n`);
    });
  lists
    .command('diff')
    .argument('<from>', 'older version id')
    .argument('<to>', 'newer version id')
    .option('--json', 'print the whole diff as JSON')
    .description('entries added, removed and changed between two versions')
    .action(async (from: string, to: string, opts: { json?: boolean }) => {
      const d = await cli.run('custodia lists diff', ({ service }) => service.diff(SYSTEM_ACTOR, from, to));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      process.stdout.write(`${d.from.source} ${d.from.publishedOn} → ${d.to.publishedOn}: +${d.counts.added} −${d.counts.removed} ~${d.counts.changed}\n`);
      for (const e of d.added) process.stdout.write(`+ ${e.referenceNumber ?? e.externalId}  ${e.name}  [${e.programmes.join(', ')}]\n`);
      for (const e of d.removed) process.stdout.write(`- ${e.referenceNumber ?? e.externalId}  ${e.name}  [${e.programmes.join(', ')}]\n`);
      for (const e of d.changed) process.stdout.write(`~ ${e.referenceNumber ?? e.externalId}  ${e.name}: ${e.fields.join(', ')}\n`);
    });

  program
    .command('screen')
    .argument('<name>', 'the name to screen')
    .option('--country <XX>', 'ISO 3166-1 alpha-2 of nationality, residence or registration')
    .option('--dob <date>', 'date (YYYY-MM-DD) or year of birth')
    .option('--kind <kind>', 'person | organisation | vessel')
    .option('--id <number...>', 'identity document numbers (passport, national ID, IMO)')
    .option('--json', 'print the result as JSON')
    .description(
      'screen a name against the active sanctions lists, with an explanation of every hit; without --kind, as a person and as an organisation. ' +
        `Exit code: ${SCREEN_EXIT.clear} no possible match, ${SCREEN_EXIT.hits} possible matches, ${SCREEN_EXIT.noList} no list is active (nothing screened)`,
    )
    .action(async (name: string, opts: { country?: string; dob?: string; kind?: string; id?: string[]; json?: boolean }) => {
      const r = await cli.run('custodia screen', ({ service }) =>
        service.screenName(SYSTEM_ACTOR, {
          name,
          country: opts.country,
          dob: opts.dob,
          kind: opts.kind,
          identifiers: opts.id?.map((number) => ({ number })),
        }),
      );
      const noList = r.warnings.some((w) => w.code === 'screening.no_active_list');
      process.exitCode = noList ? SCREEN_EXIT.noList : r.hits.length > 0 ? SCREEN_EXIT.hits : SCREEN_EXIT.clear;
      for (const w of r.warnings) process.stderr.write(`warning: ${w.message}\n`);
      if (opts.json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      process.stdout.write(`lists: ${r.listVersions.map((v) => `${v.source} ${v.publishedOn}`).join(', ') || 'none active'}; threshold ${r.threshold}\n`);
      if (noList) process.stdout.write('not screened: no list is active\n');
      else if (r.hits.length === 0) process.stdout.write('no possible match\n');
      else process.stdout.write(`${r.hits.length} possible match${r.hits.length === 1 ? '' : 'es'}\n`);
      for (const h of r.hits) process.stdout.write(`${formatHit(h)}\n`);
      process.stdout.write(`run ${r.runId}\n`);
    });
}
