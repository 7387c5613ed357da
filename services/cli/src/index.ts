export { main } from './main.js';
export { runEmbedded, startEmbedded, type EmbeddedSummary } from './embedded.js';
export { startWorker, type Worker } from './worker.js';
export { createFilter, runFilter } from './filters.js';
