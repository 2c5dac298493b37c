import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { createReadRouting, type ReadRouting, type RouteReason } from '../src/platform/db/replica.ts';
import type { Db } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import type { FastifyInstance } from 'fastify';
import { freePort, until } from './support/processes.ts';
import { insertMachineToken } from './support/tokens.ts';

/**
 * DATABASE_READ_URL against a real streaming replica on loopback: a primary cluster made with initdb and
 * a standby made with `pg_basebackup -R`, both under a temporary directory, started and stopped here
 * (the system's own cluster is never touched). The replay of the standby is paused to make it lag on
 * purpose, and it is stopped to make it fail.
 */
function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (process.env.CUSTODIA_PG_BIN) return process.env.CUSTODIA_PG_BIN;
  try {
    const v = fs
      .readdirSync(root)
      .filter((d) => ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) => fs.existsSync(path.join(root, d, 'bin', b))))
      .sort((a, b) => Number(b) - Number(a))[0];
    return v ? path.join(root, v, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

const BIN = findPgBin();
const asRoot = process.getuid?.() === 0;

function pgRun(tool: string, args: string[]): string {
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const cmd = asRoot ? ['runuser', '-u', 'postgres', '--', path.join(BIN!, tool), ...args] : [path.join(BIN!, tool), ...args];
  return execFileSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

describe.skipIf(!BIN)(`read replica (DATABASE_READ_URL) on a streaming standby${BIN ? '' : ' — skipped: PostgreSQL server binaries (initdb, pg_basebackup) are not installed'}`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-replica-'));
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  let primaryUrl: string;
  let standbyUrl: string;
  let primaryAdmin: pg.Client;
  let standbyAdmin: pg.Client;
  let primary: Db;
  let replica: Db;
  let reads: ReadRouting;
  let app: FastifyInstance;
  const routed: { target: string; reason: RouteReason }[] = [];
  const headers: Record<string, Record<string, string>> = {};

  const caughtUp = async () => {
    const [{ lsn }] = (await primaryAdmin.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows;
    const [{ ok }] = (await standbyAdmin.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn])).rows;
    return ok;
  };
  const get = async (who: 'clerk' | 'auditor', url: string) => {
    routed.length = 0;
    const res = await app.inject({ method: 'GET', url: `/api/v1/registry${url}`, headers: headers[who] });
    return { status: res.statusCode, body: res.json(), routed: [...routed] };
  };

  beforeAll(async () => {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      fs.chownSync(dir, uid, gid);
    }
    const [pPort, sPort] = [await freePort(), await freePort()];
    pgRun('initdb', ['-D', primaryDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const common = `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nwal_level = replica\nmax_wal_senders = 4\n`;
    fs.appendFileSync(path.join(primaryDir, 'postgresql.conf'), `${common}port = ${pPort}\n`);
    pgRun('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
    primaryUrl = `postgres://postgres@127.0.0.1:${pPort}/custodia`;
    primaryAdmin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pPort}/postgres` });
    await primaryAdmin.connect();
    await primaryAdmin.query('CREATE DATABASE custodia');

    pgRun('pg_basebackup', ['-h', '127.0.0.1', '-p', String(pPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '--no-sync']);
    fs.appendFileSync(path.join(standbyDir, 'postgresql.conf'), `port = ${sPort}\n`);
    pgRun('pg_ctl', ['-D', standbyDir, '-l', path.join(dir, 'standby.log'), '-w', 'start']);
    standbyUrl = `postgres://postgres@127.0.0.1:${sPort}/custodia`;
    standbyAdmin = new pg.Client({ connectionString: standbyUrl });
    await standbyAdmin.connect();

    primary = await openPostgres(primaryUrl, 4);
    await migrate(primary);
    replica = await openPostgres(standbyUrl, { poolSize: 4, connectTimeoutMs: 1000, probe: false });
    reads = createReadRouting(primary, replica, { maxLagSeconds: 3600, statusTtlMs: 0, onRoute: (target, reason) => routed.push({ target, reason }) });
    const deps: Deps = { db: reads.primary, reads, clock: new FixedClock(new Date('2026-06-01T10:00:00Z')), config: testConfig({ keysDir: path.join(dir, 'keys') }), log: { info() {}, warn() {}, error() {}, debug() {} } };
    app = await buildApp({ deps });
    await app.ready();
    for (const [who, role] of [['clerk', 'registry_clerk'], ['auditor', 'auditor']] as const) {
      headers[who] = (await insertMachineToken(primary, { role, username: who, now: new Date(), expiresAt: new Date('2999-01-01T00:00:00Z') })).headers;
    }
    await until('the standby to replay the schema', caughtUp);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await primary?.close();
    await replica?.close();
    await primaryAdmin?.end().catch(() => undefined);
    await standbyAdmin?.end().catch(() => undefined);
    for (const d of [standbyDir, primaryDir]) {
      try {
        pgRun('pg_ctl', ['-D', d, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const register = async (serial: string) => {
    const maker = await app.inject({ method: 'POST', url: '/api/v1/registry/parties', headers: headers.clerk, payload: { kind: 'organisation', roles: ['manufacturer'], name: `Maker ${serial}`, country: 'NL' } });
    expect(maker.statusCode).toBe(201);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/registry/items',
      headers: headers.clerk,
      payload: {
        item: { kind: 'firearm', firearmType: 'pistol', make: 'Glock', model: '17', calibre: '9x19mm' },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Glock', countryOfManufacture: 'AT', serialNumber: serial }],
        event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId: maker.json().id },
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  it('serves item pages and searches from the replica once it has replayed the writes', async () => {
    const id = await register('RPL-0001');
    await until('the standby to replay the item', caughtUp);
    const page = await get('auditor', `/items/${id}`);
    expect(page.status).toBe(200);
    expect(page.routed).toEqual([{ target: 'replica', reason: 'replica' }]);
    const found = await get('clerk', '/items?serial=RPL-0001');
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(found.routed).toEqual([{ target: 'replica', reason: 'replica' }]);
  });

  it('never serves a stale read after a write in the same session: the writer reads from the primary until the replica has replayed it', async () => {
    await standbyAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      const id = await register('RPL-0002');
      const own = await get('clerk', `/items/${id}`);
      expect(own.status).toBe(200);
      expect(own.routed).toEqual([{ target: 'primary', reason: 'own-write' }]);
      const search = await get('clerk', '/items?serial=RPL-0002');
      expect(search.body.items).toHaveLength(1);
      // Another user may read the replica, which has not replayed the item yet: the stale read a replica allows.
      const other = await get('auditor', `/items/${id}`);
      expect(other.status).toBe(404);
      expect(other.routed).toEqual([{ target: 'replica', reason: 'replica' }]);

      // Beyond the allowed lag, nobody reads from the replica.
      const strict = createReadRouting(reads.primary, replica, { maxLagSeconds: 0, statusTtlMs: 0, onRoute: (target, reason) => routed.push({ target, reason }) });
      await until('the standby to receive WAL it does not replay', async () => ((await strict.status())?.lagSeconds ?? 0) > 0);
      routed.length = 0;
      const viaStrict = await strict.forActor({ kind: 'token', userId: null, name: 'someone', role: 'auditor', organisationId: null }).query<{ n: number }>(
        "SELECT count(*)::int AS n FROM registry_items WHERE serial_number = 'RPL-0002'",
      );
      expect(viaStrict[0].n).toBe(1);
      expect(routed).toEqual([{ target: 'primary', reason: 'lag' }]);
    } finally {
      await standbyAdmin.query('SELECT pg_wal_replay_resume()');
    }
    await until('the standby to catch up', caughtUp);
    const back = await get('clerk', '/items?serial=RPL-0002');
    expect(back.routed).toEqual([{ target: 'replica', reason: 'replica' }]);
    expect(back.body.items).toHaveLength(1);
  });

  it('falls back to the primary when the replica is down, and says so in /readyz', async () => {
    const id = await register('RPL-0003');
    await standbyAdmin.end();
    pgRun('pg_ctl', ['-D', standbyDir, '-m', 'fast', '-w', 'stop']);
    const page = await get('auditor', `/items/${id}`);
    expect(page.status).toBe(200);
    expect(page.routed).toEqual([{ target: 'primary', reason: 'down' }]);
    const again = await get('auditor', `/items/${id}`);
    expect(again.routed).toEqual([{ target: 'primary', reason: 'down' }]);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toMatchObject({ database: 'ok', replica: 'unavailable' });
  });
});
