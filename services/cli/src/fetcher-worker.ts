/**
 * The fetcher worker's loop: rebuild fetch state from `fetch.state`, then poll each source when its
 * interval is due (several sources at once; per-host politeness in the fetcher), publish new articles to
 * the raw topic and, once acknowledged, their state records. The sources file is re-read when it changes.
 */
import { createFetcher, FetchState, SourcesFile, sourcesFromList, sourcesOfShard, stateKey, type Source } from '@arabic-news/fetcher';
import {
  ABORTED,
  errorMessage,
  FetchStateV1,
  readStateTopic,
  retryRetriable,
  sleep,
  type Bus,
  type Config,
  type Logger,
  type StageMetrics,
  type TopicMap,
} from '@arabic-news/shared';

const TICK_MS = 1000;

export async function runFetcherWorker(options: {
  config: Config;
  log: Logger;
  bus: Bus;
  topics: TopicMap;
  metrics: StageMetrics;
  signal: AbortSignal;
  /** Resolves once state is rebuilt and polling starts. */
  onReady?: () => void;
}): Promise<void> {
  const { config, log, bus, topics, metrics, signal } = options;
  const stateTopic = topics.get('fetchState').name;
  const rawTopic = topics.get('raw').name;

  /** Publishes until acknowledged or shutdown: a fetched article is not dropped because Kafka blinked. */
  const publish = async (topic: string, records: { key: string; value: Buffer }[]) => {
    const result = await retryRetriable(() => bus.publish(topic, records), {
      backoff: config.retry,
      signal,
      onRetry: (err, attempt) => log.warn({ err: errorMessage(err), attempt }, 'publish failed; retrying'),
    });
    // Not acknowledged: the article stays unseen and is fetched again after the restart.
    if (result === ABORTED) throw new Error(`shutting down before ${topic} acknowledged the records`);
  };

  const state = new FetchState({
    persist: (records) =>
      publish(
        stateTopic,
        records.map((r) => ({ key: stateKey(r), value: Buffer.from(JSON.stringify(r)) })),
      ),
    seenDays: config.fetch.seenDays,
  });
  const { records: read, invalid } = await readStateTopic(bus, stateTopic, FetchStateV1, log, (record) => state.apply(record));
  log.info({ records: read, invalid, seen: state.seenCount, seenDays: config.fetch.seenDays }, 'fetch state rebuilt');

  const { fetcher, http } = createFetcher({ config: config.fetch, log, state, onError: (_, reason) => metrics.failed(reason) });
  const file = config.fetch.sourcesFile ? new SourcesFile(config.fetch.sourcesFile) : undefined;
  const listed = sourcesFromList(config.fetch.sources);
  const loadSources = async (): Promise<Source[]> =>
    sourcesOfShard(
      file ? await file.load((err) => log.error({ err: err.message }, 'sources file invalid; keeping the previous sources')) : listed,
      config.fetch.shard,
    );
  const first = await loadSources();
  if (first.length === 0) log.warn({ shard: config.fetch.shard }, 'no sources for this replica: set FETCH_SOURCES_FILE or FETCH_SOURCES');
  else log.info({ sources: first.map((s) => s.name), shard: config.fetch.shard }, 'polling');
  options.onReady?.();

  const running = new Map<string, Promise<void>>();
  while (!signal.aborted) {
    const sources = await loadSources().catch((err: unknown) => {
      log.error({ err: errorMessage(err) }, 'cannot read sources file');
      return [] as Source[];
    });
    for (const source of sources) {
      if (running.has(source.name) || (state.source(source.name).nextPollAt ?? 0) > Date.now()) continue;
      const started = Date.now();
      const poll = fetcher
        .pollSource(source, async (article) => {
          await publish(rawTopic, [{ key: article.id, value: Buffer.from(JSON.stringify(article)) }]);
          metrics.processed('ok');
        })
        .then(async (emitted) => {
          log.info(
            { source: source.name, emitted, ms: Date.now() - started, seen: state.seenCount, forgotten: state.expiredCount },
            'polled source',
          );
          await state.updateSource(source.name, {
            nextPollAt: Date.now() + (source.intervalSeconds ?? config.fetch.intervalSeconds) * 1000,
          });
        })
        .catch((err: unknown) => log.error({ err: errorMessage(err), source: source.name }, 'poll failed'))
        .finally(() => running.delete(source.name));
      running.set(source.name, poll);
    }
    await sleep(TICK_MS, signal);
  }
  await Promise.allSettled(running.values());
  await http.close();
}
