/**
 * npm run bench:dedup [-- originals]
 *
 * 1. Precision and recall on a labelled set built from SaudiNewsNet: for each of N originals, one generated
 *    republication (positive) and one hard negative (a different story sharing its dateline, its subject or
 *    two of its sentences as a quote), with a threshold sweep to choose the defaults.
 * 2. Articles/s over the whole 31,030-article corpus, next to an exact-hash-only baseline in the same run.
 * 3. Time to rebuild the index from state records at start-up (the corpus's, in memory).
 * 4. Memory per remembered article at 1,000,000 synthetic articles.
 */
import {
  createDedupIndex,
  DedupIndex,
  DEFAULT_THRESHOLDS,
  decideDuplicate,
  fingerprint,
  shingleHashes,
  contentHash,
  rebuildDedupIndex,
  toStateMessage,
  type Thresholds,
  WEIGHTED_SAMPLES,
} from '@arabic-news/dedup';
import { articleId, createLogger, MemoryBus, topicMap, type CleanArticle } from '@arabic-news/shared';
import { readSaudiNews, type CorpusArticle } from '../tests/support/corpus.js';

const N = Number(process.argv[2] ?? 2000);
let seed = 42;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

const corpus = readSaudiNews();
const toArticle = (
  text: string,
  { url, publishedAt, source = 'bench' }: { url?: string; publishedAt?: string; source?: string } = {},
): CleanArticle => ({
  schemaVersion: 1,
  id: articleId({ url, body: text }),
  url,
  source,
  title: '',
  text,
  publishedAt,
  fetchedAt: '2015-07-21T00:00:00.000Z',
  cleanedAt: '2015-07-21T00:00:00.000Z',
});
const sentences = (text: string) => text.split(/(?<=[.!؟])\s+/u).filter((s) => s.trim().length > 0);

// ---- 1. labelled set -------------------------------------------------------------------------------
const seenHashes = new Set<string>();
const pool = corpus.filter((a) => {
  if (a.content.length < 600 || sentences(a.content).length < 6) return false;
  const hash = contentHash(a.content);
  if (seenHashes.has(hash)) return false;
  seenHashes.add(hash);
  return true;
});
const originals: CorpusArticle[] = [];
for (let i = 0; originals.length < N && i < pool.length * 4; i += 1) originals.push(pick(pool));
const byDay = new Map<string, CorpusArticle[]>();
for (const a of pool) byDay.set(a.date_extracted.slice(0, 10), [...(byDay.get(a.date_extracted.slice(0, 10)) ?? []), a]);

const BANNERS = [
  'موقع إخباري متخصص في الشأن المحلي والدولي',
  'جميع الحقوق محفوظة © 2015',
  'تابعونا على تويتر وفيسبوك',
  'اترك تعليقاً',
  'مشاركة :',
  'اقرأ أيضاً:',
];
type Variant = 'boilerplate' | 'retitled' | 'trimmed' | 'reordered' | 'edited' | 'combined';
const VARIANTS: Variant[] = ['boilerplate', 'retitled', 'trimmed', 'reordered', 'edited', 'combined'];

function edit(text: string): string {
  const list = sentences(text);
  const i = Math.floor(random() * list.length);
  const words = list[i]!.split(' ');
  for (let k = 0; k < Math.max(2, words.length / 3); k += 1)
    words[Math.floor(random() * words.length)] = pick(['وأضاف', 'الجديد', 'كما', 'اليوم', 'المملكة']);
  list[i] = words.join(' ');
  list.splice(Math.floor(random() * list.length), 1); // and one sentence dropped
  return list.join(' ');
}

function republish(original: CorpusArticle, variant: Variant): string {
  const text = original.content;
  const others = () => [pick(pool).title, pick(pool).title, pick(pool).title].join('\n');
  switch (variant) {
    case 'boilerplate':
      return `${pick(BANNERS)}\n${original.date_extracted}\n${text}\n${pick(BANNERS)}\nاقرأ أيضاً:\n${others()}\n${pick(BANNERS)}`;
    case 'retitled':
      return `${pick(pool).title} - ${original.title.split(' ').slice(0, 4).join(' ')}\n${text}`;
    case 'trimmed': {
      const list = sentences(text);
      return list.slice(0, Math.ceil(list.length * 0.6)).join(' ');
    }
    case 'reordered': {
      const list = sentences(text);
      const third = Math.ceil(list.length / 3);
      return [...list.slice(third, 2 * third), ...list.slice(0, third), ...list.slice(2 * third)].join('\n');
    }
    case 'edited':
      return edit(text);
    case 'combined': {
      const list = sentences(edit(text));
      return `${pick(BANNERS)}\n${list.slice(0, Math.ceil(list.length * 0.7)).join(' ')}\n${pick(BANNERS)}`;
    }
  }
}

/** Exact Jaccard of 3-word shingles: a different story shares less than 15% of them (the negative rule). */
function exactJaccard(a: string, b: string): number {
  const x = new Set(shingleHashes(a));
  const y = shingleHashes(b);
  let inter = 0;
  for (const h of y) if (x.has(h)) inter += 1;
  return inter / (x.size + y.length - inter || 1);
}

type Negative = 'same-dateline' | 'same-subject' | 'long-quote';
function hardNegative(original: CorpusArticle, kind: Negative): string | undefined {
  const sameDay = (byDay.get(original.date_extracted.slice(0, 10)) ?? pool).filter((b) => b.url !== original.url);
  const words = new Set(original.content.split(/\s+/).filter((w) => w.length > 4));
  let best: CorpusArticle | undefined;
  let bestOverlap = -1;
  for (let k = 0; k < 60; k += 1) {
    const b = pick(sameDay);
    if (exactJaccard(original.content, b.content) >= 0.15) continue;
    const overlap = b.content.split(/\s+/).filter((w) => words.has(w)).length;
    if (overlap > bestOverlap) [best, bestOverlap] = [b, overlap];
  }
  if (!best) return undefined;
  switch (kind) {
    case 'same-subject':
      return best.content;
    case 'same-dateline':
      return `${original.content.split(' ').slice(0, 10).join(' ')} ${best.content}`;
    case 'long-quote': {
      const list = sentences(original.content);
      const start = Math.floor(random() * Math.max(1, list.length - 2));
      return `${best.content}\nوقال في تصريح سابق: «${list.slice(start, start + 2).join(' ')}»`;
    }
  }
}

interface Case {
  original: CleanArticle;
  query: CleanArticle;
  positive: boolean;
  kind: string;
}
const cases: Case[] = [];
const NEGATIVES: Negative[] = ['same-dateline', 'same-subject', 'long-quote'];
originals.forEach((o, i) => {
  const original = toArticle(o.content, { url: o.url });
  const variant = VARIANTS[i % VARIANTS.length]!;
  // Copies and negatives come from another source: the rewrite rule applies to them.
  cases.push({ original, query: toArticle(republish(o, variant), { source: 'other' }), positive: true, kind: variant });
  const negativeKind = NEGATIVES[i % NEGATIVES.length]!;
  const negative = hardNegative(o, negativeKind);
  if (negative) cases.push({ original, query: toArticle(negative, { source: 'other' }), positive: false, kind: negativeKind });
});

function evaluate(thresholds: Thresholds) {
  const index = new DedupIndex(Infinity, thresholds);
  const now = Date.now();
  // Originals that are themselves copies of an earlier original (the corpus holds wire copies) join its
  // story: a republication matched to any article of the story is correct.
  const story = new Map<string, string>();
  for (const o of originals) {
    const a = toArticle(o.content, { url: o.url });
    if (story.has(a.id)) continue;
    const remembered = fingerprint(a, now);
    const match = index.match(remembered, now);
    if (match) story.set(a.id, story.get(match.id)!);
    else {
      story.set(a.id, a.id);
      index.remember(remembered);
    }
  }
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  const byKind = new Map<string, { hit: number; total: number }>();
  for (const c of cases) {
    const match = index.match(fingerprint(c.query, now), now);
    const flagged = match !== undefined && story.get(match.id) === story.get(c.original.id);
    const stats = byKind.get(c.kind) ?? { hit: 0, total: 0 };
    stats.total += 1;
    if (c.positive ? flagged : !flagged) stats.hit += 1;
    byKind.set(c.kind, stats);
    if (c.positive && flagged) tp += 1;
    else if (c.positive) fn += 1;
    else if (flagged) fp += 1;
    else tn += 1;
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn, tn, byKind };
}

console.log(
  `labelled set: ${originals.length} originals, ${cases.filter((c) => c.positive).length} republications, ${cases.filter((c) => !c.positive).length} hard negatives\n`,
);
console.log(
  'threshold sweep (Jaccard / containment; without the rewrite rule):\n\n| jaccard | containment | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|---|',
);
for (const jaccard of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  for (const containment of [0.7, 0.8, 0.9, 1.01]) {
    const r = evaluate({ ...DEFAULT_THRESHOLDS, jaccard, containment, rewriteWeighted: Infinity });
    console.log(
      `| ${jaccard} | ${containment > 1 ? 'off' : containment} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.tp} | ${r.fp} | ${r.fn} |`,
    );
  }
}
const chosen = evaluate(DEFAULT_THRESHOLDS);
const withoutRewrites = evaluate({ ...DEFAULT_THRESHOLDS, rewriteWeighted: Infinity });
console.log(
  `\ndefaults (jaccard ${DEFAULT_THRESHOLDS.jaccard}, containment ${DEFAULT_THRESHOLDS.containment} over ≥ ${DEFAULT_THRESHOLDS.minContainmentShingles} shingles, ` +
    `rewrites from jaccard ${DEFAULT_THRESHOLDS.rewriteJaccard} at weighted similarity ${DEFAULT_THRESHOLDS.rewriteWeighted}; every article of the set dated the same day, copies and negatives from another source): ` +
    `precision ${chosen.precision.toFixed(3)}, recall ${chosen.recall.toFixed(3)} (without rewrites: ${withoutRewrites.precision.toFixed(3)}, ${withoutRewrites.recall.toFixed(3)})\n`,
);
console.log('| case | correct | without rewrites | of |\n|---|---|---|---|');
for (const [kind, { hit, total }] of chosen.byKind)
  console.log(`| ${kind} | ${hit} | ${withoutRewrites.byKind.get(kind)!.hit} | ${total} |`);

// ---- 2. throughput over the corpus -----------------------------------------------------------------
// Dated by the crawl day (the corpus has no publication dates; it was crawled daily).
const all = corpus
  .filter((a) => a.content.trim())
  .map((a) => toArticle(a.content, { url: a.url, publishedAt: `${a.date_extracted.slice(0, 10)}T00:00:00.000Z`, source: a.source }));
let started = process.hrtime.bigint();
const exact = new Map<string, string>();
let exactDuplicates = 0;
for (const a of all) {
  const hash = contentHash(a.text);
  if (exact.has(hash)) exactDuplicates += 1;
  else exact.set(hash, a.id);
}
const baselineRate = all.length / (Number(process.hrtime.bigint() - started) / 1e9);
started = process.hrtime.bigint();
const index = createDedupIndex({ windowDays: 30 });
const found = { 'same-url': 0, 'same-text': 0, 'near-duplicate': 0, rewrite: 0, replay: 0 };
for (const a of all) {
  const d = decideDuplicate(a, index);
  if (d.kind === 'duplicate') found[d.article.reason] += 1;
  else if (d.kind === 'replay') found.replay += 1;
}
const rate = all.length / (Number(process.hrtime.bigint() - started) / 1e9);
console.log(`\ncorpus: ${all.length} articles with content, one core\n\n| dedup | articles/s | duplicates found |\n|---|---|---|`);
console.log(`| exact hash only (baseline) | ${baselineRate.toFixed(0)} | ${exactDuplicates} |`);
console.log(
  `| exact + MinHash/LSH (ours) | ${rate.toFixed(0)} | ${found['same-url'] + found['same-text'] + found['near-duplicate'] + found.rewrite} ` +
    `(url ${found['same-url']}, text ${found['same-text']}, near ${found['near-duplicate']}, rewrite ${found.rewrite}; same id again ${found.replay}) |`,
);

// ---- 3. rebuild at start-up: the state of the whole corpus back into a fresh index --------------------
{
  const bus = new MemoryBus();
  const stateTopic = topicMap().get('dedupState').name;
  const states = all.map((a) => toStateMessage(fingerprint(a, Date.now())));
  await bus.publish(
    stateTopic,
    states.map((state) => ({ key: state.id, value: Buffer.from(JSON.stringify(state)) })),
  );
  const fresh = createDedupIndex({ windowDays: 30 });
  const t = process.hrtime.bigint();
  await rebuildDedupIndex(bus, stateTopic, fresh, createLogger({ level: 'silent' }));
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const bytes = states.reduce((n, s) => n + JSON.stringify(s).length, 0) / states.length;
  console.log(`
rebuild: ${fresh.size} state records (${bytes.toFixed(0)} bytes each) parsed and indexed in ${seconds.toFixed(2)} s (${(fresh.size / seconds).toFixed(0)} records/s; reading them from Kafka comes on top)`);
}

// ---- 4. memory at 1,000,000 remembered articles -------------------------------------------------------
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const big = new DedupIndex(Infinity, DEFAULT_THRESHOLDS);
const signature = new Uint16Array(126);
const lead = Uint32Array.from({ length: 24 }, () => (random() * 2 ** 32) >>> 0);
const weighted = new Uint16Array(WEIGHTED_SAMPLES);
for (let i = 0; i < 1_000_000; i += 1) {
  for (let k = 0; k < signature.length; k += 1) signature[k] = (random() * 65536) | 0;
  for (let k = 0; k < weighted.length; k += 1) weighted[k] = (random() * 65536) | 0;
  const hex = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
  big.remember({
    id: `${hex}${(i >>> 0).toString(16).padStart(8, '0')}`,
    seenAt: 0,
    contentHash: `${hex}00000000`.slice(0, 8) + hex,
    urlHash: `${hex}${hex}`,
    signature,
    shingles: 300,
    lead,
    weighted,
    publishedAt: 0,
  });
}
gc?.();
const after = process.memoryUsage();
const used = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
console.log(
  `\nmemory: ${big.size} remembered articles → ${(used / 1e6).toFixed(0)} MB (${(used / big.size).toFixed(0)} bytes per article; typed arrays ${(big.bytes / big.size).toFixed(0)} bytes, the rest ids)${gc ? '' : ' [run with --expose-gc for a steadier figure]'}`,
);
