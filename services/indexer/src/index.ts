export { createIndexer, toDocument } from './indexer.js';
