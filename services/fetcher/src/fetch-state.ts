/**
 * What the fetcher must not forget: which articles it emitted (by id) and, per source, the HTTP validators
 * and the next poll time. Kept in memory, written as records to the compacted `fetch.state` topic by the
 * worker (after the article itself is acknowledged) and read back at start-up.
 */
import type { FetchStateRecord } from '@arabic-news/shared';

export type { FetchStateRecord };

export interface SourceState {
  etag?: string;
  lastModified?: string;
  nextPollAt?: number;
}

export const stateKey = (record: FetchStateRecord): string => (record.kind === 'seen' ? `seen:${record.id}` : `source:${record.name}`);

export class FetchState {
  private readonly seenIds = new Set<string>();
  private readonly sources = new Map<string, SourceState>();

  /** @param persist writes records durably (the worker: to Kafka); resolves when they are acknowledged. */
  constructor(private readonly persist: (records: FetchStateRecord[]) => Promise<void> = async () => {}) {}

  apply(record: FetchStateRecord): void {
    if (record.kind === 'seen') this.seenIds.add(record.id);
    else this.sources.set(record.name, { etag: record.etag, lastModified: record.lastModified, nextPollAt: record.nextPollAt });
  }

  hasSeen(id: string): boolean {
    return this.seenIds.has(id);
  }

  async markSeen(...ids: string[]): Promise<void> {
    const records: FetchStateRecord[] = ids
      .filter((id) => !this.seenIds.has(id))
      .map((id) => ({ kind: 'seen', id, at: new Date().toISOString() }));
    records.forEach((record) => this.apply(record));
    if (records.length > 0) await this.persist(records);
  }

  source(name: string): SourceState {
    return this.sources.get(name) ?? {};
  }

  async updateSource(name: string, update: SourceState): Promise<void> {
    const record: FetchStateRecord = { kind: 'source', name, ...this.source(name), ...update };
    this.apply(record);
    await this.persist([record]);
  }

  get seenCount(): number {
    return this.seenIds.size;
  }
}
