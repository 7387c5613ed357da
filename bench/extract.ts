/**
 * npm run bench:extract
 *
 * Article-body extraction on the 181-page benchmark of ../shared/data/extraction/article-extraction-benchmark
 * with its upstream metric (multiset word 4-grams, tokens /[\p{L}\p{N}_]+/ lowercased, precision and recall
 * per page, averaged; F1 from the mean precision and recall): our cleaner next to plain Readability on the
 * same DOM library, in the same run, with pages/s. Then the two Arabic pages of ../shared/data/extraction/arabic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanArticle } from '@arabic-news/cleaner';
import type { CleanArticle, RawArticle } from '@arabic-news/shared';
import { SEED_BOILERPLATE, SEEDS_DIR } from '../tests/support/seeds.js';

const DATA = fileURLToPath(new URL('../../shared/data/extraction/', import.meta.url));
const truth = JSON.parse(readFileSync(`${DATA}article-extraction-benchmark/ground-truth.json`, 'utf8')) as Record<
  string,
  { articleBody: string; url: string }
>;
const pages = Object.entries(truth).map(([id, { articleBody, url }]) => ({
  id,
  url,
  expected: articleBody,
  html: gunzipSync(readFileSync(`${DATA}article-extraction-benchmark/html/${id}.html.gz`)).toString('utf8'),
}));

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) as string[];
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i += 1) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function score(expected: string, predicted: string): { precision: number; recall: number } {
  const truthShingles = shingles(expected);
  const predShingles = shingles(predicted);
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const key of new Set([...truthShingles.keys(), ...predShingles.keys()])) {
    const t = truthShingles.get(key) ?? 0;
    const p = predShingles.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  return { precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

function readabilityArticle(html: string): { text: string; title: string } {
  const { document } = parseHTML(html);
  const article = new Readability(document as never).parse();
  return { text: article?.textContent ?? '', title: article?.title ?? '' };
}
const readability = (html: string) => readabilityArticle(html).text;

function ours(html: string, url?: string): CleanArticle | undefined {
  const raw: RawArticle = {
    schemaVersion: 1,
    id: '0000000000000000',
    url,
    source: 'bench',
    contentType: 'text/html',
    body: html,
    fetchedAt: new Date().toISOString(),
  };
  const result = cleanArticle(raw);
  return result.kind === 'ok' ? (result.outputs[0]!.value as CleanArticle) : undefined;
}

interface Extractor {
  label: string;
  extract: (html: string, url: string) => string;
  precision: number;
  recall: number;
  seconds: number;
  failures: number;
}

/**
 * Both extractors page by page, interleaved, three rounds: the machine's speed drifts during a run, and
 * interleaving gives both the same conditions. Quality comes from the first round (it is deterministic).
 */
function compare(extractors: Extractor[], rounds = 3): void {
  for (let round = 0; round < rounds; round += 1) {
    for (const page of pages) {
      for (const extractor of extractors) {
        let text = '';
        const started = process.hrtime.bigint();
        try {
          text = extractor.extract(page.html, page.url);
        } catch {
          if (round === 0) extractor.failures += 1;
        }
        extractor.seconds += Number(process.hrtime.bigint() - started) / 1e9;
        if (round > 0) continue;
        const s = score(page.expected, text);
        extractor.precision += s.precision / pages.length;
        extractor.recall += s.recall / pages.length;
      }
    }
  }
  for (const e of extractors) {
    const f1 = (2 * e.precision * e.recall) / (e.precision + e.recall);
    const rate = (pages.length * rounds) / e.seconds;
    console.log(
      `| ${e.label} | ${e.precision.toFixed(3)} | ${e.recall.toFixed(3)} | ${f1.toFixed(3)} | ${rate.toFixed(1)} | ${e.failures} |`,
    );
  }
  const [baseline, candidate] = extractors;
  console.log(`\nspeed: ours at ${((100 * baseline!.seconds) / candidate!.seconds).toFixed(0)}% of Readability's pages/s`);
}

console.log(
  `${pages.length} pages, 3 interleaved rounds\n\n| extractor | precision | recall | F1 | pages/s | errors |\n|---|---|---|---|---|---|`,
);
// Warm-up pass so that neither pays for JIT compilation in the timed runs.
for (const page of pages.slice(0, 20)) {
  readability(page.html);
  ours(page.html, page.url);
}
const make = (label: string, extract: Extractor['extract']): Extractor => ({
  label,
  extract,
  precision: 0,
  recall: 0,
  seconds: 0,
  failures: 0,
});
compare([
  make('Readability 0.6.0 on linkedom (baseline)', (html) => readability(html)),
  make('our cleaner (Readability + Arabic rules)', (html, url) => ours(html, url)?.text ?? ''),
]);

// ---- Arabic pages ------------------------------------------------------------------------------------
// The cleaner removes tatweel by design («بـ» → «ب»); expected strings are compared without it, for both.
const squash = (text: string) =>
  text
    .replace(/\u0640/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const assabahEntry = Object.entries(
  JSON.parse(readFileSync(`${DATA}arabic/trafilatura/evaldata_assabah_entry.json`, 'utf8')) as Record<
    string,
    { file: string; title: string; with: string[]; without: string[] }
  >,
)[0]!;
const assabah = {
  url: assabahEntry[0],
  html: readFileSync(`${DATA}arabic/trafilatura/${assabahEntry[1].file}`, 'utf8'),
  ...assabahEntry[1],
};
const cnnHtml = readFileSync(`${DATA}arabic/newspaper4k/arabic_article.html`, 'utf8');
const cnnGold = readFileSync(`${DATA}arabic/newspaper4k/arabic_article.txt`, 'utf8');
const cnnMeta = JSON.parse(readFileSync(`${DATA}arabic/newspaper4k/arabic_article.metadata.json`, 'utf8')) as {
  title: string;
  url: string;
};
const goldParagraphs = cnnGold
  .split('\n')
  .map(squash)
  .filter((p) => p.length > 0);

console.log(
  '\nArabic pages\n\n| page | extractor | expected strings kept | unwanted strings left | 4-gram F1 vs gold | title |\n|---|---|---|---|---|---|',
);
for (const [label, extract] of [
  ['Readability (baseline)', (html: string) => readabilityArticle(html)],
  ['our cleaner', (html: string, url: string) => ours(html, url) ?? { text: '', title: '' }],
] as const) {
  const a = extract(assabah.html, assabah.url);
  const kept = assabah.with.filter((s) => squash(a.text).includes(s)).length;
  const left = assabah.without.filter((s) => squash(a.text).includes(s)).length;
  console.log(
    `| assabah.com.tn (trafilatura) | ${label} | ${kept}/${assabah.with.length} | ${left}/${assabah.without.length} | – | ${squash(a.title) === squash(assabah.title) ? 'exact' : a.title ? 'different' : '–'} |`,
  );
  const c = extract(cnnHtml, cnnMeta.url);
  const text = squash(c.text);
  const keptParagraphs = goldParagraphs.filter((p) => text.includes(p)).length;
  const s = score(squash(cnnGold), squash(c.text));
  console.log(
    `| CNN Arabic (newspaper4k) | ${label} | ${keptParagraphs}/${goldParagraphs.length} gold paragraphs | – | ${((2 * s.precision * s.recall) / (s.precision + s.recall || 1)).toFixed(3)} (P ${s.precision.toFixed(3)}, R ${s.recall.toFixed(3)}) | ${squash(c.title) === squash(cnnMeta.title) ? 'exact' : c.title ? `different: ${c.title}` : '–'} |`,
  );
}

const cnn = ours(cnnHtml, cnnMeta.url);
const sab = ours(assabah.html, assabah.url);
console.log('\nmetadata found by our cleaner\n');
for (const [label, a] of [
  ['CNN Arabic', cnn],
  ['assabah.com.tn', sab],
] as const)
  console.log(
    `- ${label}: publishedAt ${a?.publishedAt ?? '–'}, dateline ${a?.dateline ?? '–'}, agency ${a?.agency ?? '–'}, author ${a?.author ?? '–'}, language ${a?.language ?? '–'}, direction ${a?.direction ?? '–'}`,
  );

// ---- the seeds (text) ------------------------------------------------------------------------------------
let keptLines = 0,
  expectedLines = 0,
  junkLeft = 0;
for (const name of readdirSync(SEEDS_DIR)) {
  const body = readFileSync(`${SEEDS_DIR}${name}`, 'utf8');
  const result = cleanArticle({
    schemaVersion: 1,
    id: '0000000000000000',
    source: 'seeds',
    contentType: 'text/plain',
    body,
    fetchedAt: new Date().toISOString(),
  });
  const article = result.kind === 'ok' ? (result.outputs[0]!.value as CleanArticle) : undefined;
  const all = squash(`${article?.title ?? ''} ${article?.text ?? ''}`);
  // Expected: every line of the seed that is not one of the known boilerplate lines (bare numbers included).
  const lines = body
    .split('\n')
    .map((l) => squash(l))
    .filter((l) => l.length > 0 && !SEED_BOILERPLATE.some((j) => l.includes(j)) && !/^[•\d\s:/.]+$/u.test(l));
  expectedLines += lines.length;
  keptLines += lines.filter((l) => all.includes(l)).length;
  junkLeft += SEED_BOILERPLATE.filter((j) => all.includes(j)).length;
}
console.log(
  `\nseeds: ${keptLines}/${expectedLines} article lines kept, ${junkLeft} boilerplate strings left (of ${SEED_BOILERPLATE.length} checked per seed)`,
);
