/**
 * npm run dates:errors [-- train|val|test]
 * Lists the date extractor's misses and false positives on a Wojood split (train by default), each in its
 * context: what to read when changing the date rules. Write rules from the train split only; val + test
 * are what `npm run bench:enrich` scores.
 */
import { dateSpans, readWojood, sameSpan, spansMeet } from './ner-data.js';

const split = process.argv[2] ?? 'train';
if (split !== 'train' && split !== 'val' && split !== 'test') throw new Error(`no Wojood split «${split}»: train, val or test`);
let [tp, fn, fp] = [0, 0, 0];
for (const sentence of readWojood(split)) {
  const { gold, predicted } = dateSpans(sentence);
  const words = (from: number, to: number) => sentence.words.slice(Math.max(0, from), to).join(' ');
  for (const g of gold) {
    if (predicted.some((p) => sameSpan(p, g))) {
      tp += 1;
      continue;
    }
    fn += 1;
    const near = predicted.find((p) => spansMeet(p, g));
    const read = near ? `   (read: «${words(near.start, near.end)}» = ${near.value})` : '';
    console.log(`missed  ${words(g.start - 4, g.start)} [[ ${words(g.start, g.end)} ]] ${words(g.end, g.end + 2)}${read}`);
  }
  for (const p of predicted.filter((p) => !gold.some((g) => sameSpan(p, g)))) {
    fp += 1;
    console.log(`extra   ${words(p.start - 4, p.start)} [[ ${words(p.start, p.end)} ]] ${words(p.end, p.end + 2)}   = ${p.value}`);
  }
}
console.log(`\nWojood ${split}: ${tp} exact, ${fn} missed, ${fp} extra`);
