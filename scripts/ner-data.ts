/**
 * ANERcorp as sentences, split as the CAMeL Lab split: train = lines 1-125,305 of the full `ANERCorp`
 * file, test = lines 125,306-150,313 (the separate CamelLab test file has corrupted sentence starts).
 * The full file has no sentence breaks: a sentence ends after «.», «؟», «!» or «?».
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Gazetteer } from '../services/enricher/src/gazetteer.js';
import type { Tag, Tagger } from '../services/enricher/src/ner/perceptron.js';
import { extractDates } from '@arabic-news/shared';
import {
  countSpans,
  gazetteerMarks,
  microCounts,
  spansOf,
  wordOffsets,
  type Counts,
  type Span,
} from '../services/enricher/src/ner/spans.js';

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

export const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
export const spansMeet = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * A Wojood sentence's gold DATE spans and the date extractor's, as word spans. Wojood's sentences come
 * without a publication date: relative dates («اليوم», «قبل عامين») are read against an arbitrary one (only
 * spans are scored).
 */
export function dateSpans(sentence: { words: string[]; tags: string[] }): { gold: Span[]; predicted: (Span & { value: string })[] } {
  const words = wordOffsets(sentence.words);
  const predicted = extractDates(sentence.words.join(' '), { reference: new Date('2020-01-01T00:00:00Z') }).map((d) => ({
    type: 'DATE',
    start: words.findLastIndex((w) => w.start <= d.start),
    end: words.findLastIndex((w) => w.start < d.end) + 1,
    value: d.until ? `${d.value}/${d.until}` : d.value,
  }));
  return { gold: spansOf(sentence.tags).filter((s) => s.type === 'DATE'), predicted };
}

/**
 * ANERcorp has no article boundaries: runs of consecutive sentences stand in for the articles that the
 * enricher tags as a whole (names found in one sentence are carried to the others).
 */
export const SENTENCES_PER_ARTICLE = 20;

export interface Evaluation {
  counts: Record<string, Counts>;
  micro: Counts;
  seconds: number;
}

/**
 * Exact-span counts for PERS, LOC and ORG, and the time taken to tag (gazetteer marks included). With
 * `articles: false`, each sentence is tagged on its own (no propagation through the article).
 */
export function evaluateTagger(tagger: Tagger, sentences: Sentence[], gazetteer: Gazetteer, { articles = true } = {}): Evaluation {
  const predictions: Tag[][] = [];
  const started = process.hrtime.bigint();
  for (let from = 0; from < sentences.length; from += SENTENCES_PER_ARTICLE) {
    const article = sentences.slice(from, from + SENTENCES_PER_ARTICLE).map((s) => s.words);
    const marks = article.map((words) => gazetteerMarks(words, gazetteer));
    predictions.push(...(articles ? tagger.tagDocument(article, marks) : article.map((words, i) => tagger.tag(words, marks[i]))));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const counts: Record<string, Counts> = {};
  sentences.forEach((s, i) => countSpans(spansOf(s.tags), spansOf(predictions[i]!), ['PERS', 'LOC', 'ORG'], counts));
  return { counts, micro: microCounts(counts), seconds };
}
