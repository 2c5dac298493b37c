import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSecret, secretDigest, SESSION_COOKIE, SESSION_LIFETIME_MS } from '../src/accounts/model.ts';
import { insertSession } from '../src/accounts/store.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture';
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `firearm,rifle,CZ,457,22 Long Rifle,POLL-${from + i},CZ,2020`);

/**
 * A client following its own import over HTTP is answered while the import runs. On the embedded
 * database an all-or-nothing import holds the one connection in its transaction until it ends, so
 * nothing on the poll's path may need the database: the job's progress comes from memory, the API token
 * from the per-process cache (which keeps no age limit there), and the token's last-use time, due again
 * every minute, is written without the request waiting for it. The same for the browser: the import page
 * polls with its session cookie, whose last-seen time is written the same way.
 */
describeEngines('following a running import', (engine) => {
  let t: TestApp;
  let clerk: Record<string, string>;
  let browser: Record<string, string>;
  let sessionId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    clerk = await t.headersFor('registry_clerk');
    // A clerk signed in with a browser: a session row as sign-in writes it (without the password check).
    const [owner] = await t.deps.db.query<{ user_id: string }>("SELECT user_id FROM api_tokens WHERE name = 'test harness' ORDER BY created_at LIMIT 1");
    const secret = newSecret();
    sessionId = uuidv7();
    const now = t.deps.clock.now();
    await insertSession(t.deps.db, { id: sessionId, user_id: owner.user_id, secret_hash: secretDigest(secret), created_at: now, expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS), last_seen_at: now, ip: null, user_agent: null });
    browser = { cookie: `${SESSION_COOKIE}=${secret}` };
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers GET /registry/imports/:id while an all-or-nothing import holds its transaction open', async () => {
    // The token is used before the import until a request of it needs no statement: resolved, cached
    // (once the cache listens), its last use written.
    const statements = async () => (await t.app.metrics.dbQueryDuration.get()).values.filter((v) => v.metricName?.endsWith('_count')).reduce((n, v) => n + v.value, 0);
    for (const headers of [clerk, browser]) {
      for (;;) {
        const before = await statements();
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/registry/imports/01900000-0000-7000-8000-000000000000', headers })).statusCode).toBe(404);
        if ((await statements()) === before + 1) break; // the 404's own lookup of the job
        await new Promise((r) => setTimeout(r, 10));
      }
    }

    // The file's second reading (the import's; the first is its hash) stops after two batches and waits
    // for `release`, inside the import's transaction (the parser may hold a chunk's last row back until
    // more bytes come, hence five rows for two batches of two).
    const head = `${[HEADER, ...rows(0, 5)].join('\n')}\n`;
    const tail = `${rows(5, 2).join('\n')}\n`;
    const bytes = Buffer.from(head + tail, 'utf8');
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let opened = 0;
    const source = {
      fileName: 'held.csv',
      bytes: bytes.length,
      open: () =>
        ++opened === 1
          ? Readable.from([bytes])
          : Readable.from(
              (async function* () {
                yield Buffer.from(head, 'utf8');
                await released;
                yield Buffer.from(tail, 'utf8');
              })(),
            ),
    };
    const imports = t.app.services.imports;
    const started = await imports.startItemsImport(SYSTEM_ACTOR, source, { batchSize: 2 });
    // Two batches written inside the transaction, which stays open until `release`.
    for (;;) {
      const { job } = await imports.getJob(SYSTEM_ACTOR, started.job.id);
      if (job.items_created >= 4) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Past the token's touch interval (and, on PostgreSQL, the cache's age limit's worth of clock).
    t.deps.clock.advance(5 * 60_000);

    // If the poll needed the database it would wait for the import; the import is released only once
    // the poll has answered, or after a minute, in which case the poll sees the job finished and fails.
    const fallback = setTimeout(release, 60_000);
    try {
      for (const headers of [clerk, browser]) {
        const poll = await t.app.inject({ method: 'GET', url: `/api/v1/registry/imports/${started.job.id}`, headers });
        expect(poll.statusCode).toBe(200);
        expect(poll.json().status).toBe('running');
        expect(poll.json().itemsCreated).toBeGreaterThanOrEqual(4);
      }
    } finally {
      clearTimeout(fallback);
      release();
    }
    const outcome = await started.done;
    expect(outcome.job).toMatchObject({ status: 'completed', items_created: 7 });
    const done = await t.app.inject({ method: 'GET', url: `/api/v1/registry/imports/${started.job.id}`, headers: clerk });
    expect(done.json()).toMatchObject({ status: 'completed', itemsCreated: 7 });

    // The last use recorded during the import lands once the connection is free again.
    for (;;) {
      const [token] = await t.deps.db.query<{ last_used_at: Date }>("SELECT last_used_at FROM api_tokens WHERE name = 'test harness' ORDER BY created_at LIMIT 1");
      const [session] = await t.deps.db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions WHERE id = $1', [sessionId]);
      if (token.last_used_at.getTime() === t.deps.clock.now().getTime() && session.last_seen_at.getTime() === t.deps.clock.now().getTime()) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});
