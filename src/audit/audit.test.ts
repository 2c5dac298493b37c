import { createPublicKey, verify as edVerify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { Frontier, hashLeaf, rootOfLeaves, verifyConsistency, verifyInclusion } from '../platform/audit/merkle.ts';
import { entryBytes, entryFromRow, holdAuditHead, recordAuditBatch, recordAuditBatchHashed, type AuditLogRow } from '../platform/audit/record.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { loadNodeKeys, rotateNodeKeys } from '../platform/crypto/keys.ts';
import type { Queryable } from '../platform/db/types.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { formatVerifyReport } from './cli.ts';
import { createAuditService, startCheckpointTimer } from './service.ts';
import type { ProblemKind, VerifyReport } from './verify.ts';
import { MODULES } from '../modules.ts';
import { buildCatalog } from '../platform/module.ts';

/** A tiny audited entity for these tests: a table, a state function of its row, a loader. */
interface WidgetRow {
  id: string;
  name: string;
  qty: number;
}
const widgetState = (r: WidgetRow) => ({ id: r.id, name: r.name, qty: Number(r.qty) });
const WIDGET = defineAuditedEntity({
  entity: 'test_widget',
  async load(db: Queryable, ids: readonly string[]) {
    const rows = await db.query<WidgetRow>('SELECT id, name, qty FROM test_widget WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id, widgetState(r)]));
  },
});
/** The node's modules plus one that declares the widgets, as a module would. */
const WIDGET_MODULES = [...MODULES, { name: 'test-widgets', auditedEntities: [WIDGET] }];
const WIDGETS = buildCatalog(WIDGET_MODULES);

const clerk: Actor = { kind: 'user', userId: '0190a000-0000-7000-8000-000000000001', name: 'Clerk One', role: 'registry_clerk', organisationId: null };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tempKeysDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-audit-keys-'));
  dirs.push(d);
  return path.join(d, 'keys');
}

const b = (s: string) => Buffer.from(s, 'base64');
const kinds = (r: VerifyReport) => r.problems.map((p) => p.kind);

describeEngines('audit log', (engine) => {
  // One database per engine (opening and migrating one is the slow part); each test starts from an
  // empty log, a fresh key directory and a reset clock.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { keysDir: tempKeysDir() }, { modules: WIDGET_MODULES });
    await t.deps.db.exec('CREATE TABLE test_widget (id text PRIMARY KEY, name text NOT NULL, qty integer NOT NULL)');
  });
  beforeEach(async () => {
    await t.deps.db.exec('TRUNCATE audit_log, audit_node, audit_checkpoint, test_widget; UPDATE audit_head SET size = 0;');
    t.deps.config.keysDir = tempKeysDir();
    t.deps.clock.set('2026-06-01T10:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  /** Writes `names` as widgets in one transaction, each with its audit entry. */
  async function writeWidgets(names: string[], actor: Actor = clerk): Promise<string[]> {
    return t.deps.db.transaction(async (tx) => {
      const rows = names.map((name, i) => ({ id: `w-${name}`, name, qty: i + 1 }));
      await tx.query(
        `INSERT INTO test_widget (id, name, qty) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, qty = EXCLUDED.qty`,
        [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.qty)],
      );
      await recordAuditBatch(
        tx,
        actor,
        t.deps.clock,
        rows.map((r) => ({ action: 'test.widget.save', entity: 'test_widget', entityId: r.id, reason: 'test', state: widgetState(r) })),
      );
      return rows.map((r) => r.id);
    });
  }

  async function allRows(): Promise<AuditLogRow[]> {
    return t.deps.db.query<AuditLogRow>('SELECT * FROM audit_log ORDER BY seq');
  }

  it('stores every complete subtree with the entries, so stored proofs verify for every entry and every pair of sizes', async () => {
    const batches = [1, 3, 1, 8, 2, 5, 1, 16, 4];
    let n = 0;
    for (const size of batches) {
      await writeWidgets(Array.from({ length: size }, () => `n${n++}`));
    }
    const rows = await allRows();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: n }, (_, i) => i));
    const leaves = rows.map((r) => hashLeaf(entryBytes(entryFromRow(r))));
    rows.forEach((r, i) => expect(Buffer.from(r.leaf_hash).equals(leaves[i])).toBe(true));

    const nodes = await t.deps.db.query<{ level: number; idx: number; hash: Uint8Array }>('SELECT level, idx, hash FROM audit_node');
    const f = new Frontier();
    const expected = new Map<string, string>();
    for (const leaf of leaves) f.append(leaf, (level, index, hash) => expected.set(`${level}:${index}`, hash.toString('hex')));
    expect(new Map(nodes.map((x) => [`${x.level}:${x.idx}`, Buffer.from(x.hash).toString('hex')]))).toEqual(expected);

    const service = createAuditService(t.deps, WIDGETS);
    for (let size = 1; size <= n; size++) {
      const root = rootOfLeaves(leaves.slice(0, size));
      for (let i = 0; i < size; i += 3) {
        const p = await service.inclusionProof(SYSTEM_ACTOR, { seq: i, treeSize: size });
        expect(b(p.rootHash).equals(root)).toBe(true);
        verifyInclusion(i, size, b(p.leafHash), p.proof.map(b), root);
      }
      const c = await service.consistencyProof(SYSTEM_ACTOR, { from: Math.max(1, size - 7), to: n });
      verifyConsistency(c.fromSize, c.toSize, c.proof.map(b), b(c.fromRoot), b(c.toRoot));
      expect(b(c.fromRoot).equals(rootOfLeaves(leaves.slice(0, c.fromSize)))).toBe(true);
    }
  });

  it('a rolled-back write leaves no entry and no node behind', async () => {
    await writeWidgets(['a', 'b', 'c']);
    await expect(
      t.deps.db.transaction(async (tx) => {
        await recordAuditBatch(tx, clerk, t.deps.clock, [{ action: 'x', entity: 'test_widget', entityId: 'w-z', state: {} }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await writeWidgets(['d']);
    const rows = await allRows();
    expect(rows.map((r) => Number(r.seq))).toEqual([0, 1, 2, 3]);
    expect((await createAuditService(t.deps, WIDGETS).verify(SYSTEM_ACTOR)).ok).toBe(true);
  });

  it('a hold on the head carries the frontier between one transaction\'s appends, reads it again when another append moved the head, and refuses another transaction', async () => {
    await writeWidgets(['a', 'b', 'c', 'd', 'e']);
    let n = 0;
    /** Widgets written and audited through the hold (hashed inputs, as the bulk import appends). */
    const viaHold = async (tx: Queryable, hold: ReturnType<typeof holdAuditHead>, count: number) => {
      const rows = Array.from({ length: count }, () => ({ id: `w-h${n}`, name: `h${n++}`, qty: 1 }));
      await tx.query('INSERT INTO test_widget (id, name, qty) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])', [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.qty)]);
      const inputs = rows.map((r) => ({ action: 'test.widget.save', entity: 'test_widget', entityId: r.id, stateHash: stateHash(widgetState(r)) }));
      await recordAuditBatchHashed(tx, clerk, t.deps.clock, inputs, { hold });
    };
    let outside: ReturnType<typeof holdAuditHead> | undefined;
    await t.deps.db.transaction(async (tx) => {
      const hold = holdAuditHead(tx);
      outside = hold;
      await viaHold(tx, hold, 3);
      await viaHold(tx, hold, 6);
      expect(hold.frontier?.size).toBe(5 + 9);
      // Appended without the hold: the kept frontier is a size behind, so the next append reads it again.
      await recordAuditBatch(tx, clerk, t.deps.clock, [{ action: 'test.widget.save', entity: 'test_widget', entityId: 'w-a', state: widgetState({ id: 'w-a', name: 'a', qty: 1 }) }]);
      await viaHold(tx, hold, 7);
      expect(hold.frontier?.size).toBe(5 + 9 + 1 + 7);
    });
    await expect(t.deps.db.transaction((tx) => viaHold(tx, outside!, 1))).rejects.toThrow('the audit head is held for another transaction');
    await writeWidgets(['f']);

    const rows = await allRows();
    const leaves = rows.map((r) => hashLeaf(entryBytes(entryFromRow(r))));
    const f = new Frontier();
    const expected = new Map<string, string>();
    for (const leaf of leaves) f.append(leaf, (level, index, hash) => expected.set(`${level}:${index}`, hash.toString('hex')));
    const nodes = await t.deps.db.query<{ level: number; idx: number; hash: Uint8Array }>('SELECT level, idx, hash FROM audit_node');
    expect(new Map(nodes.map((x) => [`${x.level}:${x.idx}`, Buffer.from(x.hash).toString('hex')]))).toEqual(expected);
    expect((await createAuditService(t.deps, WIDGETS).verify(SYSTEM_ACTOR)).ok).toBe(true);
  });

  it('signs checkpoints over the canonical text with the node key, verifiable from the JWK set; the timer job skips when nothing was written', async () => {
    const service = createAuditService(t.deps, WIDGETS);
    expect(await service.checkpointIfNeeded()).toBeNull();
    await writeWidgets(['a', 'b', 'c', 'd', 'e']);
    const cp = (await service.checkpointIfNeeded())!;
    expect(cp.treeSize).toBe(5);
    expect(cp.text).toBe(`custodia/XC/audit\n5\n${cp.rootHash}\ntime 2026-06-01T10:00:00.000Z\n`);
    const leaves = (await allRows()).map((r) => Buffer.from(r.leaf_hash));
    expect(b(cp.rootHash).equals(rootOfLeaves(leaves))).toBe(true);
    const keys = await loadNodeKeys(t.deps.config);
    const jwk = keys.publicJwks().keys.find((k) => k.kid === cp.kid)!;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    expect(edVerify(null, Buffer.from(cp.text), publicKey, b(cp.signature))).toBe(true);
    expect(edVerify(null, Buffer.from(cp.text.replace('\n5\n', '\n6\n')), publicKey, b(cp.signature))).toBe(false);
    expect(await service.checkpointIfNeeded()).toBeNull();
    t.deps.clock.advance(60_000);
    await writeWidgets(['f']);
    expect((await service.checkpointIfNeeded())?.treeSize).toBe(6);
  });

  it('the serve timer signs a checkpoint after writes and stops cleanly', async () => {
    await writeWidgets(['a', 'b']);
    const timer = startCheckpointTimer(createAuditService(t.deps, WIDGETS), t.deps, 20);
    try {
      // Until the timer has signed (no count of polls: under load a tick comes late; the test timeout bounds it).
      let latest: { tree_size: number }[] = [];
      while (latest.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        latest = await t.deps.db.query<{ tree_size: number }>('SELECT tree_size FROM audit_checkpoint');
      }
      expect(latest.map((r) => Number(r.tree_size))).toEqual([2]);
    } finally {
      await timer.stop();
    }
    // No new writes: no new checkpoint, however long it ran.
    expect(await t.deps.db.query('SELECT id FROM audit_checkpoint')).toHaveLength(1);
  });

  it('the CLI report names every problem and says FAILED', async () => {
    const service = createAuditService(t.deps, WIDGETS);
    await writeWidgets(['a', 'b', 'c']);
    await service.createCheckpoint(SYSTEM_ACTOR);
    expect(formatVerifyReport(await service.verify(SYSTEM_ACTOR))).toContain('OK: nothing was altered, removed or reordered');
    await t.deps.db.query('DELETE FROM audit_log WHERE seq = 1');
    const text = formatVerifyReport(await service.verify(SYSTEM_ACTOR));
    expect(text).toContain('FAILED');
    expect(text).toContain('[entry-missing] entry seq 1 was removed from the log');
  });

  it('HTTP: latest checkpoint, inclusion proof against it, consistency proof, browse with filters and cursor; roles enforced', async () => {
    await writeWidgets(['a', 'b', 'c']);
    await writeWidgets(['d', 'e'], { ...clerk, name: 'Clerk Two', userId: '0190a000-0000-7000-8000-000000000002' });
    const auditor = await t.headersFor('auditor');
    const admin = await t.headersFor('administrator');
    const clerkHeaders = await t.headersFor('registry_clerk');

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints/latest', headers: auditor })).statusCode).toBe(404);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: admin });
    expect(created.statusCode).toBe(201);
    expect(created.json().treeSize).toBe(5);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: clerkHeaders })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries', headers: clerkHeaders })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries' })).statusCode).toBeGreaterThanOrEqual(401);

    const latest = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints/latest', headers: auditor });
    expect(latest.statusCode).toBe(200);
    const cp = latest.json();
    await writeWidgets(['f', 'g']);

    const entry = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries/3', headers: auditor })).json();
    expect(entry.actorName).toBe('Clerk Two');
    const byId = await t.app.inject({ method: 'GET', url: `/api/v1/audit/proofs/inclusion?id=${entry.id}`, headers: auditor });
    expect(byId.statusCode).toBe(200);
    const proof = byId.json();
    expect(proof.treeSize).toBe(5);
    expect(proof.checkpoint.id).toBe(cp.id);
    verifyInclusion(3, 5, b(proof.leafHash), proof.proof.map(b), b(cp.rootHash));
    expect(hashLeaf(entryBytes({ ...entry, leafHash: undefined })).toString('base64')).toBe(proof.leafHash);

    const current = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/proofs/inclusion?seq=6', headers: auditor })).json();
    expect(current.checkpoint).toBeNull();
    expect(current.treeSize).toBe(7);
    verifyInclusion(6, 7, b(current.leafHash), current.proof.map(b), b(current.rootHash));
    const beyond = await t.app.inject({ method: 'GET', url: '/api/v1/audit/proofs/inclusion?seq=6&treeSize=9', headers: auditor });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().errors[0].field).toBe('treeSize');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/proofs/inclusion?seq=99', headers: auditor })).statusCode).toBe(404);

    const cons = (await t.app.inject({ method: 'GET', url: `/api/v1/audit/proofs/consistency?from=${cp.treeSize}`, headers: auditor })).json();
    expect(cons.fromRoot).toBe(cp.rootHash);
    verifyConsistency(cons.fromSize, cons.toSize, cons.proof.map(b), b(cp.rootHash), b(cons.toRoot));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/proofs/consistency?from=3&to=50', headers: auditor })).statusCode).toBe(400);

    const page1 = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries?limit=3', headers: auditor })).json();
    expect(page1.items.map((e: { seq: number }) => e.seq)).toEqual([6, 5, 4]);
    const page2 = (await t.app.inject({ method: 'GET', url: `/api/v1/audit/entries?limit=3&cursor=${page1.nextCursor}`, headers: auditor })).json();
    expect(page2.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2, 1]);
    const filtered = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries?actorName=Clerk%20Two', headers: auditor })).json();
    expect(filtered.items.map((e: { entityId: string }) => e.entityId)).toEqual(['w-e', 'w-d']);
    const one = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries?entity=test_widget&entityId=w-b', headers: auditor })).json();
    expect(one.items).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries?cursor=garbage', headers: auditor })).statusCode).toBe(400);

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints', headers: auditor })).json();
    expect(list.items).toHaveLength(1);
    const verify = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor });
    expect(verify.statusCode).toBe(200);
    expect(verify.json().ok).toBe(true);
  });

  it('verify passes on an untouched log, across a key rotation', async () => {
    const service = createAuditService(t.deps, WIDGETS);
    await writeWidgets(['a', 'b', 'c', 'd']);
    await service.createCheckpoint(SYSTEM_ACTOR);
    await rotateNodeKeys(t.deps.config);
    await writeWidgets(['e', 'a']);
    await service.createCheckpoint(SYSTEM_ACTOR);
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, treeSize: 6, entriesChecked: 6, checkpointsChecked: 2, recordsChecked: 5 });
  });

  async function tamperedLog(): Promise<ReturnType<typeof createAuditService>> {
    const service = createAuditService(t.deps, WIDGETS);
    await writeWidgets(['a', 'b', 'c', 'd', 'e', 'f']);
    await service.createCheckpoint(SYSTEM_ACTOR);
    await writeWidgets(['g', 'h', 'i']);
    await service.createCheckpoint(SYSTEM_ACTOR);
    expect((await service.verify(SYSTEM_ACTOR)).ok).toBe(true);
    return service;
  }

  it('names a record changed behind the application, and one removed from its table', async () => {
    const service = await tamperedLog();
    await t.deps.db.query("UPDATE test_widget SET qty = 999 WHERE id = 'w-c'");
    await t.deps.db.query("DELETE FROM test_widget WHERE id = 'w-h'");
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.entityId])).toEqual(
      expect.arrayContaining([
        ['record-altered', 'w-c'],
        ['record-missing', 'w-h'],
      ]),
    );
    expect(report.problemCount).toBe(2);
  });

  it('names a deleted audit entry', async () => {
    const service = await tamperedLog();
    await t.deps.db.query('DELETE FROM audit_log WHERE seq = 4');
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.ok).toBe(false);
    const missing = report.problems.filter((p) => p.kind === 'entry-missing');
    expect(missing.map((p) => p.seq)).toEqual([4]);
    expect(missing[0].message).toContain('seq 4');
    // Both checkpoints covered seq 4, so both signed roots now disagree.
    expect(kinds(report).filter((k) => k === 'checkpoint-root')).toHaveLength(2);
  });

  it('names removed trailing entries even when the head counter was rolled back too', async () => {
    const service = await tamperedLog();
    await t.deps.db.query('DELETE FROM audit_log WHERE seq >= 7');
    await t.deps.db.query('UPDATE audit_head SET size = 7');
    const report = await service.verify(SYSTEM_ACTOR);
    const beyond = report.problems.find((p) => p.kind === 'checkpoint-beyond-log');
    expect(beyond?.message).toContain('entries 7..8 were removed');
  });

  it('names two swapped audit rows as reordered', async () => {
    const service = await tamperedLog();
    await t.deps.db.query('UPDATE audit_log SET seq = -1 WHERE seq = 2');
    await t.deps.db.query('UPDATE audit_log SET seq = 2 WHERE seq = 5');
    await t.deps.db.query('UPDATE audit_log SET seq = 5 WHERE seq = -1');
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.ok).toBe(false);
    const reordered = report.problems.filter((p) => p.kind === 'entry-reordered');
    expect(reordered.map((p) => p.seq).sort()).toEqual([2, 5]);
    expect(reordered.find((p) => p.seq === 2)?.message).toContain('recorded at seq 5 but now sits at seq 2');
  });

  it('names an audit entry whose columns were edited, and one rewritten together with its leaf hash', async () => {
    const service = await tamperedLog();
    await t.deps.db.query("UPDATE audit_log SET actor_name = 'Somebody Else' WHERE seq = 1");
    let report = await service.verify(SYSTEM_ACTOR);
    expect(report.problems.filter((p) => p.kind === 'entry-altered').map((p) => p.seq)).toEqual([1]);

    // A careful forger also recomputes the leaf hash: the stored tree and the signed roots still catch it.
    const [row] = await t.deps.db.query<AuditLogRow>('SELECT * FROM audit_log WHERE seq = 1');
    const leaf = hashLeaf(entryBytes(entryFromRow(row)));
    await t.deps.db.query('UPDATE audit_log SET leaf_hash = $1 WHERE seq = 1', [leaf]);
    report = await service.verify(SYSTEM_ACTOR);
    expect(report.ok).toBe(false);
    const node = report.problems.find((p) => p.kind === 'node-mismatch');
    expect(node?.node).toEqual({ level: 1, index: 0 });
    expect(node?.message).toContain('entries 0..1');
    expect(kinds(report).filter((k) => k === 'checkpoint-root')).toHaveLength(2);
  });

  it('names a forged checkpoint', async () => {
    const service = await tamperedLog();
    const [cp] = await t.deps.db.query<{ id: string }>('SELECT id FROM audit_checkpoint ORDER BY tree_size LIMIT 1');
    // Claim a different root for the same size, keeping the old signature.
    await t.deps.db.query("UPDATE audit_checkpoint SET root_hash = decode(repeat('ab', 32), 'hex') WHERE id = $1", [cp.id]);
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.ok).toBe(false);
    const forged = report.problems.filter((p) => p.kind === 'checkpoint-signature');
    expect(forged.map((p) => p.checkpointId)).toEqual([cp.id]);

    // A checkpoint signed by a key this node never had.
    const other = await loadNodeKeys({ keysDir: tempKeysDir() });
    const text = `custodia/XC/audit\n9\n${Buffer.alloc(32).toString('base64')}\ntime 2026-06-01T10:00:00.000Z\n`;
    await t.deps.db.query(
      "INSERT INTO audit_checkpoint (id, origin, tree_size, root_hash, at, kid, signature) VALUES ('0190a000-0000-7000-8000-0000000000ff', 'custodia/XC/audit', 9, $1, '2026-06-01T10:00:00Z', $2, $3)",
      [Buffer.alloc(32), other.kid, other.signBytes(Buffer.from(text))],
    );
    const again = await service.verify(SYSTEM_ACTOR);
    expect(again.problems.filter((p) => p.kind === 'checkpoint-signature').map((p) => p.checkpointId)).toContain('0190a000-0000-7000-8000-0000000000ff');
    const kindsSeen = new Set<ProblemKind>(kinds(again));
    expect(kindsSeen.has('checkpoint-root')).toBe(true);
  });

  it('names a stored Merkle node that was altered', async () => {
    const service = await tamperedLog();
    await t.deps.db.query("UPDATE audit_node SET hash = decode(repeat('00', 32), 'hex') WHERE level = 2 AND idx = 1");
    const report = await service.verify(SYSTEM_ACTOR);
    expect(report.problems.map((p) => [p.kind, p.node])).toEqual([['node-mismatch', { level: 2, index: 1 }]]);
  });

  it('reports its progress: entries batch by batch up to the tree size, then the records re-hashed', async () => {
    const service = await tamperedLog();
    const seen: string[] = [];
    const report = await service.verify(SYSTEM_ACTOR, { batchSize: 4, recordBatchSize: 5, onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(report.recordsChecked).toBe(9);
    expect(seen).toEqual(['entries 4/9', 'entries 8/9', 'entries 9/9', 'records 5/0', 'records 9/0']);
  });

  it('reading in small batches, names a node cut to 31 bytes and a removed node without misreading their neighbours', async () => {
    const service = await tamperedLog();
    // Nodes are read per level as one concatenated value; a short hash must not shift the others.
    await t.deps.db.query("UPDATE audit_node SET hash = decode(repeat('ab', 31), 'hex') WHERE level = 1 AND idx = 1");
    await t.deps.db.query('DELETE FROM audit_node WHERE level = 1 AND idx = 3');
    for (const batchSize of [2, 3, 1_000]) {
      const report = await service.verify(SYSTEM_ACTOR, { batchSize });
      expect(report.entriesChecked).toBe(9);
      expect(report.problems.map((p) => [p.kind, p.node])).toEqual([
        ['node-mismatch', { level: 1, index: 1 }],
        ['node-missing', { level: 1, index: 3 }],
      ]);
    }
  });
});
