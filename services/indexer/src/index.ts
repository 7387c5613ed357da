export { createCopyRecorder, createIndexer, toDocument } from './indexer.js';
