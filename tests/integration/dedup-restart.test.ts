/**
 * Dedup's memory survives a restart on the real Kafka engine: a restarted worker rebuilds it from the
 * compacted `dedup.state` topic, does not re-emit stories it passed on, and still recognises their copies.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from '@arabic-news/cli';
import { KafkaBus, topicMap, type CleanArticle, type ConsumedRecord } from '@arabic-news/shared';
import { enginesMissing, testConfig, testLogger, uniqueName, waitFor } from '../support/engines.js';
import { SEEDS_DIR } from '../support/seeds.js';

const seed = (name: string) => readFileSync(`${SEEDS_DIR}/${name}`, 'utf8');

function clean(id: string, text: string): CleanArticle {
  const time = new Date().toISOString();
  return { schemaVersion: 1, id, source: 'test', title: text.split('\n')[0]!, text, fetchedAt: time, cleanedAt: time };
}

describe.skipIf(enginesMissing())('dedup worker restart on Kafka', () => {
  const name = uniqueName('dedup');
  const log = testLogger();
  const config = testConfig(name);
  const topics = topicMap(config.kafka.topicPrefix);
  const bus = new KafkaBus({ brokers: config.kafka.brokers, clientId: name, log });
  afterAll(() => bus.close());

  const publish = (articles: CleanArticle[]) =>
    bus.publish(
      topics.get('clean').name,
      articles.map((a) => ({ key: a.id, value: Buffer.from(JSON.stringify(a)) })),
    );

  it('rebuilds its memory: no re-emission, copies of earlier stories still caught', async () => {
    await bus.ensureTopics(topics.all());
    const a = clean('00000000000000a1', seed('003_f49e60b28f7af812.txt'));
    const b = clean('00000000000000b1', seed('001_115f144be502b13d.txt'));
    const first = startWorker('dedup', config, log);
    await first.ready;
    await publish([a, b]);

    const unique: ConsumedRecord[] = [];
    const duplicates: ConsumedRecord[] = [];
    const readers = await Promise.all(
      [
        [topics.get('unique').name, unique],
        [topics.get('duplicates').name, duplicates],
      ].map(([topic, sink]) =>
        bus.consume({
          groupId: `${name}.reader.${topic as string}`,
          topic: topic as string,
          handler: async (batch) => ((sink as ConsumedRecord[]).push(...batch), batch.length),
        }),
      ),
    );
    await waitFor('the first two stories', async () => (unique.length >= 2 ? true : undefined));
    await first.stop();

    const second = startWorker('dedup', config, log);
    await second.ready;
    const copyOfA = clean('00000000000000a2', `موقع الأخبار\n${a.text}\nتابعونا على تويتر`);
    const c = clean('00000000000000c1', seed('004_f118cac7954edc78.txt'));
    await publish([a, copyOfA, c]); // a again: a replay of a story already passed on
    await waitFor('the new story and the copy', async () =>
      unique.some((r) => r.key === c.id) && duplicates.length >= 1 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // anything else would have arrived by now
    await second.stop();
    await Promise.all(readers.map((reader) => reader.stop()));

    expect(unique.map((r) => r.key).sort()).toEqual([a.id, b.id, c.id]);
    expect(duplicates.map((r) => JSON.parse(r.value.toString()))).toMatchObject([
      { id: copyOfA.id, duplicateOf: a.id, reason: 'near-duplicate' },
    ]);
  });
});
