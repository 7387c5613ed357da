/**
 * npm run bench:distributed [-- articles] [--enrichers n]
 *
 * The distributed path as a whole: SaudiNewsNet articles (text/plain raw messages, as bench:pipeline) are
 * put on the raw topic, then `pipeline worker` processes — cleaner, dedup, n enrichers (default 1), indexer —
 * carry them to Elasticsearch. Prints the raw produce rate of the same run (the Kafka baseline of
 * ../shared/FACTS.md), when each stage finished, the end-to-end rate and each worker's peak memory, read
 * from the workers' own Prometheus endpoints. Needs KAFKA_BROKERS and ELASTICSEARCH_URL (the test engines:
 * `eval "$(../shared/tools/test-engines start)"`). Topics and the index get a fresh name per run; the
 * index is deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createElasticsearchClient, createLogger, KafkaBus, loadConfig, topicMap } from '@arabic-news/shared';
import { saudiRawArticles } from '../tests/support/corpus.js';

const args = process.argv.slice(2);
const option = args.indexOf('--enrichers');
const enrichers = option >= 0 ? Number(args[option + 1]) : 1;
const limit = Number(args.find((a, i) => /^\d+$/.test(a) && (option < 0 || i !== option + 1)) ?? 5000);
if (!(enrichers >= 1 && enrichers <= 6)) throw new Error('--enrichers: 1 to 6 (articles.unique has 6 partitions)');
const engines = loadConfig();
const KAFKA_BROKERS = engines.kafka.brokers.join(',');
const ELASTICSEARCH_URL = engines.search.elasticsearch.url;
if (!KAFKA_BROKERS || !ELASTICSEARCH_URL) {
  console.error('bench:distributed needs KAFKA_BROKERS and ELASTICSEARCH_URL; for the test engines run first:');
  console.error('  eval "$(../shared/tools/test-engines start)"');
  process.exit(2);
}

const BIN = fileURLToPath(new URL('../bin/pipeline.mjs', import.meta.url));
const name = `bench-${Date.now().toString(36)}`;
const env = {
  KAFKA_BROKERS,
  ELASTICSEARCH_URL,
  TOPIC_PREFIX: `${name}.`,
  KAFKA_GROUP_PREFIX: name,
  INDEX_ALIAS: name,
  LOG_LEVEL: 'warn',
};
const config = loadConfig(env);
const log = createLogger({ level: 'warn' });
const topics = topicMap(config.kafka.topicPrefix);
const bus = new KafkaBus({ brokers: config.kafka.brokers, clientId: name, log });
const raws = saudiRawArticles(limit);
const megabytes = raws.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / 1e6;
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

await bus.ensureTopics(topics.all());
let started = process.hrtime.bigint();
for (let i = 0; i < raws.length; i += 500) {
  await bus.publish(
    topics.get('raw').name,
    raws.slice(i, i + 500).map((r) => ({ key: r.id, value: Buffer.from(JSON.stringify(r)) })),
  );
}
const produceSeconds = seconds(started);
console.log(`${raws.length} SaudiNewsNet articles, ${megabytes.toFixed(1)} MB of text; ${enrichers} enricher process(es)\n`);
console.log(`raw topic produce (kafkajs, batches of 500): ${(raws.length / produceSeconds).toFixed(0)} msg/s`);

interface Running {
  stage: string;
  port: number;
  child: ChildProcess;
  peakRss: number;
}
const stages = ['cleaner', 'dedup', ...Array.from({ length: enrichers }, () => 'enricher'), 'indexer'];
const workers: Running[] = stages.map((stage, i) => {
  const port = 19_600 + i;
  const child = spawn(process.execPath, [BIN, 'worker', stage], {
    env: { ...env, METRICS_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { stage, port, child, peakRss: 0 };
});
started = process.hrtime.bigint();

/** Messages each stage finished (ok, dropped or dead-lettered), summed over its processes. */
async function scrape(): Promise<Map<string, { done: number; ok: number; dlq: number }>> {
  const totals = new Map<string, { done: number; ok: number; dlq: number }>();
  for (const worker of workers) {
    const text = await fetch(`http://127.0.0.1:${worker.port}/metrics`)
      .then((r) => r.text())
      .catch(() => '');
    for (const line of text.split('\n')) {
      const rss = /^process_resident_memory_bytes (\d+)/.exec(line);
      if (rss) worker.peakRss = Math.max(worker.peakRss, Number(rss[1]));
      const m = /^pipeline_messages_(processed|dead_lettered)_total\{stage="([^"]+)",(outcome|code)="([^"]+)"\} (\d+)/.exec(line);
      if (!m) continue;
      const t = totals.get(m[2]!) ?? { done: 0, ok: 0, dlq: 0 };
      const n = Number(m[5]);
      t.done += n;
      if (m[1] === 'processed' && m[4] === 'ok') t.ok += n;
      if (m[1] === 'dead_lettered') t.dlq += n;
      totals.set(m[2]!, t);
    }
  }
  return totals;
}

const finishedAt = new Map<string, number>();
let firstOut: number | undefined;
let last = new Map<string, { done: number; ok: number; dlq: number }>();
const deadline = Date.now() + 30 * 60_000;
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  last = await scrape();
  const get = (stage: string) => last.get(stage) ?? { done: 0, ok: 0, dlq: 0 };
  if (firstOut === undefined && get('cleaner').done > 0) firstOut = seconds(started);
  // Every dedup output goes to the enricher and then the indexer (unique) or straight to the indexer (copy).
  const expected: Record<string, number> = {
    cleaner: raws.length,
    dedup: get('cleaner').ok,
    indexer: get('dedup').ok - get('indexer-copies').done - get('enricher').dlq,
  };
  for (const [stage, target] of Object.entries(expected)) {
    if (!finishedAt.has(stage) && get(stage).done >= target && target > 0) finishedAt.set(stage, seconds(started));
  }
  if (finishedAt.has('dedup') && !finishedAt.has('enricher') && get('enricher').done >= get('dedup').ok - get('indexer-copies').done) {
    finishedAt.set('enricher', seconds(started));
  }
  if (finishedAt.size === 4 && finishedAt.get('dedup')! > 0) break;
  if (Date.now() > deadline || workers.some((w) => w.child.exitCode !== null)) {
    console.error('workers stopped or 30 minutes passed before the articles were through:', Object.fromEntries(last));
    process.exitCode = 1;
    break;
  }
}
const total = seconds(started);
const es = createElasticsearchClient({ url: ELASTICSEARCH_URL });
await es.indices.refresh({ index: name });
const indexed = (await es.count({ index: name, query: { exists: { field: 'text' } } })).count;

console.log('\n| stage | processes | messages done | dead-lettered | finished after (s) | peak RSS (MB) |\n|---|---|---|---|---|---|');
for (const stage of ['cleaner', 'dedup', 'enricher', 'indexer']) {
  const t = last.get(stage) ?? { done: 0, ok: 0, dlq: 0 };
  const procs = workers.filter((w) => w.stage === stage);
  const rss = Math.max(...procs.map((w) => w.peakRss)) / 1e6;
  const copies = stage === 'indexer' ? ` (+${last.get('indexer-copies')?.done ?? 0} copies)` : '';
  console.log(
    `| ${stage} | ${procs.length} | ${t.done}${copies} | ${t.dlq} | ${finishedAt.get(stage)?.toFixed(1) ?? '-'} | ${rss.toFixed(0)} |`,
  );
}
console.log(
  `\nend to end: ${raws.length} articles in ${total.toFixed(1)} s from launching the workers = ${(raws.length / total).toFixed(0)} articles/s` +
    ` (${(megabytes / total).toFixed(2)} MB/s); from the first cleaned article: ${(raws.length / (total - (firstOut ?? 0))).toFixed(0)} articles/s` +
    `\nin Elasticsearch: ${indexed} articles with text, ${last.get('indexer-copies')?.done ?? 0} copies recorded on their originals`,
);

await Promise.all(
  workers.map(
    (w) =>
      new Promise<void>((resolve) => {
        if (w.child.exitCode !== null) return resolve();
        w.child.once('exit', () => resolve());
        w.child.kill('SIGTERM');
      }),
  ),
);
await es.indices.delete({ index: `${name}*` }).catch(() => {});
await es.close();
await bus.close();
