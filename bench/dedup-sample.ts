/**
 * npm run bench:dedup-sample [-- every [containment]]
 * Prints a sample of the near duplicates found in SaudiNewsNet below the Jaccard threshold (found by
 * containment only), for a person to judge: the labelled set cannot tell how these behave on real text.
 *
 * npm run bench:dedup-sample -- --opening [every]
 * Prints instead the pairs that containment alone would match but that the opening check keeps apart (a
 * later, longer article that does not open like the earlier one it carries), every n-th one.
 */
import { createDedupIndex, decideDuplicate, DEFAULT_THRESHOLDS, fingerprint } from '@arabic-news/dedup';
import { articleId, type CleanArticle } from '@arabic-news/shared';
import { readSaudiNews } from '../tests/support/corpus.js';

const opening = process.argv.includes('--opening');
const args = process.argv.slice(2).filter((a) => a !== '--opening');
const every = Number(args[0] ?? (opening ? 1 : 50));
const containment = Number(args[1] ?? DEFAULT_THRESHOLDS.containment);
const all = readSaudiNews().filter((a) => a.content.trim());
const byId = new Map<string, (typeof all)[number]>();
const index = createDedupIndex({ windowDays: 30, containment });
// The same index without openings: what containment alone decides.
const withoutOpening = createDedupIndex({ windowDays: 30, containment });
const now = Date.parse('2015-08-01T00:00:00Z');
const show = (n: number, label: string, first: (typeof all)[number], later: (typeof all)[number]) => {
  console.log(`\n#${n} ${label} ${first.source} (${first.content.length} chars) → ${later.source} (${later.content.length} chars)`);
  console.log(`  first: ${first.title} | ${first.content.replace(/\s+/g, ' ').slice(0, 140)}`);
  console.log(`  later: ${later.title} | ${later.content.replace(/\s+/g, ' ').slice(0, 140)}`);
};
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
    fetchedAt: time,
    cleanedAt: time,
  };
  const d = decideDuplicate(article, index, now);
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
console.log(
  opening
    ? `\ncontainment-only matches kept apart by the opening check: ${found}`
    : `\ncontainment-only near duplicates (containment ≥ ${containment}): ${found}`,
);
