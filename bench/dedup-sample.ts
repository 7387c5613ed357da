/**
 * npm run bench:dedup-sample [-- every [containment]]
 * Prints a sample of the near duplicates found in SaudiNewsNet below the Jaccard threshold (found by
 * containment only), for a person to judge: the labelled set cannot tell how these behave on real text.
 *
 * npm run bench:dedup-sample -- --opening [every]
 * Prints instead the pairs that containment alone would match but that the opening check keeps apart (a
 * later, longer article that does not open like the earlier one it carries), every n-th one.
 *
 * npm run bench:dedup-sample -- --judged [--sheet [--missed|--rewrites] [n]]
 * Precision and missed copies on real text. bench/judged/dedup-judged.tsv holds a person's verdict on an even
 * sample of the near-duplicate decisions dedup makes on the corpus (same story, contained, different);
 * bench/judged/dedup-judged-missed.tsv on an even sample of the pairs the near-duplicate rule leaves apart
 * that a Jaccard threshold of 0.3 would match (same, different); bench/judged/dedup-judged-rewrites.tsv on
 * an even sample of the rewrite decisions (same, different). Scores the three, and says which judged pairs
 * today's dedup decides differently. With --sheet, prints every k-th of today's near-duplicate decisions
 * (--missed: of the near misses; --rewrites: of the rewrite decisions; n of them, 150 by default) as a
 * sheet to judge, in the files' format. Articles are dated by the day they were crawled.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  createDedupIndex,
  decideDuplicate,
  DEFAULT_THRESHOLDS,
  estimateWeightedJaccard,
  fingerprint,
  matchingWords,
  weightedJaccard,
  weightedSketch,
} from '@arabic-news/dedup';
import { articleId, type CleanArticle } from '@arabic-news/shared';
import { readSaudiNews } from '../tests/support/corpus.js';

const JUDGED = new URL('./judged/', import.meta.url);
const flags = ['--opening', '--judged', '--sheet', '--missed', '--rewrites'];
const LOOSE_JACCARD = 0.3;
const opening = process.argv.includes('--opening');
const judged = process.argv.includes('--judged');
const args = process.argv.slice(2).filter((a) => !flags.includes(a));
const every = Number(args[0] ?? (opening ? 1 : 50));
const containment = judged ? DEFAULT_THRESHOLDS.containment : Number(args[1] ?? DEFAULT_THRESHOLDS.containment);
const all = readSaudiNews().filter((a) => a.content.trim());
type Article = (typeof all)[number];
const byId = new Map<string, Article>();
const index = createDedupIndex({ windowDays: 30, containment });
// The same index without openings: what containment alone decides.
const withoutOpening = createDedupIndex({ windowDays: 30, containment });
// For --judged: what a Jaccard threshold of 0.3 would match that the near-duplicate rule leaves apart.
const nearOnly = createDedupIndex({ windowDays: 30, rewriteWeighted: false });
const loose = createDedupIndex({ windowDays: 30, jaccard: LOOSE_JACCARD, rewriteWeighted: false });
const now = Date.parse('2015-08-01T00:00:00Z');
const flat = (text: string, length: number) => text.replace(/\s+/g, ' ').trim().slice(0, length);
const show = (n: number, label: string, first: Article, later: Article) => {
  console.log(`\n#${n} ${label} ${first.source} (${first.content.length} chars) → ${later.source} (${later.content.length} chars)`);
  console.log(`  first: ${first.title} | ${flat(first.content, 140)}`);
  console.log(`  later: ${later.title} | ${flat(later.content, 140)}`);
};
type Pair = { first: Article; later: Article; similarity: number };
/** Every near-duplicate and rewrite decision at the defaults, in corpus order, and every near miss (for --judged). */
const nearMatches: Pair[] = [];
const rewriteMatches: Pair[] = [];
const nearMisses: Pair[] = [];
/** For each article decided a duplicate at the defaults, the first article of its story. */
const decidedFirst = new Map<string, string>();
/** Near-duplicate decisions without the rewrite rule. */
let nearOnlyMatches = 0;
let found = 0;
for (const a of all) {
  const id = articleId({ url: a.url, body: a.content });
  byId.set(id, a);
  const time = '2015-01-01T00:00:00.000Z';
  const article: CleanArticle = {
    schemaVersion: 1,
    id,
    url: a.url,
    source: a.source,
    title: a.title,
    text: a.content,
    publishedAt: `${a.date_extracted.slice(0, 10)}T00:00:00.000Z`,
    fetchedAt: time,
    cleanedAt: time,
  };
  const d = decideDuplicate(article, index, now);
  if (judged) {
    if (d.kind === 'duplicate') {
      const pair = { first: byId.get(d.article.duplicateOf)!, later: a, similarity: d.article.similarity };
      if (d.article.reason === 'near-duplicate') nearMatches.push(pair);
      if (d.article.reason === 'rewrite') rewriteMatches.push(pair);
      decidedFirst.set(a.url, pair.first.url);
    }
    const n = decideDuplicate(article, nearOnly, now);
    if (n.kind === 'duplicate' && n.article.reason === 'near-duplicate') nearOnlyMatches += 1;
    const l = decideDuplicate(article, loose, now);
    if (n.kind === 'unique' && l.kind === 'duplicate') {
      nearMisses.push({ first: byId.get(l.article.duplicateOf)!, later: a, similarity: l.article.similarity });
    }
    continue;
  }
  if (opening) {
    const plain = { ...fingerprint(article, now), lead: new Uint32Array(0) };
    const match = withoutOpening.match(plain, now);
    if (!match) withoutOpening.remember(plain);
    if (!match || d.kind !== 'unique') continue;
    found += 1;
    if (found % every === 0) show(found, `J=${match.similarity.toFixed(2)}`, byId.get(match.id)!, a);
    continue;
  }
  if (d.kind !== 'duplicate' || d.article.reason !== 'near-duplicate' || d.article.similarity >= DEFAULT_THRESHOLDS.jaccard) continue;
  found += 1;
  if (found % every === 0) show(found, `J=${d.article.similarity}`, byId.get(d.article.duplicateOf)!, a);
}

if (judged) scoreJudged();
else {
  console.log(
    opening
      ? `\ncontainment-only matches kept apart by the opening check: ${found}`
      : `\ncontainment-only near duplicates (containment ≥ ${containment}): ${found}`,
  );
}

function scoreJudged(): void {
  if (process.argv.includes('--sheet')) {
    const kind = process.argv.includes('--missed') ? 'missed' : process.argv.includes('--rewrites') ? 'rewrites' : 'decisions';
    // Pairs judged before (in any file) are left out: a fresh sample.
    const judgedBefore = new Set(
      readdirSync(JUDGED)
        .filter((name) => name.endsWith('.tsv'))
        .flatMap((name) => judgedRows(name).map((row) => row.later)),
    );
    const pairs = { missed: nearMisses, rewrites: rewriteMatches, decisions: nearMatches }[kind].filter(
      (p) => !judgedBefore.has(p.later.url),
    );
    const size = Number(args[0] ?? 150);
    const step = pairs.length / size;
    const what = {
      missed: `pairs left apart that Jaccard ${LOOSE_JACCARD} would match`,
      rewrites: 'rewrite decisions',
      decisions: 'near-duplicate decisions',
    }[kind];
    console.log(
      `# every ${step.toFixed(1)}-th of ${pairs.length} ${what} not judged before; verdict: same | ${kind === 'decisions' ? 'contained | ' : ''}different`,
    );
    for (let i = 0; i < size; i += 1) {
      const { first, later, similarity } = pairs[Math.floor(i * step)]!;
      console.log(`\n# ${i + 1} J=${similarity} ${first.date_extracted.slice(0, 10)} → ${later.date_extracted.slice(0, 10)}`);
      console.log(`#   first: ${flat(first.title, 100)} | ${flat(first.content, 240)}`);
      console.log(`#   later: ${flat(later.title, 100)} | ${flat(later.content, 240)}`);
      console.log(`?\t${first.url}\t${later.url}\t`);
    }
    return;
  }
  const matched = score('dedup-judged.tsv', 'near-duplicate decisions', nearMatches);
  const same = matched.counts.get('same') ?? 0;
  const contained = matched.counts.get('contained') ?? 0;
  const [low, high] = wilson(same, matched.n);
  console.log(
    `precision on the judged near-duplicate decisions: ${(same / matched.n).toFixed(3)} (one story; 95 % Wilson interval ` +
      `${low.toFixed(3)}-${high.toFixed(3)}), ${((same + contained) / matched.n).toFixed(3)} (counting a text contained whole in the earlier one)`,
  );
  const rewrites = score('dedup-judged-rewrites.tsv', 'rewrite decisions', rewriteMatches);
  const rewriteSame = rewrites.counts.get('same') ?? 0;
  const [rewriteLow, rewriteHigh] = wilson(rewriteSame, rewrites.n);
  console.log(
    `precision on the judged rewrite decisions: ${(rewriteSame / rewrites.n).toFixed(3)} (95 % Wilson interval ${rewriteLow.toFixed(3)}-${rewriteHigh.toFixed(3)})`,
  );
  const anySource = score(
    'dedup-judged-rewrites-any-source.tsv',
    'rewrite decisions of a first version of the rule, without "another source"',
    rewriteMatches,
  );
  const kept = anySource.rows.filter((row) => decidedFirst.has(row.later));
  console.log(
    `  of these judged pairs, still decided duplicates today: ${kept.length}, ${kept.filter((row) => row.verdict === 'same').length} of them one story ` +
      `(fitted: this sample chose the condition)`,
  );
  const missed = score(
    'dedup-judged-missed.tsv',
    `pairs the near-duplicate rule leaves apart that Jaccard ${LOOSE_JACCARD} would match`,
    nearMisses,
  );
  const missedSame = missed.counts.get('same') ?? 0;
  const taken = missed.rows.filter((row) => decidedFirst.has(row.later));
  const takenSame = taken.filter((row) => row.verdict === 'same').length;
  console.log(
    `  of these judged pairs, decided duplicates today (by the rewrite rule): ${taken.length} — ${takenSame} of the ${missedSame} one story, ` +
      `${taken.length - takenSame} of the ${missed.n - missedSame} different`,
  );
  weightedOnNearMisses(missed.rows);
  const perMissed = nearMisses.length / missed.n;
  const foundNear = ((same + contained) / matched.n) * nearMatches.length;
  const foundNearOnly = ((same + contained) / matched.n) * nearOnlyMatches;
  const foundRewrites = (rewriteSame / rewrites.n) * rewriteMatches.length;
  const leftApart = (missedSame - takenSame) * perMissed;
  const leftApartBefore = missedSame * perMissed;
  const recall = (found: number, left: number) => (found / (found + left)).toFixed(2);
  console.log(
    `real copies found: about ${Math.round(foundNear)} near duplicates + ${Math.round(foundRewrites)} rewrites ` +
      `(the judged near misses put the copies it adds at about ${Math.round(takenSame * perMissed)}); left apart between Jaccard ` +
      `${LOOSE_JACCARD} and ${DEFAULT_THRESHOLDS.jaccard}: about ${Math.round(leftApart)}. Without the rewrite rule: ${nearOnlyMatches} near-duplicate ` +
      `decisions, about ${Math.round(foundNearOnly)} real copies found and ${Math.round(leftApartBefore)} left apart`,
  );
  console.log(
    `recall on real copies at most ${recall(foundNear + foundRewrites, leftApart)}, ${recall(foundNearOnly, leftApartBefore)} without the rewrite rule ` +
      `(copies below Jaccard ${LOOSE_JACCARD} are not counted)`,
  );
  console.log(
    `estimated precision over all near-duplicate and rewrite decisions: ${((same * (nearMatches.length / matched.n) + foundRewrites) / (nearMatches.length + rewriteMatches.length)).toFixed(3)} ` +
      `(one story), ${((foundNear + foundRewrites) / (nearMatches.length + rewriteMatches.length)).toFixed(3)} (counting contained texts); ` +
      `without the rewrite rule: ${(same / matched.n).toFixed(3)}, ${((same + contained) / matched.n).toFixed(3)}; at Jaccard ${LOOSE_JACCARD} ` +
      `without it: ${((foundNearOnly + leftApartBefore) / (nearOnlyMatches + nearMisses.length)).toFixed(3)} (counting contained texts)`,
  );
}

/**
 * What the rewrite rule's measure says of the near misses: its sketch against the exact weighted similarity
 * over all of them, and how the exact value with the 2-day condition (crawl days) splits the judged ones.
 */
function weightedOnNearMisses(judgedRows: { verdict: string; later: string }[]): void {
  const verdict = new Map(judgedRows.map((row) => [row.later, row.verdict]));
  const errors: number[] = [];
  const chosen = new Map<string, number>();
  for (const { first, later } of nearMisses) {
    const [a, b] = [matchingWords(first.content), matchingWords(later.content)];
    const exact = weightedJaccard(a, b);
    errors.push(estimateWeightedJaccard(weightedSketch(a), weightedSketch(b)) - exact);
    const days = Math.abs(Date.parse(later.date_extracted.slice(0, 10)) - Date.parse(first.date_extracted.slice(0, 10))) / 86_400_000;
    const v = verdict.get(later.url);
    if (v && exact >= DEFAULT_THRESHOLDS.rewriteWeighted && days <= DEFAULT_THRESHOLDS.rewriteDays) chosen.set(v, (chosen.get(v) ?? 0) + 1);
  }
  const bias = errors.reduce((sum, e) => sum + e, 0) / errors.length;
  const sd = Math.sqrt(errors.reduce((sum, e) => sum + (e - bias) ** 2, 0) / errors.length);
  console.log(
    `  weighted similarity, sketch against exact on all ${errors.length}: bias ${bias.toFixed(3)}, standard deviation ${sd.toFixed(3)}; ` +
      `judged pairs with exact ≥ ${DEFAULT_THRESHOLDS.rewriteWeighted} crawled within ${DEFAULT_THRESHOLDS.rewriteDays} days (any source): ` +
      `${chosen.get('same') ?? 0} one story, ${chosen.get('different') ?? 0} different`,
  );
}

/** The 95 % Wilson score interval of a proportion of `k` in `n`. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

/** The rows of a file of judged pairs (none if it does not exist). */
function judgedRows(name: string): { verdict: string; first: string; later: string; note: string }[] {
  const file = new URL(name, JUDGED);
  return (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [verdict, first, later, note] = line.split('\t');
      return { verdict: verdict!, first: first!, later: later!, note: note ?? '' };
    });
}

/** Reads a file of judged pairs, prints its verdicts, and which pairs today's dedup decides differently. */
function score(
  name: string,
  what: string,
  pairs: Pair[],
): { n: number; counts: Map<string, number>; rows: { verdict: string; later: string }[] } {
  const rows = judgedRows(name);
  const firstOf = new Map(pairs.map((p) => [p.later.url, p.first.url]));
  const counts = new Map<string, number>();
  const changed: string[] = [];
  for (const row of rows) {
    counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
    const first = firstOf.get(row.later);
    const now = first
      ? `now paired with ${first}`
      : decidedFirst.has(row.later)
        ? `now decided by another rule, with ${decidedFirst.get(row.later)}`
        : 'now left apart';
    if (first !== row.first) changed.push(`  ${row.verdict}\t${row.later} ${now}`);
  }
  console.log(`\n${what} on the corpus today: ${pairs.length}; judged (bench/judged/${name}): ${rows.length}`);
  for (const [verdict, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${verdict}: ${count}`);
  for (const row of rows.filter((r) => r.verdict !== 'same' && r.note)) console.log(`    ${row.verdict}: ${row.note}`);
  console.log(`  judged pairs today's dedup decides differently: ${changed.length}`);
  for (const line of changed) console.log(line);
  return { n: rows.length, counts, rows };
}
