import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  Frontier,
  MerkleProofError,
  completeSubtrees,
  foldSubtrees,
  hashChildren,
  hashLeaf,
  proofRanges,
  rootOfLeaves,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from './merkle.ts';

// Conformance vectors: test/fixtures/merkle (source and licence in its README).
const DATA = path.resolve(import.meta.dirname, '../../../test/fixtures/merkle');
const TD = path.join(DATA, 'transparency-dev');

function vectorFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...vectorFiles(p));
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

const b64 = (s: string | null | undefined) => Buffer.from(s ?? '', 'base64');
const proofOf = (p: string[] | null) => (p ?? []).map(b64);

function outcome(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    if (!(err instanceof MerkleProofError)) throw err;
    return true;
  }
}

describe('RFC 6962 hasher vectors', () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(DATA, 'rfc6962_hasher_vectors.json'), 'utf8')) as Record<string, string>[];
  it.each(vectors.map((v) => [v.desc, v] as const))('%s', (_desc, v) => {
    const ascii = (s: string | undefined) => Buffer.from(s ?? '', 'ascii');
    let got: Buffer;
    if (v.kind === 'empty_root') got = EMPTY_ROOT;
    else if (v.kind === 'leaf') got = hashLeaf(v.input_hex !== undefined ? Buffer.from(v.input_hex, 'hex') : ascii(v.input_ascii));
    else if (v.kind === 'node') got = hashChildren(ascii(v.left_ascii), ascii(v.right_ascii));
    else throw new Error(`unknown kind ${v.kind}`);
    expect(got.toString('hex')).toBe(v.want_hex);
  });
});

describe('transparency-dev inclusion vectors', () => {
  const files = vectorFiles(path.join(TD, 'inclusion'));
  it('finds the vectors', () => expect(files.length).toBeGreaterThan(50));
  it.each(files.map((f) => [path.relative(TD, f), f] as const))('%s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failed = outcome(() => verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), proofOf(v.proof), b64(v.root)));
    expect(failed).toBe(v.wantErr);
  });
});

describe('transparency-dev consistency vectors', () => {
  const files = vectorFiles(path.join(TD, 'consistency'));
  it('finds the vectors', () => expect(files.length).toBeGreaterThan(50));
  it.each(files.map((f) => [path.relative(TD, f), f] as const))('%s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failed = outcome(() => verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2)));
    expect(failed).toBe(v.wantErr);
  });
});

describe('transparency-dev subtree inclusion vectors', () => {
  const files = vectorFiles(path.join(TD, 'subtreeinclusion'));
  it('finds the vectors', () => expect(files.length).toBeGreaterThan(50));
  it.each(files.map((f) => [path.relative(TD, f), f] as const))('%s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failed = outcome(() => verifySubtreeInclusion(v.leafIdx, v.start, v.end, b64(v.leafHash), proofOf(v.proof), b64(v.root)));
    expect(failed).toBe(v.wantErr);
  });
});

describe('transparency-dev subtree consistency vectors', () => {
  const files = vectorFiles(path.join(TD, 'subtreeconsistency'));
  it('finds the vectors', () => expect(files.length).toBeGreaterThan(50));
  it.each(files.map((f) => [path.relative(TD, f), f] as const))('%s', (_name, file) => {
    const v = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failed = outcome(() => verifySubtreeConsistency(v.start, v.end, v.size, proofOf(v.proof), b64(v.root1), b64(v.root2)));
    expect(failed).toBe(v.wantErr);
  });
});

describe('proof generation from stored complete subtrees', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
  // Every complete node, as the append path stores them.
  const nodes = new Map<string, Buffer>();
  const frontier = new Frontier();
  const roots: Buffer[] = [EMPTY_ROOT];
  leaves.forEach((leaf, i) => {
    nodes.set(`0:${i}`, leaf);
    frontier.append(leaf, (level, index, hash) => nodes.set(`${level}:${index}`, hash));
    roots.push(frontier.root());
  });
  const rangeHash = (start: number, end: number) => foldSubtrees(completeSubtrees(start, end).map((n) => nodes.get(`${n.level}:${n.index}`)!));

  it('the frontier root equals MTH at every size', () => {
    for (let n = 0; n <= leaves.length; n++) expect(roots[n].equals(rootOfLeaves(leaves.slice(0, n)))).toBe(true);
  });

  it('stored ranges fold to MTH of the range', () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (const r of proofRanges(0, 1, n)) expect(rangeHash(r.start, r.end).equals(rootOfLeaves(leaves.slice(r.start, r.end)))).toBe(true);
    }
  });

  it('inclusion proofs for every leaf of every size up to 70 verify, and fail for a wrong leaf', () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (let i = 0; i < n; i++) {
        const proof = proofRanges(i, i + 1, n).map((r) => rangeHash(r.start, r.end));
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        verifyInclusion(i, n, leaves[i], proof, roots[n]);
        expect(() => verifyInclusion(i, n, leaves[(i + 1) % leaves.length], proof, roots[n])).toThrow(MerkleProofError);
      }
    }
  });

  it('consistency proofs between every pair of sizes up to 70 verify, and fail against a wrong root', () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = m === n ? [] : proofRanges(0, m, n).map((r) => rangeHash(r.start, r.end));
        verifyConsistency(m, n, proof, roots[m], roots[n]);
        if (m < n) expect(() => verifyConsistency(m, n, proof, roots[m - 1], roots[n])).toThrow(MerkleProofError);
      }
    }
  });

  it('reports the complete nodes an append creates', () => {
    const made: string[] = [];
    const f = new Frontier();
    for (let i = 0; i < 8; i++) f.append(leaves[i], (level, index) => made.push(`${level}:${index}`));
    expect(made).toEqual(['1:0', '1:1', '2:0', '1:2', '1:3', '2:1', '3:0']);
    expect(Frontier.peakIds(13)).toEqual([{ level: 3, index: 0 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
  });
});
