/**
 * `pipeline dlq` on the real Kafka engine: a message the cleaner worker refuses is found in the dead-letter
 * topic with its reason, listed by the command line, and replayed to its input topic once — where the
 * worker reads it again.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@arabic-news/cli';
import { KafkaBus, topicMap, type ConsumedRecord } from '@arabic-news/shared';
import { deadLetterTopic, describeDeadLetter, readDeadLetters, replayDeadLetters } from '../../services/cli/src/dead-letters.js';
import { enginesMissing, testConfig, testLogger, uniqueName, waitFor } from '../support/engines.js';
import { MALFORMED_RAW } from '../support/seeds.js';

const BIN = fileURLToPath(new URL('../../bin/pipeline.mjs', import.meta.url));

describe.skipIf(enginesMissing())('dead letters on Kafka: inspect and replay', () => {
  const name = uniqueName('dlq');
  const log = testLogger();
  let config: ReturnType<typeof testConfig>;
  let bus: KafkaBus;
  let worker: Worker;
  const topics = topicMap(`${name}.`);
  const raw = topics.get('raw').name;
  const dlq = `${raw}.dlq`;

  beforeAll(async () => {
    config = testConfig(name);
    bus = new KafkaBus({ brokers: config.kafka.brokers, clientId: name, log });
    await bus.ensureTopics(topics.all());
    await bus.publish(raw, [{ key: 'malformed', value: MALFORMED_RAW }]);
    // A record that is not a dead letter at all (written by hand, say): reported, never replayed.
    await bus.publish(dlq, [{ key: 'junk', value: Buffer.from('not a dead letter') }]);
    worker = startWorker('cleaner', config, log);
    await worker.ready;
    await waitFor('the dead letter', async () => ((await readDeadLetters(bus, dlq)).some((e) => e.letter) ? true : undefined));
  });

  afterAll(async () => {
    await worker?.stop();
    await bus?.close();
  });

  it('names dead-letter topics by themselves or by their input topic, and refuses others', () => {
    expect(deadLetterTopic(topics, raw)).toBe(dlq);
    expect(deadLetterTopic(topics, dlq)).toBe(dlq);
    expect(() => deadLetterTopic(topics, 'articles.nowhere')).toThrow(/no dead-letter topic "articles.nowhere": use one of/);
  });

  it('reads each dead letter with its stage, reason and original message, and reports unreadable records', async () => {
    const entries = await readDeadLetters(bus, dlq);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.problem).toMatch(/not JSON/);
    expect(describeDeadLetter(entries[1]!)).toMatchObject({
      offset: '1',
      stage: 'cleaner',
      topic: raw,
      key: 'malformed',
      error: { code: 'INVALID_MESSAGE' },
      attempts: 1,
      original: MALFORMED_RAW.toString('utf8'),
    });
  });

  it('lists the dead-letter topics from the command line', async () => {
    const child = spawn(process.execPath, [BIN, 'dlq'], {
      env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: config.kafka.brokers.join(','), TOPIC_PREFIX: `${name}.`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain(`${dlq}: 2 (unreadable ×1, cleaner: INVALID_MESSAGE ×1)`);
    expect(out).toContain(`${topics.get('clean').name}.dlq: 0`);
  });

  it('replays the original message to its input topic once, where the stage reads it again', async () => {
    expect(await replayDeadLetters(bus, topics, dlq, { code: 'SOMETHING_ELSE' })).toMatchObject({ replayed: 0, skipped: 2 });
    const first = await replayDeadLetters(bus, topics, dlq);
    expect(first).toMatchObject({ replayed: 1, skipped: 1, next: 2n, byTopic: { [raw]: 1 } });

    const onRaw: ConsumedRecord[] = [];
    await bus.readAll(raw, (record) => void onRaw.push(record));
    expect(onRaw).toHaveLength(2);
    expect(onRaw[1]!.value.equals(MALFORMED_RAW)).toBe(true);
    expect(onRaw[1]!.key).toBe('malformed');
    expect(onRaw[1]!.headers?.['replayed-from']).toBe(`${dlq}@1`);

    // The cleaner, still running, consumed the replayed message and (its cause not fixed) refused it again.
    const again = await waitFor('the second dead letter', async () => {
      const entries = await readDeadLetters(bus, dlq);
      return entries.length === 3 ? entries : undefined;
    });
    expect(again[2]!.letter).toMatchObject({ key: 'malformed', error: { code: 'INVALID_MESSAGE' } });

    // From the offset the first replay printed, only the new letter goes.
    expect(await replayDeadLetters(bus, topics, dlq, { from: first.next })).toMatchObject({ replayed: 1, skipped: 0, next: 3n });
  });
});
