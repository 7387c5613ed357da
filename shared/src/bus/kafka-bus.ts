import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from '../logger.js';
import type { TopicSpec } from '../topics.js';
import type { Bus, BusRecord, ConsumeOptions, ConsumedRecord, Subscription } from './bus.js';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log: Logger;
  /** Consumer session timeout; lower in tests so that rebalances are quick. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitTimeMs?: number;
}

/** Commit at least this often inside a large batch, so that a crash replays little. */
const COMMIT_EVERY = 500;

/** Kafka through kafkajs: acks from all in-sync replicas, manual commits after outputs are acknowledged. */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.log.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          const { message, ...rest } = entry;
          if (level <= logLevel.ERROR) log.error(rest, message);
          else log.warn(rest, message);
        },
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async publish(topic: string, records: BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((record) => ({ key: record.key, value: record.value, headers: record.headers })),
    });
  }

  async consume({ groupId, topic, handler }: ConsumeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
    });
    this.consumers.add(consumer);
    const controller = new AbortController();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        for (let start = 0; start < batch.messages.length; start += COMMIT_EVERY) {
          if (!isRunning() || isStale() || controller.signal.aborted) return;
          const slice = batch.messages.slice(start, start + COMMIT_EVERY).map((message) => consumedRecord(batch, message));
          // Keep the group membership alive while the handler works (it may be backing off a down dependency).
          const beating = setInterval(() => void heartbeat().catch(() => {}), this.options.heartbeatIntervalMs ?? 3_000);
          let done: number;
          try {
            done = await handler(slice, controller.signal);
          } finally {
            clearInterval(beating);
          }
          if (done > 0) {
            const last = slice[done - 1]!.offset;
            // resolveOffset moves kafkajs's own fetch position; the commit makes it durable for the group.
            resolveOffset(last);
            const next = (BigInt(last) + 1n).toString();
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
          }
          if (done < slice.length) return;
          await heartbeat();
        }
      },
    });
    return {
      stop: async () => {
        controller.abort();
        // disconnect() waits for the batch in flight, whose handler has seen the abort, then leaves the group.
        await consumer.disconnect();
        this.consumers.delete(consumer);
      },
    };
  }

  async lag(groupId: string, topic: string): Promise<{ partition: number; lag: number }[]> {
    const admin = await this.connectedAdmin();
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    return ends.map(({ partition, high, low }) => {
      // No commit yet (-1): the group will start from the oldest record still held.
      const from = at.get(partition) ?? -1n;
      return { partition, lag: Number(BigInt(high) - (from >= 0n ? from : BigInt(low))) };
    });
  }

  async readAll(topic: string, onRecord: (record: ConsumedRecord) => void): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    let offsets: { partition: number; high: string; low: string }[];
    try {
      offsets = await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect();
    }
    const ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    // Only partitions that still hold records: retention may have emptied one whose high watermark is not 0.
    const pending = new Set(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => p.partition));
    if (pending.size === 0) return 0;
    // A group of its own that never commits: every read starts from the beginning.
    const consumer = this.kafka.consumer({
      groupId: `${this.options.clientId}.read-all.${process.pid}.${Date.now()}`,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
    });
    let count = 0;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, heartbeat }) => {
          const end = ends.get(batch.partition) ?? 0n;
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            count += 1;
            onRecord(consumedRecord(batch, message));
          }
          if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
          if (pending.size === 0) finish();
          await heartbeat();
        },
      });
      await finished;
    } finally {
      await consumer.disconnect();
    }
    return count;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
    if (this.admin) await (await this.admin).disconnect();
    this.admin = undefined;
  }

  /** One admin connection for the lag gauge's periodic queries (a failed connect is retried next time). */
  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((err: unknown) => {
      this.admin = undefined;
      throw err;
    });
    return this.admin;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // Not kafkajs's idempotent mode: it needs unlimited client retries, which would hang a send while a broker
      // is down instead of letting the runtime back off and shut down cleanly. A resend may duplicate a
      // message; every consumer is idempotent on the article id, so that is harmless.
      const producer = this.kafka.producer({
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}

function consumedRecord(batch: { topic: string; partition: number }, message: KafkaMessage): ConsumedRecord {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? Buffer.alloc(0),
    headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value ?? '')])),
  };
}
