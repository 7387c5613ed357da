/**
 * npm run bench:names [-- --every N] [-- --top K]
 *
 * What analysts see in Kibana's entity charts, on every N-th SaudiNewsNet article (default 10) with more
 * than 300 characters of text, tagged by the shipped model:
 * 1. The names given to tagged spans whose first word may carry clitics («وبوتين», «بجدة», «فرنسا»): how
 *    many keep their first letters and how many lose them, and where the rule differs from the previous one
 *    (a leading «و»/«ف» of a word over four letters always dropped, «لل/بال/كال» always made «ال»), for a
 *    person to judge.
 * 2. The K most frequent people, places and organisations (by articles), for a person to judge.
 * 3. The gazetteer's not-names («حفظه الله», «ريال» alone): the tagged mentions they drop in the sample, and
 *    how many of their matches in ANERcorp (all lines) fall inside a gold name — names they would wrongly drop.
 */
import { parseArgs } from 'node:util';
import { enrichArticle, loadDefaultGazetteer, loadDefaultTagger, taggedMentions } from '@arabic-news/enricher';
import type { UniqueArticle } from '@arabic-news/shared';
import { readSaudiNews } from '../tests/support/corpus.js';
import { readAnercorp } from '../scripts/ner-data.js';
import { spansOf, wordOffsets } from '../services/enricher/src/ner/spans.js';

const { values } = parseArgs({ options: { every: { type: 'string', default: '10' }, top: { type: 'string', default: '40' } } });
const [every, top] = [Number(values.every), Number(values.top)];
const gazetteer = loadDefaultGazetteer();
const tagger = loadDefaultTagger();

/** The rule before names were checked against the article and the training data. */
function previousName(surface: string): string {
  const withoutConjunction = surface.length > 4 ? surface.replace(/^[وف](?=\p{L}{3})/u, '') : surface;
  return withoutConjunction.replace(/^(?:لل|بال|كال)(?=\p{L}{2})/u, 'ال');
}

const articles = readSaudiNews().filter((a, i) => i % every === 0 && a.content.length > 300);
const counted = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const differences = new Map<string, number>();
const droppedAsNotNames = new Map<string, number>();
const byType = { people: new Map<string, number>(), places: new Map<string, number>(), organizations: new Map<string, number>() };
let [mentions, withClitic, dropped, differ] = [0, 0, 0, 0];
const started = Date.now();
for (const [i, a] of articles.entries()) {
  const time = '2015-08-01T00:00:00.000Z';
  const article: UniqueArticle = {
    schemaVersion: 1,
    id: i.toString(16).padStart(16, '0'),
    source: a.source,
    title: a.title,
    text: a.content,
    fetchedAt: time,
    cleanedAt: time,
    contentHash: '0000000000000000',
  };
  const text = `${a.title}\n${a.content}`;
  const notNames = gazetteer.findNotNames(text);
  for (const m of taggedMentions(text, tagger, gazetteer)) {
    mentions += 1;
    const inside = notNames.find((n) => n.start <= m.start && m.end <= n.end);
    if (inside) counted(droppedAsNotNames, text.slice(inside.start, inside.end));
    if (!/^[وفبلك]/u.test(m.surface)) continue;
    withClitic += 1;
    if (m.name !== m.surface) dropped += 1;
    if (m.name !== previousName(m.surface)) {
      differ += 1;
      counted(differences, `${m.surface}: ${previousName(m.surface)} → ${m.name}`);
    }
  }
  const { entities } = enrichArticle(article, { gazetteer, tagger });
  for (const type of ['people', 'places', 'organizations'] as const) for (const e of entities[type]) counted(byType[type], e.name);
}
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(`${articles.length} articles (every ${every}th with > 300 characters), ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(
  `\n1. names of tagged spans: ${mentions} tagged mentions; ${withClitic} begin with و/ف/ب/ل/ك; ${dropped} of them named ` +
    `without those letters, ${withClitic - dropped} as written; ${differ} named differently from the previous rule. ` +
    `The most frequent differences (mentions: surface: previous → now):`,
);
for (const [change, n] of sorted(differences).slice(0, top)) console.log(`  ${n}  ${change}`);
console.log(`\n2. the ${top} most frequent entities of each type (articles)`);
for (const [type, map] of Object.entries(byType)) {
  console.log(
    `\n${type}: ${map.size} names\n  ${sorted(map)
      .slice(0, top)
      .map(([name, n]) => `${name} ${n}`)
      .join(' · ')}`,
  );
}

// A gold name inside a not-name match is one the enricher would drop (ANERcorp tags currencies MISC).
let matches = 0;
const goldDropped = new Map<string, number>();
for (const sentence of [...readAnercorp('train'), ...readAnercorp('test')]) {
  const text = sentence.words.join(' ');
  const offsets = wordOffsets(sentence.words);
  const notNames = gazetteer.findNotNames(text);
  matches += notNames.length;
  for (const span of spansOf(sentence.tags)) {
    const [start, end] = [offsets[span.start]!.start, offsets[span.end - 1]!.end];
    if (span.type !== 'MISC' && notNames.some((n) => n.start <= start && end <= n.end))
      counted(goldDropped, `${span.type} ${text.slice(start, end)}`);
  }
}
const show = (map: Map<string, number>, k = 12) =>
  sorted(map)
    .slice(0, k)
    .map(([phrase, n]) => `${phrase} ${n}`)
    .join(' · ');
console.log(
  `\n3. not-names: ${[...droppedAsNotNames.values()].reduce((a, b) => a + b, 0)} tagged mentions dropped in the sample ` +
    `(${show(droppedAsNotNames)}). In ANERcorp (all lines): ${matches} matches; gold PERS/LOC/ORG names inside one, ` +
    `which the enricher would drop: ${[...goldDropped.values()].reduce((a, b) => a + b, 0)} (${show(goldDropped)})`,
);
