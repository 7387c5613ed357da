/**
 * Finds the engines for integration tests, once per run:
 *   1. KAFKA_BROKERS and ELASTICSEARCH_URL when set (CI: ../shared/tools/test-engines; or your own cluster);
 *   2. else Kafka and Elasticsearch started with testcontainers, when a Docker engine answers;
 *   3. else the engine tests are skipped with one line saying why — except under CI, where that fails the run.
 */
import type { TestProject } from 'vitest/node';
import type { Engines } from './engines.js';

const HOW_TO = 'run them with: eval "$(../shared/tools/test-engines start)" && npm test (or start a Docker engine)';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: (() => Promise<unknown>)[] = [];
  let engines: Engines;
  if (process.env.KAFKA_BROKERS && process.env.ELASTICSEARCH_URL) {
    engines = { kafkaBrokers: process.env.KAFKA_BROKERS, elasticsearchUrl: process.env.ELASTICSEARCH_URL };
  } else {
    engines = await startContainers(stops).catch((err: unknown) => ({
      skipReason: `no KAFKA_BROKERS/ELASTICSEARCH_URL and no Docker engine for testcontainers (${(err as Error).message.split('\n')[0]})`,
    }));
  }
  if (engines.skipReason) {
    if (process.env.CI) throw new Error(`integration tests cannot run under CI: ${engines.skipReason}`);
    console.warn(`\n[integration] engine tests SKIPPED: ${engines.skipReason}; ${HOW_TO}\n`);
  }
  project.provide('engines', engines);
  return async () => {
    for (const stop of stops) await stop();
  };
}

async function startContainers(stops: (() => Promise<unknown>)[]): Promise<Engines> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  await getContainerRuntimeClient();
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { ElasticsearchContainer } = await import('@testcontainers/elasticsearch');
  const [kafka, elasticsearch] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start(),
    new ElasticsearchContainer('docker.elastic.co/elasticsearch/elasticsearch:8.15.3')
      .withEnvironment({ 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms1g -Xmx1g' })
      .start(),
  ]);
  stops.push(
    () => kafka.stop(),
    () => elasticsearch.stop(),
  );
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    elasticsearchUrl: `http://${elasticsearch.getHost()}:${elasticsearch.getMappedPort(9200)}`,
  };
}
