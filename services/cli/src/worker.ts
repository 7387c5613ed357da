/**
 * `pipeline worker <stage>`: one stage as a long-running worker on Kafka (the indexer writes to the
 * configured search index). Wiring only: config, clients, metrics endpoint, signals.
 */
import { createDedupIndex, rebuildDedupIndex } from '@arabic-news/dedup';
import {
  groupId,
  indexSink,
  MetricsRegistry,
  StageRunner,
  topicMap,
  createKafkaBus,
  createSearchIndex,
  createShutdown,
  type Config,
  type Logger,
  type ShutdownTask,
} from '@arabic-news/shared';
import { runFetcherWorker } from './fetcher-worker.js';
import { createStage, type ConsumingStage, type WorkerName } from './stages.js';

export interface Worker {
  /** Resolves when the worker is consuming (or, for the fetcher, polling). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts a stage worker on the Kafka cluster of the configuration. */
export function startWorker(name: WorkerName, config: Config, log: Logger, options: { installSignals?: boolean } = {}): Worker {
  const bus = createKafkaBus(config, log);
  const topics = topicMap(config.kafka.topicPrefix);
  const registry = new MetricsRegistry({ defaultMetrics: options.installSignals ?? false });
  const metrics = registry.forStage(name);
  const server = config.metricsPort ? registry.serve(config.metricsPort) : undefined;
  // Work stops (and commits) before the clients it uses close; start-up adds work tasks as it goes.
  const tasks: ShutdownTask[] = [];
  const resources: ShutdownTask[] = [];
  const controller = new AbortController();

  const ready = (async () => {
    await bus.ensureTopics(topics.all());
    if (name === 'fetcher') {
      let started: () => void = () => {};
      const polling = new Promise<void>((resolve) => (started = resolve));
      const loop = runFetcherWorker({ config, log, bus, topics, metrics, signal: controller.signal, onReady: started });
      tasks.push({ name: 'stop polling, finish in-flight fetches', run: () => (controller.abort(), loop) });
      await Promise.race([polling, loop]);
      return;
    }
    const index = name === 'indexer' ? createSearchIndex(config, log) : undefined;
    if (index) await index.ensureReady();
    const dedupIndex = name === 'dedup' ? createDedupIndex(config.dedup) : undefined;
    if (dedupIndex) await rebuildDedupIndex(bus, topics.get('dedupState').name, dedupIndex, log);
    // The indexer worker also records copies ("also published by") from articles.duplicates.
    const stages: ConsumingStage[] = name === 'indexer' ? ['indexer', 'indexer-copies'] : [name as ConsumingStage];
    for (const stage of stages) {
      const runner = new StageRunner({
        stage: createStage(stage, { dedupIndex, nerModel: config.enricher.nerModel }),
        bus,
        topics,
        log: stages.length > 1 ? log.child({ runner: stage }) : log,
        metrics: stage === name ? metrics : registry.forStage(stage),
        retry: config.retry,
        groupId: groupId(config, stage),
        sink: index ? indexSink(index) : undefined,
      });
      await runner.start();
      tasks.push({ name: `stop ${stage}: finish the batch, commit`, run: () => runner.stop() });
    }
    if (index) tasks.push({ name: 'close search index', run: () => index.close() });
  })();

  resources.push({ name: 'close Kafka clients', run: () => bus.close() });
  if (server) resources.push({ name: 'close metrics server', run: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const shutdown = createShutdown({ log, timeoutMs: config.shutdownTimeoutMs, tasks: () => [...tasks, ...resources] });
  if (options.installSignals) shutdown.installSignalHandlers();
  return {
    ready,
    stop: async () => {
      await ready.catch(() => {});
      await shutdown.shutdown('stop()');
    },
  };
}
