/** The `pipeline` command line. */
import { parseArgs } from 'node:util';
import { createFetcher, SourcesFileError, sourcesFromList } from '@arabic-news/fetcher';
import {
  ConfigError,
  createKafkaBus,
  createLogger,
  createSearchIndex,
  errorMessage,
  loadConfig,
  topicMap,
  type Requirement,
} from '@arabic-news/shared';
import {
  countByReason,
  deadLetterTopic,
  deadLetterTopics,
  describeDeadLetter,
  readDeadLetters,
  replayDeadLetters,
} from './dead-letters.js';
import { importSavedObjects, savedObjects, toNdjson } from './kibana.js';
import { runEmbedded } from './embedded.js';
import { createFilter, runFilter } from './filters.js';
import { ALL_STAGES, type WorkerName } from './stages.js';
import { startWorker } from './worker.js';

const USAGE = `usage: pipeline <command> [arguments]

  run [source…] [--watch]   every stage in one process on the embedded default; sources are folders of
                            .txt/.html files or RSS/Atom feed URLs (default: FETCH_SOURCES)
  search "<query>" [--size N]  search the configured index (embedded, or Elasticsearch if ELASTICSEARCH_URL)
  worker <stage>            one stage as a long-running Kafka worker: ${ALL_STAGES.join(', ')}
  fetch <url|file|folder> [--allow-private]
                            print the raw articles of a source as JSON lines (feed, sitemap or page URL,
                            a .txt/.html/.jsonl file, or a folder of them)
  clean | dedup | enrich    the step as a JSON-lines filter (stdin → stdout, bad lines reported on stderr)
  dlq                       the dead-letter topics on Kafka: how many letters each holds, by stage and error
  dlq show <topic> [--code C] [--limit N] [--full]
                            the dead letters of a topic as JSON lines (original message cut at 300 chars)
  dlq replay <topic> [--from OFFSET] [--code C]
                            send the original messages back to their input topic once the cause is fixed;
                            prints the --from to give next time so that nothing is sent twice
  kibana [--url URL] [--print]
                            import the data view, charts and dashboard for the index alias into Kibana
                            (default KIBANA_URL, waiting up to 3 minutes for it), or print them as NDJSON

Configuration comes from environment variables: see README.md.`;

const REQUIREMENTS: Record<string, Requirement[]> = { worker: ['kafka'], dlq: ['kafka'] };

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(process.env, REQUIREMENTS[command] ?? []);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger({
    level: config.log.level,
    pretty: config.log.pretty,
    name: command === 'worker' ? `worker.${rest[0]}` : 'pipeline',
  });
  const print = (line: string) => process.stdout.write(`${line}\n`);

  // A problem found while starting (a model file that cannot be loaded…) is reported like a bad variable.
  try {
    switch (command) {
      case 'run': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { watch: { type: 'boolean' } } });
        const sources = positionals.length > 0 ? positionals : config.fetch.sources;
        if (sources.length === 0) {
          process.stderr.write('pipeline run: no sources (give folders or feed URLs, or set FETCH_SOURCES)\n');
          return 2;
        }
        const controller = new AbortController();
        process.once('SIGINT', () => controller.abort());
        process.once('SIGTERM', () => controller.abort());
        print(`embedded pipeline: ${sources.join(', ')} → ${config.search.dataDir}/`);
        await runEmbedded(config, log, sources, { watch: values.watch ?? false, signal: controller.signal, print });
        return 0;
      }
      case 'search': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { size: { type: 'string', default: '10' } },
        });
        const query = positionals.join(' ').trim();
        if (!query) {
          process.stderr.write('pipeline search: give a query, e.g. pipeline search "الصين"\n');
          return 2;
        }
        const index = createSearchIndex(config, log);
        try {
          await index.ensureReady();
          const hits = await index.search(query, { size: Number(values.size) || 10 });
          print(`${hits.length} hit(s) for «${query}» in the ${index.kind} index`);
          for (const [rank, hit] of hits.entries()) {
            print(`\n${rank + 1}. ${hit.title}`);
            print(
              `   ${hit.source}${hit.publishedAt ? ` · ${hit.publishedAt.slice(0, 10)}` : ''}${hit.url ? ` · ${hit.url}` : ''} · id ${hit.id} · score ${hit.score.toFixed(2)}`,
            );
            if (hit.alsoPublishedBy.length > 0) print(`   also published by: ${hit.alsoPublishedBy.join(', ')}`);
            print(`   ${hit.snippet}`);
          }
        } finally {
          await index.close();
        }
        return 0;
      }
      case 'worker': {
        const stage = rest[0];
        if (!stage || !(ALL_STAGES as readonly string[]).includes(stage)) {
          process.stderr.write(`pipeline worker: name a stage: ${ALL_STAGES.join(', ')}\n`);
          return 2;
        }
        const worker = startWorker(stage as WorkerName, config, log.child({ stage }), { installSignals: true });
        try {
          await worker.ready;
        } catch (err) {
          // Start-up failed (a broken sources file, an engine that refuses us): say why, close what opened.
          process.stderr.write(`pipeline worker ${stage}: cannot start: ${errorMessage(err)}\n`);
          log.error({ err }, 'start-up failed');
          await worker.stop();
          // A bad sources file or model file is a configuration problem, like a bad variable.
          return err instanceof SourcesFileError || err instanceof ConfigError ? 78 : 1;
        }
        return new Promise<number>(() => {}); // runs until a signal; the shutdown handler exits
      }
      case 'fetch': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { 'allow-private': { type: 'boolean' } },
        });
        if (positionals.length === 0) {
          process.stderr.write('pipeline fetch: give a feed, sitemap or page URL, a file or a folder\n');
          return 2;
        }
        let failures = 0;
        const { fetcher, http } = createFetcher({ config: config.fetch, log, onError: () => (failures += 1) });
        try {
          for (const source of sourcesFromList(positionals)) {
            await fetcher.pollSource(
              { ...source, allowPrivate: values['allow-private'] ?? false },
              async (article) => void print(JSON.stringify(article)),
            );
          }
        } finally {
          await http.close();
        }
        return failures > 0 ? 1 : 0;
      }
      case 'clean':
      case 'dedup':
      case 'enrich': {
        const bad = await runFilter(createFilter(command, config), process.stdin, process.stdout, process.stderr);
        return bad > 0 ? 1 : 0;
      }
      case 'dlq': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { code: { type: 'string' }, limit: { type: 'string' }, from: { type: 'string' }, full: { type: 'boolean' } },
        });
        const [action = 'list', name] = positionals;
        if (!['list', 'show', 'replay'].includes(action) || (action !== 'list' && !name)) {
          process.stderr.write('pipeline dlq: `dlq`, `dlq show <topic>` or `dlq replay <topic>` (see pipeline help)\n');
          return 2;
        }
        for (const option of ['from', 'limit'] as const) {
          const value = values[option];
          if (value !== undefined && !/^\d+$/.test(value)) {
            process.stderr.write(`pipeline dlq: --${option} takes a whole number, not "${value}"\n`);
            return 2;
          }
        }
        const topics = topicMap(config.kafka.topicPrefix);
        const bus = createKafkaBus(config, log);
        try {
          if (action === 'list') {
            for (const topic of deadLetterTopics(topics)) {
              const entries = await readDeadLetters(bus, topic);
              const detail = Object.entries(countByReason(entries)).map(([reason, n]) => `${reason} ×${n}`);
              print(`${topic}: ${entries.length}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}`);
            }
            return 0;
          }
          const topic = deadLetterTopic(topics, name!);
          if (action === 'show') {
            const limit = Number(values.limit ?? Infinity);
            const entries = (await readDeadLetters(bus, topic)).filter((e) => !values.code || e.letter?.error.code === values.code);
            for (const entry of entries.slice(0, limit)) print(JSON.stringify(describeDeadLetter(entry, values.full ? 0 : 300)));
            return 0;
          }
          const result = await replayDeadLetters(bus, topics, topic, {
            from: values.from === undefined ? undefined : BigInt(values.from),
            code: values.code,
          });
          const where = Object.entries(result.byTopic).map(([target, n]) => `${n} to ${target}`);
          print(
            `replayed ${result.replayed} dead letter(s)${where.length > 0 ? ` (${where.join(', ')})` : ''}, skipped ${result.skipped}; ` +
              `next time: pipeline dlq replay ${topic} --from ${result.next}`,
          );
          return 0;
        } catch (err) {
          process.stderr.write(`pipeline dlq: ${errorMessage(err)}\n`);
          return 1;
        } finally {
          await bus.close();
        }
      }
      case 'kibana': {
        const { values } = parseArgs({ args: rest, options: { url: { type: 'string' }, print: { type: 'boolean' } } });
        const objects = savedObjects(config.search.alias);
        if (values.print) {
          process.stdout.write(toNdjson(objects));
          return 0;
        }
        const url = values.url ?? config.search.kibanaUrl;
        try {
          const imported = await importSavedObjects(url, objects, { onRetry: (reason) => log.info({ reason }, 'waiting for Kibana') });
          print(`imported ${imported} saved objects into Kibana at ${url}: open the dashboard «Arabic news overview»`);
          return 0;
        } catch (err) {
          process.stderr.write(`pipeline kibana: ${errorMessage(err)}\n`);
          return 1;
        }
      }
      default:
        process.stderr.write(`pipeline: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
}
