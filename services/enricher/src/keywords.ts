/**
 * A handful of salient terms: words (by their analyzer stem, so «الصين» and «والصين» count together) that
 * recur, longer ones preferred, named by their most frequent written form without leading conjunctions.
 */
import { analyzeArabic, analyzeWithOffsets } from '@arabic-news/shared';

const MIN_STEM = 3;

export function keywords(text: string, count = 8): string[] {
  const byStem = new Map<string, { n: number; forms: Map<string, number> }>();
  for (const token of analyzeWithOffsets(text)) {
    if (token.term.length < MIN_STEM || /^\p{Nd}+$/u.test(token.term)) continue;
    const entry = byStem.get(token.term) ?? { n: 0, forms: new Map<string, number>() };
    entry.n += 1;
    // «وروسيا» is named «روسيا» when dropping the conjunction leaves the same term.
    const bare = token.word.replace(/^[وف]/u, '');
    const form = bare !== token.word && bare.length >= 3 && analyzeArabic(bare)[0] === token.term ? bare : token.word;
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    byStem.set(token.term, entry);
  }
  return [...byStem.entries()]
    .filter(([, entry]) => entry.n >= 2)
    .map(([stem, entry]) => ({
      stem,
      score: entry.n * Math.log(1 + stem.length),
      form: [...entry.forms].sort((a, b) => b[1] - a[1])[0]![0],
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((k) => k.form);
}
