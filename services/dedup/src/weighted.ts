/**
 * Weighted word overlap, for telling a rewrite of a story from another story written on the same template.
 * Two outlets' rewrites of one press release share few 3-word shingles (honorifics added, sentences merged)
 * but the same rare words: the names, places and figures. Two stories from one template (the king's
 * congratulations to two heads of state, two municipalities' Eid parties) share many shingles but differ in
 * exactly those words. So the measure is the weighted Jaccard similarity of the two sets of distinct words,
 * each word weighed by its rarity, log((N + 1) / (n + 1)) for a word in n of N passages of ANERcorp
 * (model/word-weights.json, `npm run train:dedup-weights`): Σ weight(A ∩ B) / Σ weight(A ∪ B).
 *
 * It is estimated from a sketch of WEIGHTED_SAMPLES 16-bit values per article (consistent weighted
 * sampling): in sample p every word draws an exponential "arrival time" of rate weight(word), seeded by the
 * word and p, and the sketch keeps the word that arrives first. Over A ∪ B the first arrival is word w with
 * probability weight(w) / Σ weight(A ∪ B), and the two sketches agree exactly when it is in both, so the
 * share of equal samples estimates the weighted Jaccard similarity (standard deviation ≤ 0.045 at 128).
 */
import weightsFile from '../model/word-weights.json' with { type: 'json' };
import { fnv1a, mix } from './minhash.js';

export const WEIGHTED_SAMPLES = 128;
const SEEDS = Uint32Array.from({ length: WEIGHTED_SAMPLES }, (_, i) => mix(0x7f4a7c15 + i * 0x2545f491));
const PASSAGES: number = weightsFile.passages;
const COUNTS = new Map<string, number>(Object.entries(weightsFile.counts as Record<string, number>));
/** Weights are rounded to eighths: the sketch then works through a few groups of equal weight. */
const STEP = 8;

/** A word's weight: the log of how much rarer than everywhere it is in ANERcorp; absent words weigh most. */
export function wordWeight(word: string): number {
  return Math.round(Math.log((PASSAGES + 1) / ((COUNTS.get(word) ?? 0) + 1)) * STEP) / STEP;
}

/**
 * The sketch of a set of words (normalised for matching; repeats are ignored). Words are taken heaviest
 * first, so that within a group of equal weight a word beats sample p's current first arrival, at time t,
 * exactly when its uniform draw u exceeds exp(-t·weight): one comparison per word and sample, and a
 * logarithm only when the first arrival changes.
 */
export function weightedSketch(words: Iterable<string>): Uint16Array {
  const items = [...new Set(words)]
    .map((word) => ({ hash: fnv1a(word), weight: wordWeight(word) }))
    .filter((item) => item.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const first = new Float64Array(WEIGHTED_SAMPLES).fill(Infinity);
  const bar = new Float64Array(WEIGHTED_SAMPLES);
  const sketch = new Uint16Array(WEIGHTED_SAMPLES);
  let weight = Number.NaN;
  for (const item of items) {
    if (item.weight !== weight) {
      weight = item.weight;
      for (let p = 0; p < WEIGHTED_SAMPLES; p += 1) bar[p] = Math.exp(-first[p]! * weight);
    }
    for (let p = 0; p < WEIGHTED_SAMPLES; p += 1) {
      const u = (mix(item.hash ^ SEEDS[p]!) + 0.5) / 4294967296;
      if (u > bar[p]!) {
        first[p] = -Math.log(u) / weight;
        bar[p] = u;
        sketch[p] = item.hash & 0xffff;
      }
    }
  }
  return sketch;
}

/** Estimated weighted Jaccard similarity of two sketches: the share of equal samples. */
export function estimateWeightedJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let equal = 0;
  for (let p = 0; p < WEIGHTED_SAMPLES; p += 1) if (a[p] === b[p]) equal += 1;
  return equal / WEIGHTED_SAMPLES;
}

/** The exact weighted Jaccard similarity of two sets of words (for tests and benchmarks). */
export function weightedJaccard(a: Iterable<string>, b: Iterable<string>): number {
  const left = new Set(a);
  const right = new Set(b);
  let both = 0;
  let either = 0;
  for (const word of left) {
    either += wordWeight(word);
    if (right.has(word)) both += wordWeight(word);
  }
  for (const word of right) if (!left.has(word)) either += wordWeight(word);
  return either === 0 ? 0 : both / either;
}
