/** The four consuming stages, built with their dependencies: the one place that knows them all. */
import { createCleaner } from '@arabic-news/cleaner';
import { createDedup, type DedupIndex } from '@arabic-news/dedup';
import { createEnricher, loadDefaultGazetteer, loadTagger } from '@arabic-news/enricher';
import { createCopyRecorder, createIndexer } from '@arabic-news/indexer';
import type { Stage } from '@arabic-news/shared';

export const CONSUMING_STAGES = ['cleaner', 'dedup', 'enricher', 'indexer', 'indexer-copies'] as const;
export type ConsumingStage = (typeof CONSUMING_STAGES)[number];
/** What `pipeline worker <stage>` accepts: the indexer worker runs `indexer` and `indexer-copies` together. */
export const ALL_STAGES = ['fetcher', 'cleaner', 'dedup', 'enricher', 'indexer'] as const;
export type WorkerName = (typeof ALL_STAGES)[number];
/** Stages that write to the search index. */
export const INDEX_STAGES: readonly ConsumingStage[] = ['indexer', 'indexer-copies'];

export interface StageDependencies {
  /** Dedup's memory: rebuilt from the state topic by the worker, fresh in the embedded default. */
  dedupIndex?: DedupIndex;
  /** A tagger model file instead of the shipped one (ENRICHER_NER_MODEL). */
  nerModel?: string;
}

export function createStage(name: ConsumingStage, deps: StageDependencies): Stage<never> {
  switch (name) {
    case 'cleaner':
      return createCleaner() as Stage<never>;
    case 'dedup':
      if (!deps.dedupIndex) throw new TypeError('the dedup stage needs its index');
      return createDedup({ index: deps.dedupIndex }) as Stage<never>;
    case 'enricher':
      return createEnricher({ gazetteer: loadDefaultGazetteer(), tagger: loadTagger(deps.nerModel) }) as Stage<never>;
    case 'indexer':
      return createIndexer() as Stage<never>;
    case 'indexer-copies':
      return createCopyRecorder() as Stage<never>;
  }
}
