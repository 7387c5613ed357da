/**
 * Feed → fetcher worker → Kafka raw topic on the real engine. The worker is stopped and started again:
 * nothing is emitted twice (its state is rebuilt from `fetch.state`), nothing is skipped (an item added
 * meanwhile arrives), and a source added to the sources file while it runs is picked up.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '@arabic-news/cli';
import { articlePage, html, startServer, type TestServer } from '../../services/fetcher/src/test-support/server.js';
import { KafkaBus, topicMap, type ConsumedRecord, type RawArticle } from '@arabic-news/shared';
import { enginesMissing, testConfig, testLogger, uniqueName, waitFor } from '../support/engines.js';

const PARAGRAPH = 'قال الرئيس الصيني شي جين بينغ إن العلاقات بين الصين وروسيا دخلت عصرا جديدا من التعاون الاستراتيجي الشامل.';

describe.skipIf(enginesMissing())('fetcher worker on Kafka', () => {
  const name = uniqueName('fetch');
  const log = testLogger();
  let server: TestServer;
  let dir: string;
  let items = ['a1', 'a2'];

  beforeAll(async () => {
    server = await startServer({
      '/robots.txt': html('User-agent: *\nAllow: /\n', 'text/plain'),
      '/feed.xml': (request, response) => {
        const etag = `"${items.join('-')}"`;
        if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
        const entries = items.map((item) => `<item><title>${item}</title><link>${server.origin}/${item}</link></item>`).join('');
        response
          .writeHead(200, { 'content-type': 'application/rss+xml', etag })
          .end(`<rss version="2.0"><channel>${entries}</channel></rss>`);
      },
      ...Object.fromEntries(['a1', 'a2', 'a3', 'single'].map((item) => [`/${item}`, html(articlePage(item, PARAGRAPH))])),
    });
    dir = await mkdtemp(join(tmpdir(), 'sources-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const writeSources = (extra = '') =>
    writeFile(
      join(dir, 'sources.yaml'),
      `sources:\n  - name: local-feed\n    type: feed\n    url: ${server.origin}/feed.xml\n    intervalSeconds: 1\n    allowPrivate: true\n${extra}`,
    );

  it('emits every article exactly once across a restart, and picks up new sources', async () => {
    await writeSources();
    const config = testConfig(name, { FETCH_SOURCES_FILE: join(dir, 'sources.yaml'), FETCH_MIN_DELAY_MS: '0' });
    const topics = topicMap(config.kafka.topicPrefix);
    const bus = new KafkaBus({ brokers: config.kafka.brokers, clientId: name, log });
    await bus.ensureTopics(topics.all());
    const raw: ConsumedRecord[] = [];
    const reader = await bus.consume({
      groupId: `${name}.reader`,
      topic: topics.get('raw').name,
      handler: async (batch) => (raw.push(...batch), batch.length),
    });
    const urls = () => raw.map((r) => (JSON.parse(r.value.toString()) as RawArticle).url);

    const first = startWorker('fetcher', config, log);
    await first.ready;
    await waitFor('the first two articles', async () => (raw.length >= 2 ? true : undefined));
    await first.stop();

    items = ['a1', 'a2', 'a3'];
    const second = startWorker('fetcher', config, log);
    await second.ready;
    await waitFor('the article added while the worker was down', async () => (urls().includes(`${server.origin}/a3`) ? true : undefined));
    await writeSources(`  - name: single\n    type: page\n    url: ${server.origin}/single\n    allowPrivate: true\n`);
    await waitFor('the source added to the sources file', async () => (urls().includes(`${server.origin}/single`) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 3000)); // several more polls: anything repeated would show
    await second.stop();
    await reader.stop();
    await bus.close();

    expect(urls().sort()).toEqual(['a1', 'a2', 'a3', 'single'].map((item) => `${server.origin}/${item}`).sort());
    const pageFetches = server.requests.filter((r) => /^\/(a\d|single)$/.test(r.path)).length;
    expect(pageFetches).toBe(4);
  });
});
