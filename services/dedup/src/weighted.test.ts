import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchingWords } from './minhash.js';
import { estimateWeightedJaccard, WEIGHTED_SAMPLES, weightedJaccard, weightedSketch, wordWeight } from './weighted.js';

const seed = (name: string) => readFileSync(new URL(`../../../tests/fixtures/seeds/${name}`, import.meta.url), 'utf8');
const words = (name: string) => matchingWords(seed(name));

describe('word weights', () => {
  it('weighs a common word little and a name absent from ANERcorp most', () => {
    expect(wordWeight('في')).toBeLessThan(0.5);
    expect(wordWeight('شينخوا')).toBeGreaterThan(wordWeight('الرئيس'));
    expect(wordWeight('كلمةلاتوجد')).toBeGreaterThanOrEqual(wordWeight('الصين'));
  });
});

describe('weighted similarity', () => {
  const a = words('003_f49e60b28f7af812.txt');
  const rare = [...new Set(a)].sort((x, y) => wordWeight(y) - wordWeight(x));
  const common = [...new Set(a)].sort((x, y) => wordWeight(x) - wordWeight(y));
  const without = (drop: string[]) => a.filter((word) => !drop.includes(word));

  it('loses more by changing the rare words (the names) than as many common ones', () => {
    const names = weightedJaccard(a, without(rare.slice(0, 10)));
    const fillers = weightedJaccard(a, without(common.slice(0, 10)));
    expect(names).toBeLessThan(fillers);
    expect(fillers).toBeGreaterThan(0.95);
  });

  it('is estimated from the sketches within a few standard deviations', () => {
    const pairs: [string[], string[]][] = [
      [a, a],
      [a, without(rare.slice(0, 20))],
      [a, words('002_195d63a88f2e261d.txt')],
      [words('000_08afa464b8311bb1.txt'), words('004_f118cac7954edc78.txt')],
    ];
    for (const [x, y] of pairs) {
      const exact = weightedJaccard(x, y);
      const estimate = estimateWeightedJaccard(weightedSketch(x), weightedSketch(y));
      const sd = Math.sqrt((exact * (1 - exact)) / WEIGHTED_SAMPLES);
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * sd + 0.01);
    }
    expect(estimateWeightedJaccard(weightedSketch(a), weightedSketch([...a].reverse()))).toBe(1);
  });
});
