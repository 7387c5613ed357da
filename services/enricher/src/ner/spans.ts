/** BIO tags ↔ entity spans, and exact-span scoring (CoNLL style). */
import type { Gazetteer } from '../gazetteer.js';

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

export function f1(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp / (c.tp + c.fp || 1);
  const recall = c.tp / (c.tp + c.fn || 1);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}

const GAZ_TAG: Record<string, string> = { people: 'PERS', places: 'LOC', organizations: 'ORG' };

/** Gazetteer matches as BIO marks over tokens (a feature for the tagger). */
export function gazetteerMarks(words: string[], gazetteer: Gazetteer): string[] {
  const starts: number[] = [];
  let offset = 0;
  for (const word of words) {
    starts.push(offset);
    offset += word.length + 1;
  }
  const marks = words.map(() => 'O');
  for (const mention of gazetteer.find(words.join(' '))) {
    const first = starts.findLastIndex((s) => s <= mention.start);
    const last = starts.findLastIndex((s) => s < mention.end);
    for (let i = Math.max(0, first); i <= last; i += 1) marks[i] = `${i === first ? 'B' : 'I'}-${GAZ_TAG[mention.type]}`;
  }
  return marks;
}
