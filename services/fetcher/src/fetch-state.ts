/**
 * What the fetcher must not forget: which articles it emitted (by id) and, per source, the HTTP validators
 * and the next poll time. Kept in memory, written as records to the `fetch.state` topic by the worker
 * (after the article itself is acknowledged) and read back at start-up.
 *
 * Bounded: an article id is remembered for `seenDays` after a source last listed it. An id that a source
 * still lists is written again once its record is older than half the window, so it never expires while a
 * feed, sitemap or folder still offers it; ids that no source offers any more are forgotten after the
 * window, in memory at once and in the topic by its retention (see topics.ts).
 */
import type { FetchStateRecord } from '@arabic-news/shared';

export type { FetchStateRecord };

export interface SourceState {
  etag?: string;
  lastModified?: string;
  nextPollAt?: number;
  listedAt?: number;
}

export const stateKey = (record: FetchStateRecord): string => (record.kind === 'seen' ? `seen:${record.id}` : `source:${record.name}`);

const DAY_MS = 86_400_000;
export const DEFAULT_SEEN_DAYS = 180;

export interface FetchStateOptions {
  /** Writes records durably (the worker: to Kafka); resolves when they are acknowledged. */
  persist?: (records: FetchStateRecord[]) => Promise<void>;
  /** How long an id no source lists any more is remembered. */
  seenDays?: number;
  now?: () => number;
}

export class FetchState {
  /** id → when a source last listed it (ms); insertion order is oldest first (a refresh moves it last). */
  private readonly seen = new Map<string, number>();
  private readonly sources = new Map<string, SourceState>();
  private readonly persist: (records: FetchStateRecord[]) => Promise<void>;
  private readonly windowMs: number;
  private readonly now: () => number;
  private expiredTotal = 0;

  constructor({ persist = async () => {}, seenDays = DEFAULT_SEEN_DAYS, now = Date.now }: FetchStateOptions = {}) {
    this.persist = persist;
    this.windowMs = seenDays * DAY_MS;
    this.now = now;
  }

  apply(record: FetchStateRecord): void {
    if (record.kind === 'source') {
      const { kind: _, name, ...state } = record;
      this.sources.set(name, state);
      return;
    }
    const at = Date.parse(record.at);
    if (!(at > this.now() - this.windowMs)) return; // expired (or unreadable): forgotten
    this.seen.delete(record.id);
    this.seen.set(record.id, at);
  }

  hasSeen(id: string): boolean {
    return this.seen.has(id);
  }

  /**
   * Records that these ids were emitted, or are still listed by a source: new ids, and known ids whose
   * record is older than half the window (so that a listed article is never forgotten), are persisted.
   */
  async markSeen(...ids: string[]): Promise<void> {
    const now = this.now();
    this.expire(now);
    const records: FetchStateRecord[] = [...new Set(ids)]
      .filter((id) => (this.seen.get(id) ?? -Infinity) <= now - this.windowMs / 2)
      .map((id) => ({ kind: 'seen', id, at: new Date(now).toISOString() }));
    records.forEach((record) => this.apply(record));
    if (records.length > 0) await this.persist(records);
  }

  source(name: string): SourceState {
    return this.sources.get(name) ?? {};
  }

  /**
   * Validators for a conditional GET of a source, unless it was last read in full more than half the window
   * ago: then it is read in full, so that the articles it still lists are remembered again.
   */
  validators(name: string): { etag?: string; lastModified?: string } {
    const { etag, lastModified, listedAt } = this.source(name);
    return listedAt !== undefined && this.now() - listedAt < this.windowMs / 2 ? { etag, lastModified } : {};
  }

  /** A full read of a source: its validators (none when they must not be trusted next time) and the time. */
  async listed(name: string, validators: { etag?: string; lastModified?: string }): Promise<void> {
    await this.updateSource(name, { etag: validators.etag, lastModified: validators.lastModified, listedAt: this.now() });
  }

  async updateSource(name: string, update: SourceState): Promise<void> {
    const record: FetchStateRecord = { kind: 'source', name, ...this.source(name), ...update };
    this.apply(record);
    await this.persist([record]);
  }

  /** Forgets ids not listed for longer than the window; returns how many. */
  expire(now = this.now()): number {
    let expired = 0;
    for (const [id, at] of this.seen) {
      if (at > now - this.windowMs) break;
      this.seen.delete(id);
      expired += 1;
    }
    this.expiredTotal += expired;
    return expired;
  }

  get seenCount(): number {
    return this.seen.size;
  }

  /** Ids forgotten from memory since start-up (records already expired when read back are not counted). */
  get expiredCount(): number {
    return this.expiredTotal;
  }
}
