/**
 * The client addresses that delivered an authentic envelope lately (one that verified against an enrolled
 * peer's pinned key, answered accepted or duplicate): the inbox's rate limit gives them the peer limit
 * instead of the anonymous one. In memory, per process: after a restart a peer's first request is counted
 * as anonymous, which its first authentic envelope corrects. Bounded: the oldest address is forgotten first.
 */
export class PeerAddresses {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 4096,
  ) {}

  /** `address` delivered an authentic envelope at `now` (ms). */
  mark(address: string, now: number): void {
    this.seen.delete(address);
    this.seen.set(address, now + this.ttlMs);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
  }

  /** Whether `address` delivered an authentic envelope within the last ttl. */
  isPeer(address: string, now: number): boolean {
    const until = this.seen.get(address);
    if (until === undefined) return false;
    if (until >= now) return true;
    this.seen.delete(address);
    return false;
  }
}
