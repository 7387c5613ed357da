/**
 * The one small interface between the stage runtime and a message bus. Steps never see it; the runtime
 * uses it the same way over Kafka and in-process, so both deliver at-least-once with commits after output.
 */
import type { TopicSpec } from '../topics.js';

export interface BusRecord {
  key: string | null;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface ConsumedRecord extends BusRecord {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Handles one batch of consumed records and returns how many of them, from the start, are done.
 * Offsets are committed for that prefix only; the rest are delivered again (after a restart, or a
 * rebalance). A handler returns less than the whole batch only when `signal` aborted (shutdown).
 */
export type BatchHandler = (batch: ConsumedRecord[], signal: AbortSignal) => Promise<number>;

export interface ConsumeOptions {
  groupId: string;
  topic: string;
  handler: BatchHandler;
}

export interface Subscription {
  /** Stop fetching, let the batch in flight finish (its handler sees the abort), commit, leave the group. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'kafka' | 'memory';
  /** Creates topics that do not exist yet (settings from the topic map). */
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Resolves once every record is acknowledged by the bus (Kafka: all in-sync replicas). */
  publish(topic: string, records: BusRecord[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<Subscription>;
  /**
   * Reads every record the topic holds at the time of the call, from the beginning, without a consumer
   * group or commits (rebuilding state from a compacted topic). Returns how many were read.
   */
  readAll(topic: string, onRecord: (record: ConsumedRecord) => void): Promise<number>;
  /** Records of `topic` the group has not committed yet, per partition (for the lag gauge). */
  lag(groupId: string, topic: string): Promise<{ partition: number; lag: number }[]>;
  close(): Promise<void>;
}
