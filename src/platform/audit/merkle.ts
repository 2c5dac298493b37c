import { createHash, hash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 Merkle tree over the audit log, written on node:crypto (generic Merkle packages
 * do not use the RFC's domain separation or its unbalanced-tree shape).
 *
 *   MTH({})        = SHA-256('')
 *   leaf hash      = SHA-256(0x00 ‖ entry)
 *   node hash      = SHA-256(0x01 ‖ left ‖ right)
 *   MTH(D[n]), n>1 = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
 *
 * Storage keeps every *complete* aligned subtree: node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Any range a proof needs is a fold of at most log2(n) of them, so
 * a proof costs O(log n) keyed lookups whatever the log's size.
 *
 * Sizes and indexes are JS numbers (exact to 2^53) and use arithmetic, never 32-bit bit operators.
 */
export const HASH_SIZE = 32;
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function hashLeaf(entry: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(entry).digest();
}

/** 0x01 ‖ left ‖ right, reused: a bulk append hashes about one node per leaf (crypto.hash, one call, no Hash object). */
const CHILDREN = Buffer.alloc(1 + 2 * HASH_SIZE);
CHILDREN[0] = 1;

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
  CHILDREN.set(left, 1);
  CHILDREN.set(right, 1 + HASH_SIZE);
  return hash('sha256', CHILDREN, 'buffer');
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Smallest power of two ≥ n (n ≥ 1). */
function bitCeil(n: number): number {
  let k = 1;
  while (k < n) k *= 2;
  return k;
}

/** A contiguous range of leaves [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/** One stored complete subtree. */
export interface NodeId {
  level: number;
  index: number;
}

export function nodeKey(n: NodeId): string {
  return `${n.level}:${n.index}`;
}

/**
 * Splits [start, end) into aligned complete subtrees, left to right, largest first. For the ranges that
 * occur in RFC 6962 proofs (start aligned to the range's bit-ceiling) folding these right to left
 * gives MTH(D[start:end]).
 */
export function completeSubtrees(start: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let a = start;
  while (a < end) {
    let size = 1;
    let level = 0;
    while (a % (size * 2) === 0 && a + size * 2 <= end) {
      size *= 2;
      level += 1;
    }
    out.push({ level, index: a / size });
    a += size;
  }
  return out;
}

/** Folds the complete subtrees of a range (left to right order) into its RFC 6962 hash. */
export function foldSubtrees(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let r: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) r = hashChildren(hashes[i], r);
  return r;
}

/** RFC 6962 MTH over a list of leaf hashes (tests and small trees only: O(n) memory). */
export function rootOfLeaves(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  const rec = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return Buffer.from(leaves[lo]);
    const k = splitPoint(hi - lo);
    return hashChildren(rec(lo, lo + k), rec(lo + k, hi));
  };
  return rec(0, leaves.length);
}

/** Whether [start, end) is a subtree of some tree: start aligned to the bit-ceiling of its width. */
export function isValidSubtree(start: number, end: number): boolean {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) return false;
  return start % bitCeil(end - start) === 0;
}

/**
 * The ranges whose hashes make the proof that subtree [start, end) is part of the tree of size n, in
 * proof order. This one recursion is RFC 6962's SUBPROOF generalised to any subtree:
 * inclusion of leaf i is the subtree [i, i+1); consistency from size m is the subtree [0, m).
 */
export function proofRanges(start: number, end: number, n: number): LeafRange[] {
  const out: LeafRange[] = [];
  const rec = (s: number, e: number, lo: number, hi: number, known: boolean): void => {
    if (s === lo && e === hi) {
      if (!known) out.push({ start: lo, end: hi });
      return;
    }
    const k = lo + splitPoint(hi - lo);
    if (e <= k) {
      rec(s, e, lo, k, known);
      out.push({ start: k, end: hi });
    } else if (s >= k) {
      rec(s, e, k, hi, known);
      out.push({ start: lo, end: k });
    } else {
      // The subtree straddles the split: it is the prefix [lo, e), whose left half the verifier
      // cannot know, so from here down every node it needs is in the proof.
      rec(k, e, k, hi, false);
      out.push({ start: lo, end: k });
    }
  };
  rec(start, end, 0, n, true);
  return out;
}

export class MerkleProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleProofError';
  }
}

/**
 * Recomputes (subtree hash, tree root) from a proof built by `proofRanges`, following the same
 * recursion, and checks both against the claimed values. The proof must be consumed exactly.
 */
function verifySubtreeProof(start: number, end: number, n: number, proof: readonly Uint8Array[], subtreeHash: Uint8Array, root: Uint8Array): void {
  let i = 0;
  const next = (): Uint8Array => {
    if (i >= proof.length) throw new MerkleProofError('proof is too short');
    return proof[i++];
  };
  const rec = (s: number, e: number, lo: number, hi: number, known: boolean): { h1: Uint8Array; h2: Uint8Array } => {
    if (s === lo && e === hi) {
      if (known) return { h1: subtreeHash, h2: subtreeHash };
      const p = next();
      return { h1: p, h2: p };
    }
    const k = lo + splitPoint(hi - lo);
    if (e <= k) {
      const r = rec(s, e, lo, k, known);
      return { h1: r.h1, h2: hashChildren(r.h2, next()) };
    }
    if (s >= k) {
      const r = rec(s, e, k, hi, known);
      return { h1: r.h1, h2: hashChildren(next(), r.h2) };
    }
    const r = rec(k, e, k, hi, false);
    const p = next();
    return { h1: hashChildren(p, r.h1), h2: hashChildren(p, r.h2) };
  };
  const { h1, h2 } = rec(start, end, 0, n, true);
  if (i !== proof.length) throw new MerkleProofError('proof is too long');
  if (!Buffer.from(h1).equals(Buffer.from(subtreeHash))) throw new MerkleProofError('proof does not reproduce the first root');
  if (!Buffer.from(h2).equals(Buffer.from(root))) throw new MerkleProofError('proof does not reproduce the root');
}

function checkHashes(proof: readonly Uint8Array[]): void {
  for (const p of proof) if (p.length !== HASH_SIZE) throw new MerkleProofError(`proof hash of ${p.length} bytes`);
}

function isIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** RFC 9162 §2.1.3.2: leaf `index` with hash `leafHash` is in the tree of `size` with `root`. Throws MerkleProofError. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  if (!isIndex(index) || !isIndex(size)) throw new MerkleProofError('index and size must be non-negative integers');
  if (index >= size) throw new MerkleProofError(`index ${index} is beyond tree size ${size}`);
  if (leafHash.length !== HASH_SIZE) throw new MerkleProofError('leaf hash must be 32 bytes');
  checkHashes(proof);
  verifySubtreeProof(index, index + 1, size, proof, leafHash, root);
}

/** RFC 9162 §2.1.4.2: the tree of size1/root1 is a prefix of the tree of size2/root2. Throws MerkleProofError. */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  if (!isIndex(size1) || !isIndex(size2)) throw new MerkleProofError('sizes must be non-negative integers');
  if (size2 < size1) throw new MerkleProofError(`size2 (${size2}) < size1 (${size1})`);
  // Every tree extends the empty one, so a proof from size 0 proves nothing: refuse to "verify" it.
  if (size1 === 0) throw new MerkleProofError('a consistency proof from the empty tree is meaningless');
  if (size1 === size2) {
    if (proof.length > 0) throw new MerkleProofError('sizes are equal but the proof is not empty');
    if (!Buffer.from(root1).equals(Buffer.from(root2))) throw new MerkleProofError('sizes are equal but the roots differ');
    return;
  }
  checkHashes(proof);
  verifySubtreeProof(0, size1, size2, proof, root1, root2);
}

/** Inclusion of leaf `index` in the subtree [start, end) whose hash is `subtreeRoot`. */
export function verifySubtreeInclusion(index: number, start: number, end: number, leafHash: Uint8Array, proof: readonly Uint8Array[], subtreeRoot: Uint8Array): void {
  if (!isValidSubtree(start, end)) throw new MerkleProofError(`[${start}, ${end}) is not a valid subtree`);
  if (!isIndex(index) || index < start || index >= end) throw new MerkleProofError(`index ${index} is outside [${start}, ${end})`);
  verifyInclusion(index - start, end - start, leafHash, proof, subtreeRoot);
}

/** The subtree [start, end) with hash `subtreeRoot` is part of the tree of `size` with `root`. */
export function verifySubtreeConsistency(start: number, end: number, size: number, proof: readonly Uint8Array[], subtreeRoot: Uint8Array, root: Uint8Array): void {
  if (!isIndex(start) || !isIndex(end) || !isIndex(size)) throw new MerkleProofError('bounds must be non-negative integers');
  if (end > size) throw new MerkleProofError(`subtree end ${end} is beyond tree size ${size}`);
  if (start === end) {
    // The empty subtree is part of every tree; only its own hash can be checked.
    if (proof.length > 0) throw new MerkleProofError('empty subtree with a non-empty proof');
    if (!EMPTY_ROOT.equals(Buffer.from(subtreeRoot))) throw new MerkleProofError('empty subtree hash is not SHA-256("")');
    return;
  }
  if (!isValidSubtree(start, end)) throw new MerkleProofError(`[${start}, ${end}) is not a valid subtree`);
  if (end === size && start === 0) {
    if (proof.length > 0) throw new MerkleProofError('subtree is the whole tree but the proof is not empty');
    if (!Buffer.from(subtreeRoot).equals(Buffer.from(root))) throw new MerkleProofError('subtree is the whole tree but the roots differ');
    return;
  }
  checkHashes(proof);
  verifySubtreeProof(start, end, size, proof, subtreeRoot, root);
}

/**
 * The right edge of a growing tree: the roots of its complete subtrees ("peaks"), largest first.
 * Appending a leaf merges equal-sized peaks; each merge is a new complete node to store. The root at
 * any size is the right-to-left fold of the peaks.
 */
export class Frontier {
  /** Peaks from the left: level and hash. */
  readonly peaks: { level: number; hash: Buffer }[];
  size: number;

  constructor(size = 0, peaks: { level: number; hash: Buffer }[] = []) {
    this.size = size;
    this.peaks = peaks;
  }

  /** The complete subtrees whose roots are the peaks of a tree of `size`, left to right. */
  static peakIds(size: number): NodeId[] {
    return completeSubtrees(0, size);
  }

  /** Appends one leaf hash; calls `onNode` for every complete node (level ≥ 1) it completes. */
  append(leaf: Buffer, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let level = 0;
    let hash = leaf;
    const position = this.size;
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].level === level) {
      const left = this.peaks.pop()!;
      hash = hashChildren(left.hash, hash);
      level += 1;
      onNode?.(level, Math.floor(position / 2 ** level), hash);
    }
    this.peaks.push({ level, hash });
    this.size += 1;
  }

  root(): Buffer {
    return foldSubtrees(this.peaks.map((p) => p.hash));
  }
}
