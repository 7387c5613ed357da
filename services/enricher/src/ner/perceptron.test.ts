import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../../../../tests/support/seeds.js';
import { features, TAGS, Tagger, TOKEN, view, type StoredModel, type Tag } from './perceptron.js';

const shipped = JSON.parse(readFileSync(new URL('../../model/ner-model.json', import.meta.url), 'utf8')) as StoredModel;

/** The tagger as training sees it: each token's features as strings, their weights added up in TEMPLATES order. */
function plainTag(stored: StoredModel, words: string[], gaz: string[]): Tag[] {
  const tokens = view(words, stored.clusters?.words);
  const lex = tokens.map((t) => stored.lexicon[t.bare] ?? '-');
  const tags: Tag[] = [];
  tokens.forEach((_, i) => {
    const prev = tags[i - 1] ?? '<s>';
    const scores = TAGS.map(() => 0);
    for (const feature of features(tokens, i, prev, tags[i - 2] ?? '<s>', gaz, lex)) {
      const sparse = stored.weights[feature] ?? [];
      for (let j = 0; j < sparse.length; j += 2) scores[sparse[j]!] = scores[sparse[j]!]! + sparse[j + 1]!;
    }
    const may = (tag: Tag) => !tag.startsWith('I-') || prev.slice(2) === tag.slice(2);
    let best = 0;
    TAGS.forEach((tag, k) => {
      if (may(tag) && (!may(TAGS[best]!) || scores[k]! > scores[best]!)) best = k;
    });
    tags.push(TAGS[best]!);
  });
  return tags;
}

describe('the tagger', () => {
  // The tagger adds up a word's own features once per word and looks pairs up without joining them: it
  // must choose what the plain sum of the trained features chooses.
  const sentences = readdirSync(SEEDS_DIR)
    .flatMap((file) => readFileSync(join(SEEDS_DIR, file), 'utf8').split(/[.؟!\n]/u))
    .map((line) => line.match(TOKEN) ?? [])
    .filter((words) => words.length > 0);

  const gaz = (words: string[]) => words.map((_, i) => (i % 7 === 3 ? 'B-LOC' : 'O'));
  const sameAsPlain = (stored: StoredModel) => {
    const tagger = new Tagger(stored);
    let names = 0;
    for (const words of sentences) {
      const tags = tagger.tag(words, gaz(words));
      expect(tags).toEqual(plainTag(stored, words, gaz(words)));
      names += tags.filter((tag) => tag !== 'O').length;
    }
    return names;
  };

  it('tags the seeds as the plain sum of its trained feature weights does', () => {
    expect(sentences.length).toBeGreaterThan(100);
    expect(sameAsPlain(shipped)).toBeGreaterThan(50);
  });

  it("does so with word clusters too, at the sentences' ends as well", () => {
    // Every word in one of 3 / 5 / 7 clusters, and weights for each cluster feature, «<s>» and «</s>» included.
    const words = [...new Set(sentences.flat().map((word) => view([word])[0]!.bare))];
    const clusters = {
      sizes: [3, 5, 7],
      words: Object.fromEntries(words.map((w, i) => [w, [i % 3, i % 5, i % 7]])),
      meta: { source: 'test', tokens: 0, licence: 'test' },
    };
    const weights: Record<string, number[]> = { ...shipped.weights };
    const values = ['0', '1', '2', '3', '4', '5', '6', '<s>', '</s>'];
    ['c0', 'c1', 'c2', 'c1-1', 'c1+1', 'c2-1', 'c2+1'].forEach((template, t) =>
      values.forEach((value, v) => (weights[`${template}=${value}`] = [(t + v) % TAGS.length, ((t * 7 + v * 3) % 11) - 5])),
    );
    ['O', 'B-PERS', 'I-PERS', 'B-LOC', '<s>'].forEach((prev, p) =>
      values.forEach((value, v) => (weights[`c2|t-1=${value}|${prev}`] = [(p + v) % TAGS.length, (p + v) % 3])),
    );
    expect(sameAsPlain({ ...shipped, weights, clusters })).toBeGreaterThan(50);
  });

  it('tags a word the same however often it has met it', () => {
    const tagger = new Tagger(shipped);
    const words = sentences[5]!;
    const first = tagger.tag(words);
    for (const other of sentences) tagger.tag(other);
    expect(tagger.tag(words)).toEqual(first);
  });
});
