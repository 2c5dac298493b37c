/**
 * Candidate retrieval in memory: the (key → entries) relation of the active list versions (keys from
 * model.ts `entryKeys`), held as one compressed posting array (key number → a slice of entry numbers).
 * Ranking a name's candidates is a few hundred array reads; the SQL join over a key table it replaced
 * cost ~220 ms per batch of 500 names on PGlite.
 *
 * Ranking: an entry's weight is the summed weight of the name's keys it is found under (a key asked
 * twice counts twice), entries under `floor` are dropped, the rest ordered by weight descending then external id (code-point order, i.e. the C
 * collation both engines use here) then version id, and the first `limit` kept.
 */
export class KeyIndex {
  private readonly slots = new Map<string, number>();
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private readonly weight: Float64Array;
  private readonly seen: Uint8Array;

  /** `keysOf[e]` are the distinct keys of entry number `e`. */
  constructor(keysOf: ReadonlyArray<Iterable<string>>) {
    const counts: number[] = [];
    for (const keys of keysOf) {
      for (const k of keys) {
        let s = this.slots.get(k);
        if (s === undefined) {
          s = counts.length;
          this.slots.set(k, s);
          counts.push(0);
        }
        counts[s]++;
      }
    }
    this.start = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) this.start[s + 1] = this.start[s] + counts[s];
    this.items = new Int32Array(this.start[counts.length]);
    const fill = this.start.slice(0, counts.length);
    keysOf.forEach((keys, e) => {
      for (const k of keys) this.items[fill[this.slots.get(k)!]++] = e;
    });
    this.weight = new Float64Array(keysOf.length);
    this.seen = new Uint8Array(keysOf.length);
  }

  /** How many entries are found under `key` (0 when none is). */
  frequency(key: string): number {
    const s = this.slots.get(key);
    return s === undefined ? 0 : this.start[s + 1] - this.start[s];
  }

  get keyCount(): number {
    return this.slots.size;
  }

  get postingCount(): number {
    return this.items.length;
  }

  /**
   * Entry numbers sharing at least `floor` key weight with the name, best first, at most `limit`.
   * `order(a, b)` breaks ties between entries of equal weight. Synchronous, so the scratch arrays
   * shared by all calls are never seen half-filled.
   */
  rank(keys: string[], weights: number[], floor: number, limit: number, order: (a: number, b: number) => number): number[] {
    const touched: number[] = [];
    for (let j = 0; j < keys.length; j++) {
      const s = this.slots.get(keys[j]);
      if (s === undefined) continue;
      const w = weights[j];
      for (let p = this.start[s]; p < this.start[s + 1]; p++) {
        const e = this.items[p];
        if (!this.seen[e]) {
          this.seen[e] = 1;
          touched.push(e);
        }
        this.weight[e] += w;
      }
    }
    const kept: Array<{ e: number; w: number }> = [];
    for (const e of touched) {
      if (this.weight[e] >= floor) kept.push({ e, w: this.weight[e] });
      this.weight[e] = 0;
      this.seen[e] = 0;
    }
    kept.sort((a, b) => b.w - a.w || order(a.e, b.e));
    return kept.slice(0, limit).map((k) => k.e);
  }
}
