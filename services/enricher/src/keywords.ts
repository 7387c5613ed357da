/**
 * A handful of salient terms: words (by their analyzer stem, so «الصين» and «والصين» count together) that
 * recur, longer ones preferred, named by their most frequent written form (a leading conjunction dropped
 * when the text also writes the word without it, or the word begins with the article after it).
 */
import { analyzeArabic, analyzeWithOffsets } from '@arabic-news/shared';

const MIN_STEM = 3;

export function keywords(text: string, count = 8): string[] {
  const byStem = new Map<string, { n: number; forms: Map<string, number> }>();
  for (const token of analyzeWithOffsets(text)) {
    if (token.term.length < MIN_STEM || /^\p{Nd}+$/u.test(token.term)) continue;
    const entry = byStem.get(token.term) ?? { n: 0, forms: new Map<string, number>() };
    entry.n += 1;
    entry.forms.set(token.word, (entry.forms.get(token.word) ?? 0) + 1);
    byStem.set(token.term, entry);
  }
  // «وروسيا» is named «روسيا» when dropping the conjunction leaves the same term and the text writes that
  // form too, or it begins with the article («والصين»); «وانغ» stays: its «و» is the name's own letter.
  const written = new Set([...byStem.values()].flatMap((entry) => [...entry.forms.keys()]));
  const nameOf = (word: string, term: string) => {
    const bare = word.replace(/^[وف]/u, '');
    const fits = bare !== word && bare.length >= 3 && (written.has(bare) || bare.startsWith('ال'));
    return fits && analyzeArabic(bare)[0] === term ? bare : word;
  };
  for (const [term, entry] of byStem) {
    const forms = new Map<string, number>();
    for (const [word, n] of entry.forms) {
      const name = nameOf(word, term);
      forms.set(name, (forms.get(name) ?? 0) + n);
    }
    entry.forms = forms;
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
