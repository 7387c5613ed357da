/**
 * Configuration is read once, from the environment, through one schema. Every bad or missing variable is
 * reported together at start-up. Nothing else in the code base reads `process.env`.
 */
import { z } from 'zod';
import { ConfigError } from './errors.js';

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .default('')
  .transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool,

  KAFKA_BROKERS: list,
  KAFKA_CLIENT_ID: z.string().default('arabic-news'),
  KAFKA_GROUP_PREFIX: z.string().default('arabic-news'),
  TOPIC_PREFIX: z.string().default(''),

  SEARCH_BACKEND: z.enum(['embedded', 'elasticsearch', '']).default(''),
  ELASTICSEARCH_URL: z.string().url().optional(),
  KIBANA_URL: z.string().url().default('http://localhost:5601'),
  ELASTICSEARCH_USERNAME: z.string().optional(),
  ELASTICSEARCH_PASSWORD: z.string().optional(),
  ELASTICSEARCH_API_KEY: z.string().optional(),
  INDEX_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-" only')
    .default('articles'),
  INDEX_VERSION: integer(1, 1),
  DATA_DIR: z.string().default('.data'),

  BULK_FLUSH_BYTES: integer(5_000_000, 1),
  BULK_CONCURRENCY: integer(2, 1),

  RETRY_INITIAL_MS: integer(200, 1),
  RETRY_MAX_MS: integer(30_000, 1),
  SHUTDOWN_TIMEOUT_MS: integer(30_000, 1),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),

  DEDUP_WINDOW_DAYS: z.coerce.number().positive().default(30),
  // Unset: the defaults of the dedup service, chosen by measurement (services/dedup DEFAULT_THRESHOLDS).
  DEDUP_JACCARD: z.coerce.number().min(0).max(1).optional(),
  DEDUP_CONTAINMENT: z.coerce.number().min(0).max(1).optional(),
  // A rewrite (from Jaccard 0.3): weighted word similarity at least this, published within DEDUP_REWRITE_DAYS.
  DEDUP_REWRITE_WEIGHTED: z
    .union([z.literal('off'), z.coerce.number().min(0).max(1)])
    .optional()
    .transform((value) => (value === 'off' ? (false as const) : value)),
  DEDUP_REWRITE_DAYS: z.coerce.number().min(0).optional(),

  // Unset: the tagger shipped in services/enricher/model (see `npm run train:ner -- --clusters`).
  ENRICHER_NER_MODEL: z
    .string()
    .optional()
    .transform((value) => value || undefined),

  FETCH_SOURCES: list,
  FETCH_SOURCES_FILE: z.string().optional(),
  FETCH_SHARD: z
    .string()
    .regex(/^\d+\/\d+$/, 'write it as "k/n": this replica is number k of n (1-based)')
    .refine((value) => {
      const [k, n] = value.split('/').map(Number) as [number, number];
      return n >= 1 && k >= 1 && k <= n;
    }, 'k must be between 1 and n')
    .default('1/1'),
  FETCH_CONCURRENCY_PER_HOST: integer(2, 1),
  FETCH_MIN_DELAY_MS: integer(1000, 0),
  FETCH_MAX_BYTES: integer(10 * 1024 * 1024, 1024),
  FETCH_MAX_REDIRECTS: integer(5, 0),
  FETCH_INTERVAL_SECONDS: integer(300, 1),
  FETCH_USER_AGENT: z.string().default('arabic-news-pipeline/0.1 (+https://example.invalid/bot)'),
  FETCH_TIMEOUT_MS: integer(20_000, 1),
  // At most the fetch.state topic's retention (400 days, topics.ts) less a margin.
  FETCH_SEEN_DAYS: integer(180, 1).pipe(z.number().max(365, 'at most 365: the fetch.state topic keeps records 400 days')),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  kafka: { brokers: string[]; clientId: string; groupPrefix: string; topicPrefix: string };
  search: {
    backend: 'embedded' | 'elasticsearch';
    elasticsearch: { url?: string; username?: string; password?: string; apiKey?: string };
    alias: string;
    /** Kibana, for `pipeline kibana` (importing the saved objects). */
    kibanaUrl: string;
    version: number;
    dataDir: string;
    bulk: { flushBytes: number; concurrency: number };
  };
  retry: { initialMs: number; maxMs: number };
  shutdownTimeoutMs: number;
  metricsPort?: number;
  fetch: {
    sources: string[];
    sourcesFile?: string;
    /** This replica's share of the sources: number `index` (0-based) of `count`. */
    shard: { index: number; count: number };
    intervalSeconds: number;
    userAgent: string;
    timeoutMs: number;
    concurrencyPerHost: number;
    minDelayMs: number;
    maxBytes: number;
    maxRedirects: number;
    /** How long an article id that no source lists any more is remembered. */
    seenDays: number;
  };
  dedup: { windowDays: number; jaccard?: number; containment?: number; rewriteWeighted?: number | false; rewriteDays?: number };
  /** `nerModel`: a tagger model file to load instead of the shipped one. */
  enricher: { nerModel?: string };
}

/** What a command needs beyond the defaults; missing pieces are reported with the rest. */
export type Requirement = 'kafka' | 'elasticsearch';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, requirements: Requirement[] = []): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`);
  const values = parsed.success ? parsed.data : undefined;

  if (values) {
    if (requirements.includes('kafka') && values.KAFKA_BROKERS.length === 0)
      problems.push('KAFKA_BROKERS: required for this command (comma-separated host:port list)');
    const backend = values.SEARCH_BACKEND || (values.ELASTICSEARCH_URL ? 'elasticsearch' : 'embedded');
    if ((requirements.includes('elasticsearch') || backend === 'elasticsearch') && !values.ELASTICSEARCH_URL)
      problems.push('ELASTICSEARCH_URL: required for this command or for SEARCH_BACKEND=elasticsearch');
    if (values.RETRY_MAX_MS < values.RETRY_INITIAL_MS) problems.push('RETRY_MAX_MS: must be ≥ RETRY_INITIAL_MS');
  }
  if (problems.length > 0 || !values) throw new ConfigError(problems);

  return {
    log: { level: values.LOG_LEVEL, pretty: values.LOG_PRETTY },
    kafka: {
      brokers: values.KAFKA_BROKERS,
      clientId: values.KAFKA_CLIENT_ID,
      groupPrefix: values.KAFKA_GROUP_PREFIX,
      topicPrefix: values.TOPIC_PREFIX,
    },
    search: {
      backend: values.SEARCH_BACKEND || (values.ELASTICSEARCH_URL ? 'elasticsearch' : 'embedded'),
      elasticsearch: {
        url: values.ELASTICSEARCH_URL,
        username: values.ELASTICSEARCH_USERNAME,
        password: values.ELASTICSEARCH_PASSWORD,
        apiKey: values.ELASTICSEARCH_API_KEY,
      },
      alias: values.INDEX_ALIAS,
      kibanaUrl: values.KIBANA_URL,
      version: values.INDEX_VERSION,
      dataDir: values.DATA_DIR,
      bulk: {
        flushBytes: values.BULK_FLUSH_BYTES,
        concurrency: values.BULK_CONCURRENCY,
      },
    },
    retry: { initialMs: values.RETRY_INITIAL_MS, maxMs: values.RETRY_MAX_MS },
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    metricsPort: values.METRICS_PORT,
    dedup: {
      windowDays: values.DEDUP_WINDOW_DAYS,
      jaccard: values.DEDUP_JACCARD,
      containment: values.DEDUP_CONTAINMENT,
      rewriteWeighted: values.DEDUP_REWRITE_WEIGHTED,
      rewriteDays: values.DEDUP_REWRITE_DAYS,
    },
    enricher: { nerModel: values.ENRICHER_NER_MODEL },
    fetch: {
      sources: values.FETCH_SOURCES,
      sourcesFile: values.FETCH_SOURCES_FILE,
      shard: { index: Number(values.FETCH_SHARD.split('/')[0]) - 1, count: Number(values.FETCH_SHARD.split('/')[1]) },
      concurrencyPerHost: values.FETCH_CONCURRENCY_PER_HOST,
      minDelayMs: values.FETCH_MIN_DELAY_MS,
      maxBytes: values.FETCH_MAX_BYTES,
      maxRedirects: values.FETCH_MAX_REDIRECTS,
      intervalSeconds: values.FETCH_INTERVAL_SECONDS,
      userAgent: values.FETCH_USER_AGENT,
      timeoutMs: values.FETCH_TIMEOUT_MS,
      seenDays: values.FETCH_SEEN_DAYS,
    },
  };
}
