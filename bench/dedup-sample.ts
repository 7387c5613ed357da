/**
 * npm run bench:dedup-sample [-- every [containment]]
 * Prints a sample of the near duplicates found in SaudiNewsNet below the Jaccard threshold (found by
 * containment only), for a person to judge: the labelled set cannot tell how these behave on real text.
 */
import { createDedupIndex, decideDuplicate, DEFAULT_THRESHOLDS } from '@arabic-news/dedup';
import { articleId } from '@arabic-news/shared';
import { readSaudiNews } from '../tests/support/corpus.js';

const every = Number(process.argv[2] ?? 50);
const containment = Number(process.argv[3] ?? DEFAULT_THRESHOLDS.containment);
const all = readSaudiNews().filter((a) => a.content.trim());
const byId = new Map<string, (typeof all)[number]>();
const index = createDedupIndex({ windowDays: 30, containment });
let found = 0;
for (const a of all) {
  const id = articleId({ url: a.url, body: a.content });
  byId.set(id, a);
  const time = '2015-01-01T00:00:00.000Z';
  const d = decideDuplicate(
    { schemaVersion: 1, id, url: a.url, source: a.source, title: a.title, text: a.content, fetchedAt: time, cleanedAt: time },
    index,
  );
  if (d.kind !== 'duplicate' || d.article.reason !== 'near-duplicate' || d.article.similarity >= DEFAULT_THRESHOLDS.jaccard) continue;
  found += 1;
  if (found % every !== 0) continue;
  const o = byId.get(d.article.duplicateOf)!;
  console.log(`\n#${found} J=${d.article.similarity} ${o.source} (${o.content.length} chars) → ${a.source} (${a.content.length} chars)`);
  console.log(`  first: ${o.title} | ${o.content.replace(/\s+/g, ' ').slice(0, 140)}`);
  console.log(`  copy:  ${a.title} | ${a.content.replace(/\s+/g, ' ').slice(0, 140)}`);
}
console.log(`\ncontainment-only near duplicates (containment ≥ ${containment}): ${found}`);
