/**
 * ANERcorp as sentences, split as the CAMeL Lab split: train = lines 1-125,305 of the full `ANERCorp`
 * file, test = lines 125,306-150,313 (the separate CamelLab test file has corrupted sentence starts).
 * The full file has no sentence breaks: a sentence ends after «.», «؟», «!» or «?».
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tag } from '../services/enricher/src/ner/perceptron.js';

export const ANERCORP = fileURLToPath(new URL('../../shared/data/ner/anercorp/ANERCorp', import.meta.url));
export const WOJOOD = fileURLToPath(new URL('../../shared/data/ner/wojood-sample/', import.meta.url));
const TEST_FIRST_LINE = 125_306;
const VALID_TAG = /^(?:O|[BI]-(?:PERS|LOC|ORG|MISC))$/;

export interface Sentence {
  words: string[];
  tags: Tag[];
}

export function readAnercorp(split: 'train' | 'test'): Sentence[] {
  const lines = readFileSync(ANERCORP, 'utf8').split('\n');
  const selected = split === 'train' ? lines.slice(0, TEST_FIRST_LINE - 1) : lines.slice(TEST_FIRST_LINE - 1);
  const sentences: Sentence[] = [];
  let current: Sentence = { words: [], tags: [] };
  for (const line of selected) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue; // the empty-token lines
    const tag = fields.at(-1)!;
    const word = fields.slice(0, -1).join(' ');
    current.words.push(word);
    current.tags.push((VALID_TAG.test(tag) ? tag : 'O') as Tag);
    if (/^[.؟!?]$/.test(word)) {
      sentences.push(current);
      current = { words: [], tags: [] };
    }
  }
  if (current.words.length > 0) sentences.push(current);
  return sentences;
}

/** Wojood sample sentences with their first (outermost) tag per token. */
export function readWojood(split: 'train' | 'val' | 'test'): { words: string[]; tags: string[] }[] {
  const sentences: { words: string[]; tags: string[] }[] = [];
  let current = { words: [] as string[], tags: [] as string[] };
  for (const line of readFileSync(`${WOJOOD}${split}.txt`, 'utf8').split('\n')) {
    if (!line.trim()) {
      if (current.words.length) sentences.push(current);
      current = { words: [], tags: [] };
      continue;
    }
    const [word, ...tags] = line.trim().split(/\s+/);
    current.words.push(word!);
    current.tags.push(tags.find((t) => t.endsWith('-DATE')) ?? tags[0] ?? 'O');
  }
  if (current.words.length) sentences.push(current);
  return sentences;
}
