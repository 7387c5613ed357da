/**
 * npm run train:dedup-weights
 * Builds services/dedup/model/word-weights.json: how many of ANERcorp's passages (300 words each, the whole
 * file: dedup is not scored on it) hold each word after the analyzer's normalisation. Dedup weighs a word by
 * its rarity (inverse document frequency) when it tells a rewrite of a story from another story written on
 * the same template: the names and figures that make a story its own are rare words. ANERcorp is
 * CC BY-SA, so the file carries its attribution; SaudiNewsNet (non-commercial) must not be used for it.
 */
import { writeFileSync } from 'node:fs';
import { normalizeForMatching } from '@arabic-news/shared';
import { readAnercorp } from './ner-data.js';

const PASSAGE_WORDS = 300;
/** Words in fewer passages than this are left out (read as absent: as rare as can be). */
const MIN_PASSAGES = 2;
const OUT = new URL('../services/dedup/model/word-weights.json', import.meta.url);

const tokens = [...readAnercorp('train'), ...readAnercorp('test')].flatMap((sentence) => sentence.words);
let passages = 0;
const counts = new Map<string, number>();
for (let start = 0; start < tokens.length; start += PASSAGE_WORDS) {
  const text = normalizeForMatching(tokens.slice(start, start + PASSAGE_WORDS).join(' '));
  for (const word of new Set(text.split(' ').filter(Boolean))) counts.set(word, (counts.get(word) ?? 0) + 1);
  passages += 1;
}
const kept = [...counts].filter(([, n]) => n >= MIN_PASSAGES).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const file = {
  about:
    'Passages of ANERcorp (Benajiba et al.; CC BY-SA 4.0, as distributed with the CAMeL Lab split) holding each word, ' +
    `normalised as for matching; ${PASSAGE_WORDS}-word passages, words in fewer than ${MIN_PASSAGES} left out. ` +
    'Built by `npm run train:dedup-weights`. Licence of this file: CC BY-SA 4.0.',
  passages,
  counts: Object.fromEntries(kept),
};
writeFileSync(OUT, `${JSON.stringify(file)}\n`);
console.log(`${tokens.length} tokens, ${passages} passages, ${counts.size} words, ${kept.length} kept → ${OUT.pathname}`);
