/**
 * npm run bench:enrich [-- --model <file>]
 *
 * 1. Named entities on ANERcorp's test lines (125,306-150,313 of the full file, the CAMeL Lab test split; the
 *    model never saw them): exact-span precision, recall and F1 for PERS, LOC and ORG, micro-averaged, and
 *    sentences/s on one core (gazetteer marks, tagging and propagation through each pseudo-article). The
 *    shipped model, or the one in --model (e.g. trained with word clusters: `npm run train:ner -- --clusters`);
 *    the other parts use the shipped model.
 * 2. Dates on the DATE spans of the Wojood sample (val + test; the rules were written looking at its train
 *    split only): exact-span and overlap precision and recall.
 * 3. Weekdays without their date («يوم الأحد»), read as the last such day on or before the publication day,
 *    or the first on or after it after words of the future: checked on SaudiNewsNet, where a weekday is
 *    written beside its date («يوم الأحد الموافق 19 يوليو 2015»), by reading the weekday without its date
 *    after the same words, against the crawl day (the corpus has no publication dates; its articles were
 *    crawled daily).
 * 4. The whole enricher step on 2,000 distinct SaudiNewsNet articles, each once (the tagger keeps the words it
 *    has met: every timed pass starts with a fresh one): articles/s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  addCounts,
  enrichArticle,
  f1,
  loadDefaultGazetteer,
  loadDefaultTagger,
  loadTagger,
  type Counts,
  type Span,
} from '@arabic-news/enricher';
import { extractDates, type UniqueArticle } from '@arabic-news/shared';
import { dateSpans, evaluateTagger, readAnercorp, readWojood, sameSpan, SENTENCES_PER_ARTICLE, spansMeet } from '../scripts/ner-data.js';
import { readSaudiNews } from '../tests/support/corpus.js';
import { SEEDS_DIR } from '../tests/support/seeds.js';

const modelFile = parseArgs({ options: { model: { type: 'string' } } }).values.model;
const gazetteer = loadDefaultGazetteer();
const test = readAnercorp('test');
const tokens = test.reduce((n, s) => n + s.words.length, 0);
const row = (label: string, c: Counts) => {
  const r = f1(c);
  return `| ${label} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.f1.toFixed(3)} | ${c.tp + c.fn} |`;
};
const rate = (s: number) => `${(test.length / s).toFixed(0)} sentences/s (${(tokens / s / 1000).toFixed(0)}k tokens/s)`;
console.log(
  `ANERcorp test: ${test.length} sentences, ${tokens} tokens, tagged ${SENTENCES_PER_ARTICLE} consecutive sentences at a time as one article`,
);
// The shipped model, then (with --model) the other one, in the same run.
// The tagger keeps the words it has met with their scores: each timed pass starts with a fresh one, warmed
// up on other sentences (the training lines), so that no pass profits from having tagged the test text before.
const warmUp = readAnercorp('train').slice(0, 200);
const models = [['shipped model', loadDefaultTagger], ...(modelFile ? [[modelFile, () => loadTagger(modelFile)] as const] : [])] as const;
for (const [label, load] of models) {
  const fresh = () => {
    const scored = load();
    evaluateTagger(scored, warmUp, gazetteer);
    return scored;
  };
  const alone = evaluateTagger(fresh(), test, gazetteer, { articles: false });
  const { counts, micro, seconds } = evaluateTagger(fresh(), test, gazetteer);
  console.log(`\n${label}\n\n| type | precision | recall | F1 | gold spans |\n|---|---|---|---|---|`);
  for (const type of ['PERS', 'LOC', 'ORG']) console.log(row(type, counts[type]!));
  console.log(row('**micro**', micro));
  console.log(row('micro, each sentence alone (no propagation)', alone.micro));
  console.log(`\ntagging on one core: ${rate(seconds)} by article; ${rate(alone.seconds)} sentence by sentence`);
}

// ---- 2. dates on Wojood --------------------------------------------------------------------------------
const tally = (gold: Span[], predicted: Span[], match: (a: Span, b: Span) => boolean): Counts => ({
  tp: predicted.filter((p) => gold.some((g) => match(p, g))).length,
  fp: predicted.filter((p) => !gold.some((g) => match(p, g))).length,
  fn: gold.filter((g) => !predicted.some((p) => match(p, g))).length,
});
let exact: Counts = { tp: 0, fp: 0, fn: 0 };
let overlap: Counts = { tp: 0, fp: 0, fn: 0 };
for (const sentence of [...readWojood('val'), ...readWojood('test')]) {
  const { gold, predicted } = dateSpans(sentence);
  exact = addCounts(exact, tally(gold, predicted, sameSpan));
  overlap = addCounts(overlap, tally(gold, predicted, spansMeet));
}
console.log('\nWojood sample (val + test), DATE spans\n\n| match | precision | recall | F1 | gold spans |\n|---|---|---|---|---|');
console.log(row('exact span', exact));
console.log(row('overlapping span', overlap));

// ---- 3. weekdays without their date ----------------------------------------------------------------------
const WEEKDAY_FIRST = /^(?:[وف]?يوم\s+)?(الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت)\s/u;
const DAY_MS = 86_400_000;
const weekdays = { total: 0, right: 0, alone: 0, after: 0, nearest: 0, future: 0, futureRight: 0 };
const corpus = readSaudiNews();
for (const article of corpus) {
  const reference = new Date(`${article.date_extracted.slice(0, 10)}T12:00:00Z`);
  for (const mention of extractDates(article.content, { reference })) {
    const weekday = WEEKDAY_FIRST.exec(mention.text)?.[1];
    // A weekday beside a written date («يوم الأحد الموافق 19 يوليو 2015»), not one read alone.
    if (!weekday || mention.value.length !== 10 || !/\p{Nd}/u.test(mention.text)) continue;
    const written = new Date(`${mention.value}T12:00:00Z`);
    const offset = Math.round((written.getTime() - reference.getTime()) / DAY_MS);
    // A weekday stands for a day of the week around the article; its date must fall on that weekday.
    if (Math.abs(offset) > 6 || extractDates(`يوم ${weekday}`, { reference: written })[0]?.value !== mention.value) continue;
    weekdays.total += 1;
    // The weekday as if written without its date, after the same words: «… سيبدأ يوم الخميس» (with «يوم»,
    // which a weekday alone needs when no other word of time comes before it).
    const lead = mention.text.slice(0, mention.text.indexOf(weekday));
    const head = /يوم/u.test(lead) ? `${lead}${weekday}` : `يوم ${weekday}`;
    const context = article.content.slice(Math.max(0, mention.start - 200), mention.start) + head;
    const read = extractDates(context, { reference }).find((d) => d.end === context.length);
    const alone = extractDates(`يوم ${weekday}`, { reference })[0]?.value;
    if (read?.value === mention.value) weekdays.right += 1;
    if (alone === mention.value) weekdays.alone += 1;
    if (read && read.value !== alone) {
      weekdays.future += 1;
      if (read.value === mention.value) weekdays.futureRight += 1;
    }
    if (offset > 0) weekdays.after += 1;
    // The other rule one could pick: the nearest such day, before or after.
    if (Math.abs(offset) <= 3) weekdays.nearest += 1;
  }
}
const percent = (n: number) => `${n} (${((100 * n) / weekdays.total).toFixed(0)} %)`;
console.log(
  `\nSaudiNewsNet, weekdays written with their date within 6 days of the crawl day: ${weekdays.total}; ` +
    `the weekday read without its date, after the same words: ${percent(weekdays.right)}; the weekday alone, ` +
    `without those words: ${percent(weekdays.alone)}; read differently because words of the future come before: ` +
    `${weekdays.future}, ${weekdays.futureRight} of them right; dates on or before the crawl day ` +
    `${weekdays.total - weekdays.after}, after it ${weekdays.after}; "the nearest such day" would read ${weekdays.nearest}`,
);

// ---- 4. the enricher step ---------------------------------------------------------------------------------
// On 2,000 distinct SaudiNewsNet articles, each enriched once, by a fresh tagger warmed up on the seeds.
const STEP_ARTICLES = 2000;
const time = '2024-01-01T00:00:00.000Z';
const unique = (i: number, title: string, text: string): UniqueArticle => ({
  schemaVersion: 1,
  id: i.toString(16).padStart(16, '0'),
  source: 'bench',
  title,
  text,
  fetchedAt: time,
  cleanedAt: time,
  contentHash: '0000000000000000',
});
const seeds = readdirSync(SEEDS_DIR).map((name, i) => unique(i, '', readFileSync(`${SEEDS_DIR}${name}`, 'utf8')));
const stream = corpus
  .filter((a) => a.content.trim().length > 200)
  .slice(0, STEP_ARTICLES)
  .map((a, i) => unique(i, a.title, a.content));
const deps = { gazetteer, tagger: loadDefaultTagger() };
for (let r = 0; r < 8; r += 1) for (const article of seeds) enrichArticle(article, deps);
const t = process.hrtime.bigint();
for (const article of stream) enrichArticle(article, deps);
const s = Number(process.hrtime.bigint() - t) / 1e9;
const megabytes = stream.reduce((n, a) => n + Buffer.byteLength(a.text), 0) / 1e6;
console.log(
  `\nenricher step on ${stream.length} SaudiNewsNet articles (${megabytes.toFixed(1)} MB), each once: ${(stream.length / s).toFixed(0)} articles/s`,
);
