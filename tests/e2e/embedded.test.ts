/** End to end on the embedded default: the same checks as on Kafka and Elasticsearch, in one process. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedSummary } from '@arabic-news/cli';
import { createLogger, DeadLetterV1, EmbeddedIndex, loadConfig, topicMap } from '@arabic-news/shared';
import { MALFORMED_RAW, REPUBLISHED_DIR, SEED_BOILERPLATE, SEED_COUNT, SEEDS_DIR } from '../support/seeds.js';

describe('embedded pipeline (in-process bus, on-disk index)', () => {
  let dataDir: string;
  let summary: EmbeddedSummary;
  let run: Awaited<ReturnType<typeof startEmbedded>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-e2e-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    run = await startEmbedded(config, createLogger({ level: 'silent' }), undefined, { retainMessages: true });
    await run.bus.publish(topicMap().get('raw').name, [{ key: 'malformed', value: MALFORMED_RAW }]);
    summary = await run.pass([SEEDS_DIR, REPUBLISHED_DIR]);
  });

  afterAll(async () => {
    await run?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports what happened in its summary', () => {
    expect(summary).toMatchObject({
      articlesIn: SEED_COUNT + 2,
      cleaned: SEED_COUNT + 1,
      duplicates: 1,
      indexed: SEED_COUNT,
      deadLettered: 1,
    });
    expect(summary.deadLetteredByStage).toMatchObject({ cleaner: 1 });
  });

  it('persists exactly the five articles on disk, without boilerplate', async () => {
    // A fresh index object reads what the run wrote to disk.
    const reopened = new EmbeddedIndex({ dataDir, alias: 'articles' });
    await reopened.ensureReady();
    expect(await reopened.count()).toBe(SEED_COUNT);
    const hits = await reopened.search('روسيا', { size: 10 });
    expect(hits).toHaveLength(SEED_COUNT);
    for (const hit of hits) for (const junk of SEED_BOILERPLATE) expect(`${hit.title}\n${hit.snippet}`).not.toContain(junk);
  });

  it('keeps boilerplate out of the stored text', () => {
    const enriched = run.bus
      .records(topicMap().get('enriched').name)
      .map((r) => JSON.parse(r.value.toString()) as { text: string; title: string });
    expect(enriched).toHaveLength(SEED_COUNT);
    for (const article of enriched) for (const junk of SEED_BOILERPLATE) expect(`${article.title}\n${article.text}`).not.toContain(junk);
  });

  it('records the republished copy on its original', async () => {
    const hits = await run.index.search('باتروشيف', { size: 10 });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.alsoPublishedBy).toEqual(['republished']);
    const reopened = new EmbeddedIndex({ dataDir, alias: 'articles' });
    await reopened.ensureReady();
    expect(await reopened.count()).toBe(SEED_COUNT);
  });

  it('finds the China articles for «الصينية» with the same Arabic analysis', async () => {
    const hits = await run.index.search('الصينية', { size: 10 });
    expect(hits).toHaveLength(SEED_COUNT);
    expect(hits.some((hit) => hit.snippet.includes('**'))).toBe(true);
  });

  it('dead-letters the malformed message with its original bytes', () => {
    const letters = run.bus
      .records(topicMap().deadLetter(topicMap().get('raw').name).name)
      .map((r) => DeadLetterV1.parse(JSON.parse(r.value.toString())));
    expect(letters).toHaveLength(1);
    expect(Buffer.from(letters[0]!.value, 'base64').equals(MALFORMED_RAW)).toBe(true);
    expect(letters[0]!.error.code).toBe('INVALID_MESSAGE');
  });
});
