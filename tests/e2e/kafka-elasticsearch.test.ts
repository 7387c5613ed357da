/**
 * End to end on the real engines: the seed folder → fetcher worker → Kafka → cleaner, dedup, enricher,
 * indexer workers → Elasticsearch, plus a malformed message that must land in the raw topic's DLQ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@arabic-news/cli';
import {
  createElasticsearchClient,
  createSearchIndex,
  DeadLetterV1,
  KafkaBus,
  topicMap,
  type ArticleDocument,
  type ConsumedRecord,
} from '@arabic-news/shared';
import { enginesMissing, testConfig, testLogger, uniqueName, waitFor } from '../support/engines.js';
import { MALFORMED_RAW, REPUBLISHED_DIR, SEED_BOILERPLATE, SEED_COUNT, SEEDS_DIR } from '../support/seeds.js';

describe.skipIf(enginesMissing())('distributed pipeline on Kafka and Elasticsearch', () => {
  const name = uniqueName('e2e');
  const log = testLogger();
  let config: ReturnType<typeof testConfig>;
  let client: ReturnType<typeof createElasticsearchClient>;
  let bus: KafkaBus;
  const workers: Worker[] = [];
  let documents: ArticleDocument[] = [];

  beforeAll(async () => {
    config = testConfig(name, { FETCH_SOURCES: `${SEEDS_DIR},${REPUBLISHED_DIR}`, FETCH_INTERVAL_SECONDS: '3600' });
    client = createElasticsearchClient({ url: config.search.elasticsearch.url! });
    bus = new KafkaBus({ brokers: config.kafka.brokers, clientId: name, log });
    const topics = topicMap(config.kafka.topicPrefix);
    await bus.ensureTopics(topics.all());
    // The malformed message goes first, so the good ones must get past it.
    await bus.publish(topics.get('raw').name, [{ key: 'malformed', value: MALFORMED_RAW }]);
    for (const stage of ['cleaner', 'dedup', 'enricher', 'indexer', 'fetcher'] as const) {
      const worker = startWorker(stage, config, log.child({ stage }));
      workers.push(worker);
      await worker.ready;
    }
    const count = await waitFor(
      'the seed articles in Elasticsearch, and the copy recorded on its original',
      async () => {
        await client.indices.refresh({ index: name });
        // A copy that overtakes its original leaves a stub without text until the original arrives.
        const complete = await client.count({ index: name, query: { exists: { field: 'text' } } });
        const copies = await client.count({
          index: name,
          query: { bool: { filter: [{ exists: { field: 'alsoPublishedBy.id' } }, { exists: { field: 'text' } }] } },
        });
        return complete.count >= SEED_COUNT && copies.count > 0 ? (await client.count({ index: name })).count : undefined;
      },
      90_000,
    );
    expect(count).toBe(SEED_COUNT);
    const response = await client.search<ArticleDocument>({ index: name, size: 100, query: { match_all: {} } });
    documents = response.hits.hits.map((hit) => hit._source!);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await bus?.close();
    await client?.close();
  });

  it('indexes exactly the five seed articles, with ids as _id', async () => {
    expect(documents).toHaveLength(SEED_COUNT);
    expect(new Set(documents.map((doc) => doc.id)).size).toBe(SEED_COUNT);
    for (const doc of documents) {
      expect(doc.text.length).toBeGreaterThan(500);
      expect(doc.title.length).toBeGreaterThan(10);
      expect(doc.language).toBe('ar');
    }
  });

  it('indexes seed 003 and its republication once, the later as "also published by" on the first', () => {
    // Whichever copy reached dedup first is the story's article (raw messages travel on several partitions).
    const story = documents.filter((doc) => doc.text.includes('باتروشيف'));
    expect(story).toHaveLength(1);
    const [first] = story;
    const other = first!.source === 'seeds' ? 'republished' : 'seeds';
    expect(first!.alsoPublishedBy).toMatchObject([{ source: other }]);
    expect(first!.alsoPublishedBy![0]!.similarity).toBeGreaterThan(0.5);
    expect(documents.filter((doc) => doc.alsoPublishedBy)).toHaveLength(1);
  });

  it('leaves no boilerplate in any document', () => {
    for (const doc of documents) for (const junk of SEED_BOILERPLATE) expect(`${doc.title}\n${doc.text}`).not.toContain(junk);
  });

  it('finds the articles about China for «الصينية» through the Arabic analyzer', async () => {
    const response = await client.search<ArticleDocument>({ index: name, size: 10, query: { match: { text: 'الصينية' } } });
    const hits = response.hits.hits.map((hit) => hit._source!);
    // Every seed is about China; «الصينية» itself occurs in only one of them, so stemming is what finds the rest.
    expect(hits).toHaveLength(SEED_COUNT);
    expect(documents.filter((doc) => doc.text.includes('الصينية')).length).toBeLessThan(SEED_COUNT);
  });

  it('serves `pipeline search` from Elasticsearch with titles and highlighted snippets', async () => {
    const index = createSearchIndex(config, log);
    const hits = await index.search('الصينية', { size: 10 }).finally(() => index.close());
    expect(hits).toHaveLength(SEED_COUNT);
    for (const hit of hits) {
      expect(hit.title.length).toBeGreaterThan(10);
      expect(['seeds', 'republished']).toContain(hit.source);
      expect(hit.snippet).toMatch(/\*\*[^*]*صين[^*]*\*\*/u);
    }
  });

  it('tags people and places', () => {
    const people = new Set(documents.flatMap((doc) => doc.people));
    const places = new Set(documents.flatMap((doc) => doc.places));
    expect(people).toContain('فلاديمير بوتين');
    expect(people).toContain('شي جين بينغ');
    expect(places).toContain('بكين');
  });

  it('dead-letters the malformed message with its original bytes and reason', async () => {
    const topics = topicMap(config.kafka.topicPrefix);
    const seen: ConsumedRecord[] = [];
    const subscription = await bus.consume({
      groupId: `${name}.dlq-reader`,
      topic: topics.deadLetter(topics.get('raw').name).name,
      handler: async (batch) => {
        seen.push(...batch);
        return batch.length;
      },
    });
    try {
      const letter = await waitFor('the dead letter', async () =>
        seen.map((r) => DeadLetterV1.parse(JSON.parse(r.value.toString()))).find((l) => l.key === 'malformed'),
      );
      expect(Buffer.from(letter.value, 'base64').equals(MALFORMED_RAW)).toBe(true);
      expect(letter.stage).toBe('cleaner');
      expect(letter.error.code).toBe('INVALID_MESSAGE');
      expect(letter.error.message).toMatch(/not JSON/);
      expect(letter.attempts).toBe(1);
    } finally {
      await subscription.stop();
    }
  });
});
