/** BIO tags ↔ entity spans, and exact-span scoring (CoNLL style). */
import type { Gazetteer, Mention } from '../gazetteer.js';

export interface Span {
  type: string;
  start: number;
  /** Exclusive. */
  end: number;
}

/** Spans of a BIO sequence; an I- tag that does not continue a span of its type starts one. */
export function spansOf(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  tags.forEach((tag, i) => {
    const [prefix, type] = tag.split('-') as [string, string | undefined];
    if (prefix === 'I' && current && current.type === type && current.end === i) {
      current.end = i + 1;
      return;
    }
    current = prefix === 'B' || prefix === 'I' ? { type: type!, start: i, end: i + 1 } : undefined;
    if (current) spans.push(current);
  });
  return spans;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Adds the exact-span matches of one sentence to per-type counts. */
export function countSpans(gold: Span[], predicted: Span[], types: string[], counts: Record<string, Counts>): void {
  const key = (s: Span) => `${s.type}:${s.start}:${s.end}`;
  const goldKeys = new Set(gold.filter((s) => types.includes(s.type)).map(key));
  const predKeys = new Set(predicted.filter((s) => types.includes(s.type)).map(key));
  for (const type of types) counts[type] ??= { tp: 0, fp: 0, fn: 0 };
  for (const k of predKeys) counts[k.split(':')[0]!]![goldKeys.has(k) ? 'tp' : 'fp'] += 1;
  for (const k of goldKeys) if (!predKeys.has(k)) counts[k.split(':')[0]!]!.fn += 1;
}

export const addCounts = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });

/** Counts over all types (micro-averaging). */
export const microCounts = (counts: Record<string, Counts>): Counts => Object.values(counts).reduce(addCounts, { tp: 0, fp: 0, fn: 0 });

export function f1(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp / (c.tp + c.fp || 1);
  const recall = c.tp / (c.tp + c.fn || 1);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}

const GAZ_TAG: Record<string, string> = { people: 'PERS', places: 'LOC', organizations: 'ORG' };

/** Mentions as BIO marks over tokens (the tagger's gazetteer feature); offsets in the same text. */
export function marksFromMentions(tokens: readonly { start: number; end: number }[], mentions: readonly Mention[]): string[] {
  const marks = tokens.map(() => 'O');
  for (const mention of mentions) {
    let first = true;
    tokens.forEach((token, i) => {
      if (token.start >= mention.end || mention.start >= token.end) return;
      marks[i] = `${first ? 'B' : 'I'}-${GAZ_TAG[mention.type]}`;
      first = false;
    });
  }
  return marks;
}

/** Character offsets of a tokenised sentence's words in `words.join(' ')`. */
export function wordOffsets(words: string[]): { start: number; end: number }[] {
  let offset = 0;
  return words.map((word) => {
    const token = { start: offset, end: offset + word.length };
    offset += word.length + 1;
    return token;
  });
}

/** Gazetteer matches as BIO marks over the words of a tokenised sentence. */
export function gazetteerMarks(words: string[], gazetteer: Gazetteer): string[] {
  return marksFromMentions(wordOffsets(words), gazetteer.find(words.join(' ')));
}
