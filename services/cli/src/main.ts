/** The `pipeline` command line. */
import { parseArgs } from 'node:util';
import { createFetcher, SourcesFileError, sourcesFromList } from '@arabic-news/fetcher';
import { ConfigError, createLogger, createSearchIndex, errorMessage, loadConfig, type Requirement } from '@arabic-news/shared';
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

Configuration comes from environment variables: see README.md.`;

const REQUIREMENTS: Record<string, Requirement[]> = { worker: ['kafka'] };

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
        return err instanceof SourcesFileError ? 78 : 1;
      }
      return new Promise<number>(() => {}); // runs until a signal; the shutdown handler exits
    }
    case 'fetch': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'allow-private': { type: 'boolean' } } });
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
    default:
      process.stderr.write(`pipeline: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}
