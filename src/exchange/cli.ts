import type { Command } from 'commander';
import { cliActor } from '../platform/auth/actor.ts';
import type { CommandContext } from '../platform/module.ts';
import type { ExchangeService } from './service.ts';
import type { PeerState } from './store.ts';

function printPeer(p: PeerState): void {
  const current = p.pins.find((k) => k.acceptUntil === null);
  process.stdout.write(`${p.state}  ${p.status}${p.statusReason ? ` (${p.statusReason})` : ''}  ${p.baseUrl}\n`);
  process.stdout.write(`  current key ${current?.kid ?? '(none)'}; ${p.pins.length} key(s) pinned; encryption key ${p.encryptionKey?.kid ?? '(none)'}\n`);
  process.stdout.write(`  may send: ${p.allowedTypes.length ? p.allowedTypes.join(', ') : '(control messages only)'}\n`);
  if (p.relayVia) process.stdout.write(`  delivered through ${p.relayVia}'s node (encrypted to ${p.state})\n`);
  if (p.relayAllowed) process.stdout.write(`  may hand this node envelopes for other peers to carry\n`);
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** `custodia peers add|list|suspend|reactivate|allow|rotate-pin`: the other States' nodes this node trusts. */
export function registerExchangeCommands(program: Command, cli: CommandContext<ExchangeService>): void {
  const withService = <T>(command: string, fn: (svc: ExchangeService) => Promise<T>) => cli.run(command, ({ service }) => fn(service));
  const peers = program.command('peers').description("other States' nodes: enrol by fingerprint, suspend, re-pin (State-to-State exchange)");

  peers
    .command('add')
    .description("enrol a peer; without --fingerprint, print the fingerprints its key set offers (compare one with its administrator's, then run again with it)")
    .argument('<state>', 'ISO 3166-1 alpha-2 code of the peer State')
    .requiredOption('--url <baseUrl>', "the peer node's base URL (its /.well-known/jwks.json and /api/v1/exchange/inbox)")
    .option('--fingerprint <fp>', "the enrolment fingerprint the peer's administrator read out")
    .option('--allow <types>', 'comma-separated message types the peer may send (e.g. import_authorisation_check,transit_answer)', '')
    .action(async (state: string, opts: { url: string; fingerprint?: string; allow: string }) => {
      await withService('custodia peers add', async (svc) => {
        if (!opts.fingerprint) {
          const preview = await svc.previewPeer(cliActor(), { baseUrl: opts.url });
          process.stdout.write(`signing keys published at ${preview.baseUrl}/.well-known/jwks.json:\n`);
          for (const c of preview.candidates) process.stdout.write(`  ${c.fingerprint}  (kid ${c.kid})\n`);
          process.stdout.write('Compare with the fingerprint the peer reads out, then: custodia peers add ' + `${state} --url ${opts.url} --fingerprint "…"\n`);
          return;
        }
        const peer = await svc.addPeer(cliActor(), { state: state.toUpperCase(), baseUrl: opts.url, fingerprint: opts.fingerprint, allowedTypes: list(opts.allow) });
        process.stdout.write('enrolled:\n');
        printPeer(peer);
      });
    });

  peers
    .command('list')
    .description('list enrolled peers')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withService('custodia peers list', async (svc) => {
        const all = await svc.listPeers(cliActor());
        if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        else if (all.length === 0) process.stdout.write('no peers enrolled\n');
        else for (const p of all) printPeer(p);
      });
    });

  peers
    .command('suspend')
    .description('suspend a peer: its envelopes are refused and nothing is sent to it until it is reactivated (what is queued for it waits: envelopes made before, withdrawals of lost/stolen reports it holds)')
    .argument('<state>')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .action(async (state: string, opts: { reason: string }) => {
      await withService('custodia peers suspend', async (svc) => printPeer(await svc.suspendPeer(cliActor(), state.toUpperCase(), { reason: opts.reason })));
    });

  peers
    .command('reactivate')
    .description('reactivate a suspended peer')
    .argument('<state>')
    .option('--reason <text>', 'why (kept in the audit log)')
    .action(async (state: string, opts: { reason?: string }) => {
      await withService('custodia peers reactivate', async (svc) => printPeer(await svc.reactivatePeer(cliActor(), state.toUpperCase(), { reason: opts.reason })));
    });

  peers
    .command('allow')
    .description('set the message types a peer may send (control messages are always allowed)')
    .argument('<state>')
    .argument('<types>', 'comma-separated message types, or "" for none')
    .action(async (state: string, types: string) => {
      await withService('custodia peers allow', async (svc) => printPeer(await svc.updatePeer(cliActor(), state.toUpperCase(), { allowedTypes: list(types) })));
    });

  peers
    .command('relay')
    .description("deliver to a peer through another peer's node (encrypted to the recipient, the relay reads only the routing), or --direct again; envelopes this node carries for others to that peer take the same route (chained relays)")
    .argument('<state>', 'the peer this node cannot reach directly')
    .option('--via <relay>', 'the enrolled peer whose node carries the envelopes')
    .option('--direct', 'deliver directly again')
    .action(async (state: string, opts: { via?: string; direct?: boolean }) => {
      if (!opts.via === !opts.direct) throw new Error('give either --via <relay> or --direct');
      await withService('custodia peers relay', async (svc) => printPeer(await svc.updatePeer(cliActor(), state.toUpperCase(), { relayVia: opts.via ? opts.via.toUpperCase() : null })));
    });

  peers
    .command('carry-for')
    .description('let a peer hand this node envelopes for other enrolled peers, which this node forwards unread (--off to stop)')
    .argument('<state>')
    .option('--off', 'stop carrying for it')
    .action(async (state: string, opts: { off?: boolean }) => {
      await withService('custodia peers carry-for', async (svc) => printPeer(await svc.updatePeer(cliActor(), state.toUpperCase(), { relayAllowed: !opts.off })));
    });

  peers
    .command('rotate-pin')
    .description("re-pin a peer's signing key by hand, after comparing its new fingerprint out of band (its old key was lost or leaked)")
    .argument('<state>')
    .requiredOption('--fingerprint <fp>', 'the new key\'s enrolment fingerprint, as the peer read it out')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--grace-hours <n>', 'hours the previous keys stay accepted for envelopes in flight', '0')
    .action(async (state: string, opts: { fingerprint: string; reason: string; graceHours: string }) => {
      await withService('custodia peers rotate-pin', async (svc) =>
        printPeer(await svc.repinPeer(cliActor(), state.toUpperCase(), { fingerprint: opts.fingerprint, reason: opts.reason, graceHours: Number(opts.graceHours) })),
      );
    });
}
