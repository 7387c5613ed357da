export { contentHash, createDedup, decideDuplicate, MemoryDedupStore, type DedupDecision, type DedupStore } from './dedup.js';
