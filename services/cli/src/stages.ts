/** The four consuming stages, built with their dependencies: the one place that knows them all. */
import { createCleaner } from '@arabic-news/cleaner';
import { createDedup, MemoryDedupStore } from '@arabic-news/dedup';
import { createEnricher, loadDefaultGazetteer } from '@arabic-news/enricher';
import { createIndexer } from '@arabic-news/indexer';
import type { Stage } from '@arabic-news/shared';

export const CONSUMING_STAGES = ['cleaner', 'dedup', 'enricher', 'indexer'] as const;
export type ConsumingStage = (typeof CONSUMING_STAGES)[number];
export const ALL_STAGES = ['fetcher', ...CONSUMING_STAGES] as const;

export function createStage(name: ConsumingStage): Stage<never> {
  switch (name) {
    case 'cleaner':
      return createCleaner() as Stage<never>;
    case 'dedup':
      // Memory only in this version: a restarted dedup worker forgets what it saw (issue 5 makes it durable).
      return createDedup({ store: new MemoryDedupStore() }) as Stage<never>;
    case 'enricher':
      return createEnricher({ gazetteer: loadDefaultGazetteer() }) as Stage<never>;
    case 'indexer':
      return createIndexer() as Stage<never>;
  }
}
