/**
 * `pipeline worker <stage>`: one stage as a long-running worker on Kafka (the indexer writes to the
 * configured search index). Wiring only: config, clients, metrics endpoint, signals.
 */
import { createDedupIndex, rebuildDedupIndex } from '@arabic-news/dedup';
import { createHttpGet, Fetcher } from '@arabic-news/fetcher';
import {
  backoffDelay,
  errorMessage,
  groupId,
  indexSink,
  isRetriable,
  MetricsRegistry,
  sleep,
  StageRunner,
  topicMap,
  createKafkaBus,
  createSearchIndex,
  createShutdown,
  type Bus,
  type Config,
  type Logger,
  type ShutdownTask,
} from '@arabic-news/shared';
import { createStage, type ConsumingStage } from './stages.js';

export interface Worker {
  /** Resolves when the worker is consuming (or, for the fetcher, polling). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts a stage worker; `bus` may be passed in (tests share one), else it is built from config. */
export function startWorker(
  name: ConsumingStage | 'fetcher',
  config: Config,
  log: Logger,
  options: { bus?: Bus; installSignals?: boolean } = {},
): Worker {
  const bus = options.bus ?? createKafkaBus(config, log);
  const topics = topicMap(config.kafka.topicPrefix);
  const registry = new MetricsRegistry({ defaultMetrics: options.installSignals ?? false });
  const metrics = registry.forStage(name);
  const server = config.metricsPort ? registry.serve(config.metricsPort) : undefined;
  const tasks: ShutdownTask[] = [];
  const controller = new AbortController();

  const ready = (async () => {
    await bus.ensureTopics(topics.all());
    if (name === 'fetcher') {
      const loop = pollSources(config, log, bus, topics.get('raw').name, controller.signal);
      tasks.push({ name: 'stop polling', run: () => (controller.abort(), loop) });
      return;
    }
    const index = name === 'indexer' ? createSearchIndex(config, log) : undefined;
    if (index) await index.ensureReady();
    const dedupIndex = createDedupIndex(config.dedup);
    if (name === 'dedup') await rebuildDedupIndex(bus, topics.get('dedupState').name, dedupIndex, log);
    const runner = new StageRunner({
      stage: createStage(name, { dedupIndex }),
      bus,
      topics,
      log,
      metrics,
      retry: config.retry,
      groupId: groupId(config, name),
      sink: index ? indexSink(index) : undefined,
    });
    await runner.start();
    tasks.push({ name: 'stop consuming and commit', run: () => runner.stop() });
    if (index) tasks.push({ name: 'close search index', run: () => index.close() });
  })();

  if (!options.bus) tasks.push({ name: 'close Kafka clients', run: () => bus.close() });
  if (server) tasks.push({ name: 'close metrics server', run: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const shutdown = createShutdown({ log, timeoutMs: config.shutdownTimeoutMs, tasks });
  if (options.installSignals) shutdown.installSignalHandlers();
  return {
    ready,
    stop: async () => {
      await ready.catch(() => {});
      await shutdown.shutdown('stop()');
    },
  };
}

/** The fetcher worker's loop: every FETCH_INTERVAL_SECONDS, each source's new articles to the raw topic. */
async function pollSources(config: Config, log: Logger, bus: Bus, rawTopic: string, signal: AbortSignal): Promise<void> {
  if (config.fetch.sources.length === 0) log.warn('FETCH_SOURCES is empty: nothing to fetch');
  const fetcher = new Fetcher({ log, http: createHttpGet(config.fetch) });
  while (!signal.aborted) {
    for (const source of config.fetch.sources) {
      let emitted = 0;
      for await (const article of fetcher.poll(source)) {
        for (let attempt = 1; !signal.aborted; attempt += 1) {
          try {
            await bus.publish(rawTopic, [{ key: article.id, value: Buffer.from(JSON.stringify(article)) }]);
            emitted += 1;
            break;
          } catch (err) {
            if (!isRetriable(err)) throw err;
            log.warn({ err: errorMessage(err), attempt }, 'publish failed; retrying');
            await sleep(backoffDelay(attempt, config.retry), signal);
          }
        }
        if (signal.aborted) return;
      }
      log.info({ source, emitted }, 'polled source');
    }
    await sleep(config.fetch.intervalSeconds * 1000, signal);
  }
}
