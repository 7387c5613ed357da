/**
 * The embedded default: every stage in one process over the in-process bus, indexing into the embedded
 * on-disk index. Same steps, same runtime, same contracts as the distributed workers.
 */
import { createDedupIndex } from '@arabic-news/dedup';
import { createFetcher, sourcesFromList } from '@arabic-news/fetcher';
import {
  EmbeddedIndex,
  indexSink,
  MemoryBus,
  MetricsRegistry,
  sleep,
  StageRunner,
  topicMap,
  type Config,
  type Logger,
  type SearchIndex,
} from '@arabic-news/shared';
import { CONSUMING_STAGES, createStage, INDEX_STAGES } from './stages.js';

export interface EmbeddedSummary {
  articlesIn: number;
  cleaned: number;
  unique: number;
  duplicates: number;
  indexed: number;
  deadLettered: number;
  deadLetteredByStage: Record<string, number>;
  documentsInIndex: number;
  seconds: number;
}

export interface EmbeddedRun {
  bus: MemoryBus;
  index: SearchIndex;
  /** Runs one pass over the sources and waits until every stage has caught up. */
  pass(sources: string[]): Promise<EmbeddedSummary>;
  close(): Promise<void>;
}

export async function startEmbedded(
  config: Config,
  log: Logger,
  progress: (line: string) => void = () => {},
  options: { retainMessages?: boolean } = {},
): Promise<EmbeddedRun> {
  const bus = new MemoryBus({ retain: options.retainMessages });
  const topics = topicMap(config.kafka.topicPrefix);
  const index = new EmbeddedIndex({ dataDir: config.search.dataDir, alias: config.search.alias });
  await index.ensureReady();
  const dedupIndex = createDedupIndex(config.dedup);
  const registry = new MetricsRegistry();
  const metrics = Object.fromEntries(CONSUMING_STAGES.map((name) => [name, registry.forStage(name)]));
  const runners = CONSUMING_STAGES.map(
    (name) =>
      new StageRunner({
        stage: createStage(name, { dedupIndex, nerModel: config.enricher.nerModel }),
        bus,
        topics,
        log: log.child({ stage: name }),
        metrics: metrics[name]!,
        retry: config.retry,
        groupId: `embedded.${name}`,
        sink: INDEX_STAGES.includes(name) ? indexSink(index) : undefined,
      }),
  );
  await bus.ensureTopics(topics.all());
  for (const runner of runners) await runner.start();

  let fetchErrors = 0;
  const { fetcher, http } = createFetcher({
    config: config.fetch,
    log: log.child({ stage: 'fetcher' }),
    onError: () => (fetchErrors += 1),
  });
  const count = (key: 'raw' | 'clean' | 'unique' | 'duplicates') => bus.publishedCount(topics.get(key).name);

  return {
    bus,
    index,
    async pass(sources) {
      const started = Date.now();
      for (const source of sourcesFromList(sources)) {
        const found = await fetcher.pollSource(source, (article) =>
          bus.publish(topics.get('raw').name, [{ key: article.id, value: Buffer.from(JSON.stringify(article)) }]),
        );
        progress(
          `fetched ${found} new article(s) from ${source.path ?? source.url}${fetchErrors ? ` (${fetchErrors} fetch error(s) so far, see log)` : ''}`,
        );
      }
      const ticker = setInterval(
        () => progress(`… cleaned ${count('clean')}/${count('raw')}, indexed ${metrics.indexer!.snapshot().processed}`),
        2000,
      );
      try {
        await bus.drained();
        await index.flush();
      } finally {
        clearInterval(ticker);
      }
      const deadLetteredByStage = Object.fromEntries(CONSUMING_STAGES.map((name) => [name, metrics[name]!.snapshot().deadLettered]));
      return {
        articlesIn: count('raw'),
        cleaned: count('clean'),
        unique: count('unique'),
        duplicates: count('duplicates'),
        indexed: metrics.indexer!.snapshot().processed,
        deadLettered: Object.values(deadLetteredByStage).reduce((a, b) => a + b, 0),
        deadLetteredByStage,
        documentsInIndex: await index.count(),
        seconds: (Date.now() - started) / 1000,
      };
    },
    async close() {
      for (const runner of runners) await runner.stop();
      await http.close();
      await index.close();
      await bus.close();
    },
  };
}

/** `pipeline run`: one pass, or with `watch` a pass every FETCH_INTERVAL_SECONDS until `signal` aborts. */
export async function runEmbedded(
  config: Config,
  log: Logger,
  sources: string[],
  options: { watch?: boolean; signal?: AbortSignal; print: (line: string) => void },
): Promise<EmbeddedSummary> {
  const run = await startEmbedded(config, log, options.print);
  try {
    for (;;) {
      const summary = await run.pass(sources);
      options.print(formatSummary(summary, config));
      if (!options.watch || options.signal?.aborted) return summary;
      await sleep(config.fetch.intervalSeconds * 1000, options.signal);
      if (options.signal?.aborted) return summary;
    }
  } finally {
    await run.close();
  }
}

export function formatSummary(summary: EmbeddedSummary, config: Config): string {
  const dlq = Object.entries(summary.deadLetteredByStage)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(', ');
  return [
    `summary (${summary.seconds.toFixed(1)} s):`,
    `  articles in     ${summary.articlesIn}`,
    `  cleaned         ${summary.cleaned}`,
    `  duplicates      ${summary.duplicates}`,
    `  indexed         ${summary.indexed}`,
    `  dead-lettered   ${summary.deadLettered}${dlq ? ` (${dlq})` : ''}`,
    `  index           ${summary.documentsInIndex} documents in ${config.search.dataDir}/${config.search.alias}.index.json`,
  ].join('\n');
}
