/** Clients built from configuration, for services' wiring and the command line. */
import { KafkaBus, type Bus } from './bus/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { EmbeddedIndex, ElasticsearchIndex, createElasticsearchClient, type SearchIndex } from './search/index.js';

export function createKafkaBus(config: Config, log: Logger): Bus {
  return new KafkaBus({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, log });
}

export function createSearchIndex(config: Config, log: Logger): SearchIndex {
  const { search } = config;
  if (search.backend === 'embedded') return new EmbeddedIndex({ dataDir: search.dataDir, alias: search.alias });
  return new ElasticsearchIndex({
    client: createElasticsearchClient({ url: search.elasticsearch.url!, ...search.elasticsearch }),
    alias: search.alias,
    version: search.version,
    log,
    bulk: search.bulk,
  });
}

/** Consumer group of a stage: one group per stage, shared by its replicas. */
export function groupId(config: Config, stage: string): string {
  return `${config.kafka.groupPrefix}.${config.kafka.topicPrefix}${stage}`;
}
