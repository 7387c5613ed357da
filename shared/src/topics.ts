/**
 * Topic names and settings in one place. Names take an optional prefix (`TOPIC_PREFIX`) so that several
 * pipelines, or several tests, share one cluster without crossing.
 */
import type { ZodType } from 'zod';
import {
  CleanArticleV1,
  DeadLetterV1,
  DedupStateV1,
  FetchStateV1,
  DuplicateArticleV1,
  EnrichedArticleV1,
  RawArticleV1,
  UniqueArticleV1,
} from './contracts.js';

export const TOPIC_KEYS = ['raw', 'clean', 'unique', 'duplicates', 'enriched', 'dedupState', 'fetchState'] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

export interface TopicSpec {
  name: string;
  schema: ZodType;
  partitions: number;
  /** Kafka topic configs (retention, compaction). */
  config: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const SPECS: Record<TopicKey, Omit<TopicSpec, 'name'> & { base: string }> = {
  // Raw pages are large and only needed until cleaned, or replayed after a cleaner fix: one week.
  raw: { base: 'articles.raw', schema: RawArticleV1, partitions: 6, config: { 'retention.ms': String(7 * DAY_MS) } },
  clean: { base: 'articles.clean', schema: CleanArticleV1, partitions: 6, config: { 'retention.ms': String(30 * DAY_MS) } },
  // Keyed by article id: compaction keeps the latest version of each article for rebuilding the index.
  unique: {
    base: 'articles.unique',
    schema: UniqueArticleV1,
    partitions: 6,
    config: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(90 * DAY_MS) },
  },
  duplicates: {
    base: 'articles.duplicates',
    schema: DuplicateArticleV1,
    partitions: 6,
    config: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(90 * DAY_MS) },
  },
  // Dedup's memory, one record per remembered article: compaction keeps the latest per id, and records older
  // than the dedup window (30 days by default) plus a day of margin are deleted.
  dedupState: {
    base: 'dedup.state',
    schema: DedupStateV1,
    partitions: 1,
    config: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(31 * DAY_MS) },
  },
  // The fetcher's memory (articles emitted, feed validators), keyed `seen:<id>` / `source:<name>`: compacted,
  // and deleted after 400 days. A seen id is rewritten while a source still lists it, a source at every
  // poll, so only ids that no source has listed for longer than FETCH_SEEN_DAYS (≤ 365) go.
  fetchState: {
    base: 'fetch.state',
    schema: FetchStateV1,
    partitions: 1,
    config: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(400 * DAY_MS) },
  },
  enriched: {
    base: 'articles.enriched',
    schema: EnrichedArticleV1,
    partitions: 6,
    config: { 'cleanup.policy': 'compact,delete', 'retention.ms': String(90 * DAY_MS) },
  },
};

/** Dead letters are kept long enough for someone to look at them and replay them. */
const DLQ_CONFIG = { 'retention.ms': String(30 * DAY_MS) };

export interface TopicMap {
  get(key: TopicKey): TopicSpec;
  /** The dead-letter topic of an input topic: `<input>.dlq`. */
  deadLetter(topicName: string): TopicSpec;
  all(): TopicSpec[];
}

export function topicMap(prefix = ''): TopicMap {
  const get = (key: TopicKey): TopicSpec => {
    const { base, ...spec } = SPECS[key];
    return { name: prefix + base, ...spec };
  };
  const deadLetter = (topicName: string): TopicSpec => ({
    name: `${topicName}.dlq`,
    schema: DeadLetterV1,
    partitions: 1,
    config: DLQ_CONFIG,
  });
  return {
    get,
    deadLetter,
    all: () => TOPIC_KEYS.flatMap((key) => [get(key), deadLetter(get(key).name)]),
  };
}
