export { DedupIndex, type Match, type RememberedArticle, type Thresholds } from './dedup-index.js';
export {
  contentHash,
  createDedup,
  createDedupIndex,
  decideDuplicate,
  DEFAULT_THRESHOLDS,
  fingerprint,
  fromStateMessage,
  toStateMessage,
  type DedupDecision,
} from './dedup.js';
export { estimateContainment, estimateJaccard, matchingWords, shingleHashes, signature } from './minhash.js';
export { rebuildDedupIndex } from './state.js';
export { estimateWeightedJaccard, WEIGHTED_SAMPLES, weightedJaccard, weightedSketch, wordWeight } from './weighted.js';
