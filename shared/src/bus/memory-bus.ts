import { EventEmitter } from 'node:events';
import type { Bus, BusRecord, ConsumeOptions, ConsumedRecord, Subscription } from './bus.js';

const MAX_BATCH = 100;

interface TopicLog {
  /** Offset of records[0]: records every consumer group has committed are dropped (unless retained). */
  base: number;
  records: BusRecord[];
}

/**
 * In-process bus for the embedded default and for tests of the runtime: one partition per topic,
 * committed offsets per consumer group, at-least-once like Kafka. Records live in memory, and only until
 * every consumer group of their topic has committed them, so that `pipeline run --watch` stays bounded;
 * `retain: true` keeps everything (tests inspect what was published). A topic nobody consumes (the DLQs)
 * keeps its records.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, TopicLog>();
  private readonly committed = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly events = new EventEmitter();

  constructor(private readonly options: { retain?: boolean } = {}) {
    this.events.setMaxListeners(0);
  }

  async ensureTopics(specs: { name: string }[]): Promise<void> {
    for (const spec of specs) this.log(spec.name);
  }

  async publish(topic: string, records: BusRecord[]): Promise<void> {
    this.log(topic).records.push(...records);
    this.events.emit('change');
  }

  /** The records `topic` still holds: all of them with `retain`, else those not yet consumed by every group. */
  records(topic: string): readonly BusRecord[] {
    return this.log(topic).records;
  }

  /** How many records were ever published to `topic`. */
  publishedCount(topic: string): number {
    const log = this.log(topic);
    return log.base + log.records.length;
  }

  async consume({ groupId, topic, handler }: ConsumeOptions): Promise<Subscription> {
    const position = `${groupId}\u0000${topic}`;
    if (!this.committed.has(position)) this.committed.set(position, this.log(topic).base);
    const controller = new AbortController();
    const loop = (async () => {
      while (!controller.signal.aborted) {
        const log = this.log(topic);
        const from = this.committed.get(position)!;
        if (from >= log.base + log.records.length) {
          await this.nextChange(controller.signal);
          continue;
        }
        const batch: ConsumedRecord[] = log.records
          .slice(from - log.base, from - log.base + MAX_BATCH)
          .map((record, i) => ({ ...record, topic, partition: 0, offset: String(from + i) }));
        this.busy.add(position);
        try {
          const done = await handler(batch, controller.signal);
          this.committed.set(position, from + done);
          this.trim(topic);
        } finally {
          this.busy.delete(position);
          this.events.emit('change');
        }
      }
    })();
    return {
      stop: async () => {
        controller.abort();
        this.events.emit('change');
        await loop;
      },
    };
  }

  async lag(groupId: string, topic: string): Promise<{ partition: number; lag: number }[]> {
    const committed = this.committed.get(`${groupId}\u0000${topic}`) ?? this.log(topic).base;
    return [{ partition: 0, lag: this.publishedCount(topic) - committed }];
  }

  async readAll(topic: string, onRecord: (record: ConsumedRecord) => void): Promise<number> {
    const { base, records } = this.log(topic);
    [...records].forEach((record, i) => onRecord({ ...record, topic, partition: 0, offset: String(base + i) }));
    return records.length;
  }

  /** Resolves when every consumer has committed everything published and no batch is in flight. */
  async drained(): Promise<void> {
    while (!this.isDrained()) await this.nextChange();
  }

  private isDrained(): boolean {
    if (this.busy.size > 0) return false;
    for (const [position, offset] of this.committed) {
      if (offset < this.publishedCount(position.split('\u0000')[1]!)) return false;
    }
    return true;
  }

  private trim(topic: string): void {
    if (this.options.retain) return;
    const log = this.log(topic);
    let lowest = Infinity;
    for (const [position, offset] of this.committed) if (position.endsWith(`\u0000${topic}`)) lowest = Math.min(lowest, offset);
    if (lowest === Infinity || lowest <= log.base) return;
    log.records.splice(0, lowest - log.base);
    log.base = lowest;
  }

  async close(): Promise<void> {
    this.events.emit('change');
  }

  private log(topic: string): TopicLog {
    let log = this.topics.get(topic);
    if (!log) {
      log = { base: 0, records: [] };
      this.topics.set(topic, log);
    }
    return log;
  }

  private nextChange(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.events.off('change', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.events.on('change', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
