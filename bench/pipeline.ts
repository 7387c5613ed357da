/**
 * npm run bench:pipeline [-- articles]
 *
 * Throughput of each step alone and of the whole embedded pipeline on SaudiNewsNet articles (as text/plain
 * raw messages), next to the baseline of ../shared/FACTS.md measured in the same run: regex Arabic
 * normalisation + whitespace split. One core, one process; figures vary ±10% between runs on a shared machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded } from '@arabic-news/cli';
import { cleanArticle } from '@arabic-news/cleaner';
import { createDedupIndex, decideDuplicate } from '@arabic-news/dedup';
import { enrichArticle, loadDefaultGazetteer, loadDefaultTagger } from '@arabic-news/enricher';
import { toDocument } from '@arabic-news/indexer';
import {
  analyzeArabic,
  createLogger,
  loadConfig,
  topicMap,
  type CleanArticle,
  type EnrichedArticle,
  type UniqueArticle,
} from '@arabic-news/shared';
import { saudiRawArticles } from '../tests/support/corpus.js';

const limit = Number(process.argv[2] ?? 5000);
const raws = saudiRawArticles(limit);
const megabytes = raws.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / 1e6;

function time<T>(label: string, run: () => T[]): T[] {
  const started = process.hrtime.bigint();
  const out = run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`| ${label} | ${raws.length} | ${(raws.length / seconds).toFixed(0)} | ${(megabytes / seconds).toFixed(1)} |`);
  return out;
}

console.log(`${raws.length} SaudiNewsNet articles, ${megabytes.toFixed(1)} MB of text\n`);
console.log('| what | articles | articles/s | MB/s |\n|---|---|---|---|');
time('baseline (FACTS.md): regex normalisation + whitespace split', () =>
  raws.map((r) =>
    r.body
      .normalize('NFC')
      .replace(/[\u064B-\u0652\u0640]/g, '')
      .replace(/[أإآ]/g, 'ا')
      .replace(/ة/g, 'ه')
      .replace(/ى/g, 'ي')
      .split(/\s+/),
  ),
);
time('Arabic analyzer (shared/arabic, full Lucene chain)', () => raws.map((r) => analyzeArabic(r.body)));
const cleaned = time('cleaner step', () =>
  raws.map((r) => {
    const result = cleanArticle(r);
    return result.kind === 'ok' ? (result.outputs[0]!.value as CleanArticle) : undefined;
  }),
).filter((a): a is CleanArticle => a !== undefined);
const store = createDedupIndex(loadConfig({}).dedup);
const unique = time('dedup step (exact + MinHash/LSH)', () => cleaned.map((a) => decideDuplicate(a, store)))
  .filter((d) => d.kind === 'unique')
  .map((d) => (d as { article: UniqueArticle }).article);
const deps = { gazetteer: loadDefaultGazetteer(), tagger: loadDefaultTagger() };
const enriched: EnrichedArticle[] = time('enricher step', () => unique.map((a) => enrichArticle(a, deps)));
time('indexer step (document mapping)', () => enriched.map((a) => toDocument(a)));

const dataDir = await mkdtemp(join(tmpdir(), 'bench-embedded-'));
try {
  const config = loadConfig({ DATA_DIR: dataDir });
  const run = await startEmbedded(config, createLogger({ level: 'silent' }));
  const started = process.hrtime.bigint();
  await run.bus.publish(
    topicMap().get('raw').name,
    raws.map((r) => ({ key: r.id, value: Buffer.from(JSON.stringify(r)) })),
  );
  await run.bus.drained();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `| embedded pipeline end to end (runtime, 4 stages, on-disk index) | ${raws.length} | ${(raws.length / seconds).toFixed(0)} | ${(megabytes / seconds).toFixed(1)} |`,
  );
  console.log(
    `\nindexed ${await run.index.count()}, duplicates ${run.bus.publishedCount(topicMap().get('duplicates').name)}, dead-lettered ${run.bus.publishedCount('articles.raw.dlq')}`,
  );
  console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  await run.close();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
