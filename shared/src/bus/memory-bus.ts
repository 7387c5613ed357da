import { EventEmitter } from 'node:events';
import type { Bus, BusRecord, ConsumeOptions, ConsumedRecord, Subscription } from './bus.js';

const MAX_BATCH = 100;

/**
 * In-process bus for the embedded default and for tests of the runtime: one partition per topic,
 * committed offsets per consumer group, at-least-once like Kafka. Records live in memory only.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, BusRecord[]>();
  private readonly committed = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  async ensureTopics(specs: { name: string }[]): Promise<void> {
    for (const spec of specs) this.log(spec.name);
  }

  async publish(topic: string, records: BusRecord[]): Promise<void> {
    this.log(topic).push(...records);
    this.events.emit('change');
  }

  /** Everything published to `topic` so far (for tests and the embedded summary). */
  records(topic: string): readonly BusRecord[] {
    return this.log(topic);
  }

  async consume({ groupId, topic, handler }: ConsumeOptions): Promise<Subscription> {
    const position = `${groupId}\u0000${topic}`;
    if (!this.committed.has(position)) this.committed.set(position, 0);
    const controller = new AbortController();
    const loop = (async () => {
      while (!controller.signal.aborted) {
        const log = this.log(topic);
        const from = this.committed.get(position) ?? 0;
        if (from >= log.length) {
          await this.nextChange(controller.signal);
          continue;
        }
        const batch: ConsumedRecord[] = log
          .slice(from, from + MAX_BATCH)
          .map((record, i) => ({ ...record, topic, partition: 0, offset: String(from + i) }));
        this.busy.add(position);
        try {
          const done = await handler(batch, controller.signal);
          this.committed.set(position, from + done);
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

  async readAll(topic: string, onRecord: (record: ConsumedRecord) => void): Promise<number> {
    const log = [...this.log(topic)];
    log.forEach((record, i) => onRecord({ ...record, topic, partition: 0, offset: String(i) }));
    return log.length;
  }

  /** Resolves when every consumer has committed everything published and no batch is in flight. */
  async drained(): Promise<void> {
    while (!this.isDrained()) await this.nextChange();
  }

  private isDrained(): boolean {
    if (this.busy.size > 0) return false;
    for (const [position, offset] of this.committed) {
      const topic = position.split('\u0000')[1]!;
      if (offset < this.log(topic).length) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    this.events.emit('change');
  }

  private log(topic: string): BusRecord[] {
    let log = this.topics.get(topic);
    if (!log) {
      log = [];
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
