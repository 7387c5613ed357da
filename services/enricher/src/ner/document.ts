/**
 * One sense per discourse: a name the tagger found once in an article is tagged wherever else the article
 * repeats it (with or without clitics) and the tagger left it out — the tagger decides each sentence alone,
 * and misses a name in a sentence that gives it less context. Words that are usually not names in the
 * training data (`common`) are never propagated.
 */
import { spansOf } from './spans.js';

/** `bares`: each sentence's words without clitics; `tags`: the tagger's BIO tags for them. */
export function propagate<Tag extends string>(bares: string[][], tags: Tag[][], common: (bare: string) => boolean): Tag[][] {
  // Names found: their bare word sequence → type, by votes.
  const votes = new Map<string, Map<string, number>>();
  tags.forEach((sentenceTags, s) => {
    for (const span of spansOf(sentenceTags)) {
      const key = bares[s]!.slice(span.start, span.end).join(' ');
      if (span.end - span.start === 1 && common(key)) continue;
      const byType = votes.get(key) ?? new Map<string, number>();
      byType.set(span.type, (byType.get(span.type) ?? 0) + 1);
      votes.set(key, byType);
    }
  });
  const names = new Map<string, { words: string[]; type: string }[]>();
  for (const [key, byType] of votes) {
    const [type] = [...byType].sort((a, b) => b[1] - a[1])[0]!;
    const words = key.split(' ');
    const list = names.get(words[0]!) ?? [];
    list.push({ words, type });
    names.set(words[0]!, list);
  }
  for (const list of names.values()) list.sort((a, b) => b.words.length - a.words.length);
  return tags.map((sentenceTags, s) => {
    const out = [...sentenceTags];
    const words = bares[s]!;
    for (let i = 0; i < words.length; i += 1) {
      if (out[i] !== 'O') continue;
      for (const name of names.get(words[i]!) ?? []) {
        const n = name.words.length;
        const fits = name.words.every((w, j) => words[i + j] === w && out[i + j] === 'O');
        // Only where the text around is not a name itself: the whole repeat must be untagged.
        if (!fits || (i + n < out.length && out[i + n]!.startsWith('I-'))) continue;
        for (let j = 0; j < n; j += 1) out[i + j] = `${j ? 'I' : 'B'}-${name.type}` as Tag;
        i += n - 1;
        break;
      }
    }
    return out;
  });
}
