/** Compares the regex word segmenter with ICU's (Intl.Segmenter) over the whole corpus; prints differences. */
import { segmentWords } from '@arabic-news/shared';
import { readSaudiNews } from '../tests/support/corpus.js';
const icu = new Intl.Segmenter('und', { granularity: 'word' });
let words = 0,
  diff = 0;
const examples: string[] = [];
for (const a of readSaudiNews()) {
  const text = `${a.title}\n${a.content}`;
  const ours = segmentWords(text).map((s) => s.word);
  const theirs = [...icu.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  words += theirs.length;
  if (ours.join('\u0001') !== theirs.join('\u0001')) {
    diff += 1;
    if (examples.length < 8) {
      const i = ours.findIndex((w, k) => w !== theirs[k]);
      examples.push(`ours ${JSON.stringify(ours.slice(i, i + 3))} icu ${JSON.stringify(theirs.slice(i, i + 3))}`);
    }
  }
}
console.log(`${words} words; articles that differ: ${diff}`);
console.log(examples.join('\n'));
