/**
 * Word clusters learnt from unlabelled news text, for the tagger's cluster features: words that occur in
 * the same contexts («قال X», «في X») fall in the same cluster, so a name never seen in the 125,000 words of
 * ANERcorp's training lines still looks like the names it resembles (Ratinov & Roth 2009 used Brown
 * clusters for the same end).
 *
 * How: counts of each frequent word's neighbours (two words on each side, among the most frequent words),
 * weighted by positive PMI with context smoothing (Levy, Goldberg & Dagan 2015), reduced to a few dimensions
 * by a randomized SVD (Halko, Martinsson & Tropp 2011), then grouped by spherical k-means at several sizes
 * (coarse to fine). Words are keyed by their bare form (the tagger's `bare`: normalised, clitics removed).
 *
 * The clusters carry the licence of the text they were learnt from: the shipped model has none (see README).
 */
import { bareWord, CLUSTER_LEVELS, TOKEN, type WordClusters } from './perceptron.js';

export interface ClusterOptions {
  /** Words seen fewer times get no cluster. */
  minCount?: number;
  /** Neighbours counted: the most frequent words. */
  contextWords?: number;
  dimensions?: number;
  sizes?: number[];
  iterations?: number;
  seed?: number;
  onProgress?: (message: string) => void;
}

const OFFSETS = [-2, -1, 1, 2];

function bareTokens(text: string, cache: Map<string, string>): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let bare = cache.get(match[0]);
    if (bare === undefined) {
      bare = bareWord(match[0]);
      cache.set(match[0], bare);
    }
    out.push(bare);
  }
  return out;
}

function seeded(seed: number) {
  let state = seed >>> 0;
  const uniform = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return { uniform, gauss: () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform()) };
}

/** Sparse rows of positive PMI between each vocabulary word and (context word, offset) pairs. */
interface SparseRows {
  keys: Int32Array[];
  values: Float32Array[];
  columns: number;
}

/** Gram-Schmidt on the `width` columns of a row-major `rows × width` matrix, in place. */
function orthonormalize(m: Float64Array, rows: number, width: number): void {
  for (let a = 0; a < width; a += 1) {
    for (let b = 0; b < a; b += 1) {
      let dot = 0;
      for (let i = 0; i < rows; i += 1) dot += m[i * width + a]! * m[i * width + b]!;
      for (let i = 0; i < rows; i += 1) m[i * width + a]! -= dot * m[i * width + b]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i += 1) norm += m[i * width + a]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < rows; i += 1) m[i * width + a]! /= norm;
  }
}

/** A × X (transpose = false: X has `columns` rows) or Aᵀ × X (X has one row per word). */
function multiply(a: SparseRows, x: Float64Array, width: number, transpose: boolean): Float64Array {
  const out = new Float64Array((transpose ? a.columns : a.keys.length) * width);
  a.keys.forEach((keys, row) => {
    const values = a.values[row]!;
    for (let j = 0; j < keys.length; j += 1) {
      const [from, to] = transpose ? [row * width, keys[j]! * width] : [keys[j]! * width, row * width];
      const value = values[j]!;
      for (let k = 0; k < width; k += 1) out[to + k]! += value * x[from + k]!;
    }
  });
  return out;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by cyclic Jacobi. */
function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const m = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) v[i * n + i] = 1;
  const rotate = (x: Float64Array, i: number, j: number, c: number, s: number) => {
    const [xi, xj] = [x[i]!, x[j]!];
    x[i] = c * xi - s * xj;
    x[j] = s * xi + c * xj;
  };
  for (let sweep = 0; sweep < 30; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += m[p * n + q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < n; p += 1) {
      for (let q = p + 1; q < n; q += 1) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) rotate(m, k * n + p, k * n + q, c, s);
        for (let k = 0; k < n; k += 1) rotate(m, p * n + k, q * n + k, c, s);
        for (let k = 0; k < n; k += 1) rotate(v, k * n + p, k * n + q, c, s);
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => m[i * n + i]!), vectors: v };
}

/** Unit-length word vectors (one row per word): the top singular directions, scaled by √σ. */
function embed(a: SparseRows, dimensions: number, random: ReturnType<typeof seeded>): Float32Array {
  const width = dimensions + 16;
  const words = a.keys.length;
  let range = multiply(
    a,
    new Float64Array(a.columns * width).map(() => random.gauss()),
    width,
    false,
  );
  for (let pass = 0; pass < 2; pass += 1) {
    orthonormalize(range, words, width);
    const back = multiply(a, range, width, true);
    orthonormalize(back, a.columns, width);
    range = multiply(a, back, width, false);
  }
  orthonormalize(range, words, width);
  // B = Qᵀ A; the eigenvectors of B Bᵀ rotate Q onto A's left singular vectors.
  const bt = multiply(a, range, width, true);
  const gram = new Float64Array(width * width);
  for (let c = 0; c < a.columns; c += 1) {
    for (let i = 0; i < width; i += 1) {
      const x = bt[c * width + i]!;
      if (x !== 0) for (let j = 0; j < width; j += 1) gram[i * width + j]! += x * bt[c * width + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(gram, width);
  const top = values
    .map((value, i) => [value, i] as const)
    .sort((x, y) => y[0] - x[0])
    .slice(0, dimensions);
  const out = new Float32Array(words * dimensions);
  for (let w = 0; w < words; w += 1) {
    let norm = 0;
    top.forEach(([value, e], k) => {
      let x = 0;
      for (let i = 0; i < width; i += 1) x += range[w * width + i]! * vectors[i * width + e]!;
      x *= Math.max(value, 0) ** 0.25;
      out[w * dimensions + k] = x;
      norm += x * x;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < dimensions; k += 1) out[w * dimensions + k]! /= norm;
  }
  return out;
}

/** Spherical k-means, seeded with `k` distinct words among the frequent ones. */
function kmeans(vectors: Float32Array, dimensions: number, k: number, iterations: number, random: ReturnType<typeof seeded>): Int32Array {
  const words = vectors.length / dimensions;
  const centroids = new Float32Array(k * dimensions);
  const pool = Math.min(words, Math.max(k * 20, 20_000));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, words)) chosen.add(Math.floor(random.uniform() * pool));
  [...chosen].forEach((w, c) => centroids.set(vectors.subarray(w * dimensions, (w + 1) * dimensions), c * dimensions));
  const assignment = new Int32Array(words);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    for (let w = 0; w < words; w += 1) {
      let [best, bestScore] = [0, -Infinity];
      for (let c = 0; c < k; c += 1) {
        let score = 0;
        for (let d = 0; d < dimensions; d += 1) score += vectors[w * dimensions + d]! * centroids[c * dimensions + d]!;
        if (score > bestScore) [best, bestScore] = [c, score];
      }
      assignment[w] = best;
    }
    centroids.fill(0);
    for (let w = 0; w < words; w += 1)
      for (let d = 0; d < dimensions; d += 1) centroids[assignment[w]! * dimensions + d]! += vectors[w * dimensions + d]!;
    for (let c = 0; c < k; c += 1) {
      let norm = 0;
      for (let d = 0; d < dimensions; d += 1) norm += centroids[c * dimensions + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimensions; d += 1) centroids[c * dimensions + d]! /= norm;
    }
  }
  return assignment;
}

/**
 * Clusters of the words of `texts` (called twice: a pass to count words, a pass to count contexts, so
 * that a large archive can be streamed). `source` and `licence` describe the text, for the model's record.
 */
export function buildClusters(
  texts: () => Iterable<string>,
  describe: { source: string; licence: string },
  options: ClusterOptions = {},
): WordClusters {
  const { minCount = 5, contextWords = 3000, dimensions = 128, sizes = [64, 256, 1024], iterations = 10, seed = 11 } = options;
  const progress = options.onProgress ?? (() => {});
  if (sizes.length !== CLUSTER_LEVELS) throw new RangeError(`the tagger reads clusters at ${CLUSTER_LEVELS} levels, not ${sizes.length}`);
  const cache = new Map<string, string>();
  const frequency = new Map<string, number>();
  let tokens = 0;
  for (const text of texts()) {
    for (const word of bareTokens(text, cache)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const byFrequency = [...frequency].filter(([word]) => /\p{L}/u.test(word)).sort((a, b) => b[1] - a[1]);
  const vocabulary = byFrequency.filter(([, count]) => count >= minCount).map(([word]) => word);
  const index = new Map(vocabulary.map((word, i) => [word, i]));
  const contexts = new Map(byFrequency.slice(0, contextWords).map(([word], i) => [word, i]));
  progress(`${frequency.size} distinct words; ${vocabulary.length} seen at least ${minCount} times`);
  if (vocabulary.length < Math.max(...sizes)) {
    throw new Error(
      `too little text: ${vocabulary.length} words seen ${minCount} times or more, fewer than ${Math.max(...sizes)} clusters`,
    );
  }

  const counts = vocabulary.map(() => new Map<number, number>());
  const columnTotals = new Float64Array(contexts.size * OFFSETS.length);
  let pairs = 0;
  for (const text of texts()) {
    const words = bareTokens(text, cache);
    tokens += words.length;
    words.forEach((word, i) => {
      const row = index.get(word);
      if (row === undefined) return;
      OFFSETS.forEach((offset, o) => {
        const context = contexts.get(words[i + offset] ?? '');
        if (context === undefined) return;
        const column = context * OFFSETS.length + o;
        counts[row]!.set(column, (counts[row]!.get(column) ?? 0) + 1);
        columnTotals[column]! += 1;
        pairs += 1;
      });
    });
  }
  progress(`${tokens} tokens, ${pairs} word-context pairs`);

  // PPMI with the context distribution raised to 0.75.
  let smoothedTotal = 0;
  for (const total of columnTotals) smoothedTotal += total ** 0.75;
  const rows: SparseRows = { keys: [], values: [], columns: columnTotals.length };
  for (const row of counts) {
    let rowTotal = 0;
    for (const count of row.values()) rowTotal += count;
    const keys: number[] = [];
    const values: number[] = [];
    for (const [column, count] of row) {
      const pmi = Math.log((count / rowTotal) * (smoothedTotal / columnTotals[column]! ** 0.75));
      if (pmi <= 0) continue;
      keys.push(column);
      values.push(pmi);
    }
    rows.keys.push(Int32Array.from(keys));
    rows.values.push(Float32Array.from(values));
  }
  const random = seeded(seed);
  const vectors = embed(rows, Math.min(dimensions, vocabulary.length), random);
  progress(`${vocabulary.length} word vectors of ${dimensions} dimensions`);
  const levels = sizes.map((k) => {
    const assignment = kmeans(vectors, Math.min(dimensions, vocabulary.length), k, iterations, random);
    progress(`${k} clusters`);
    return assignment;
  });
  const words: Record<string, number[]> = {};
  vocabulary.forEach((word, i) => (words[word] = levels.map((level) => level[i]!)));
  return { sizes, words, meta: { ...describe, tokens } };
}
