/**
 * `pipeline worker` as a real process: start-up refuses bad configuration listing every problem, and
 * SIGTERM stops it cleanly after committing what it processed.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaBus, topicMap, type ConsumedRecord } from '@arabic-news/shared';
import { engines, enginesMissing, testLogger, uniqueName, waitFor } from '../support/engines.js';
import { SEEDS_DIR } from '../support/seeds.js';

const BIN = fileURLToPath(new URL('../../bin/pipeline.mjs', import.meta.url));

function startPipeline(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('pipeline worker process', () => {
  it('refuses to start with bad configuration, listing every problem (exit 78)', async () => {
    const run = startPipeline(['worker', 'cleaner'], { LOG_LEVEL: 'loud', RETRY_INITIAL_MS: 'soon' });
    expect(await run.exited).toBe(78);
    expect(run.stderr()).toMatch(/LOG_LEVEL/);
    expect(run.stderr()).toMatch(/RETRY_INITIAL_MS/);
  });

  describe.skipIf(enginesMissing())('on Kafka', () => {
    const name = uniqueName('worker');
    const bus = new KafkaBus({ brokers: [engines().kafkaBrokers ?? ''], clientId: name, log: testLogger() });
    afterAll(() => bus.close());

    it('refuses an invalid sources file, saying what is wrong (exit 78)', async () => {
      const file = join(tmpdir(), `${name}-sources.yaml`);
      writeFileSync(file, 'sources:\n  - name: broken\n    type: feed\n');
      const run = startPipeline(['worker', 'fetcher'], {
        KAFKA_BROKERS: engines().kafkaBrokers!,
        TOPIC_PREFIX: `${name}.`,
        FETCH_SOURCES_FILE: file,
        LOG_LEVEL: 'fatal',
      });
      expect(await run.exited).toBe(78);
      expect(run.stderr()).toMatch(/sources\.0\.url: a feed source needs "url"/);
    });

    it('refuses a NER model file it cannot load, naming it (exit 78)', async () => {
      const run = startPipeline(['worker', 'enricher'], {
        KAFKA_BROKERS: engines().kafkaBrokers!,
        TOPIC_PREFIX: `${name}.`,
        ENRICHER_NER_MODEL: '/nonexistent/ner-model.json',
        LOG_LEVEL: 'fatal',
      });
      expect(await run.exited).toBe(78);
      expect(run.stderr()).toMatch(/ENRICHER_NER_MODEL: cannot load the NER model \/nonexistent\/ner-model\.json/);
    });

    it('processes, then on SIGTERM finishes, commits and exits 0', async () => {
      const topics = topicMap(`${name}.`);
      await bus.ensureTopics(topics.all());
      const run = startPipeline(['worker', 'cleaner'], {
        KAFKA_BROKERS: engines().kafkaBrokers!,
        TOPIC_PREFIX: `${name}.`,
        KAFKA_GROUP_PREFIX: name,
        LOG_LEVEL: 'info',
      });
      await waitFor('the worker to start', async () => (run.stderr().includes('stage started') ? true : undefined), 60_000);

      const body = readFileSync(`${SEEDS_DIR}/003_f49e60b28f7af812.txt`, 'utf8');
      const raw = {
        schemaVersion: 1,
        id: '00000000000000aa',
        source: 'test',
        contentType: 'text/plain',
        body,
        fetchedAt: new Date().toISOString(),
      };
      await bus.publish(topics.get('raw').name, [{ key: raw.id, value: Buffer.from(JSON.stringify(raw)) }]);

      const cleaned: ConsumedRecord[] = [];
      const subscription = await bus.consume({
        groupId: `${name}.reader`,
        topic: topics.get('clean').name,
        handler: async (batch) => (cleaned.push(...batch), batch.length),
      });
      await waitFor('the cleaned article', async () => (cleaned.length > 0 ? true : undefined), 60_000);
      await subscription.stop();
      expect(JSON.parse(cleaned[0]!.value.toString())).toMatchObject({ id: raw.id, agency: 'شينخوا' });

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.stderr()).toMatch(/shut down cleanly/);

      const admin = new Kafka({ brokers: [engines().kafkaBrokers!], logLevel: 0 }).admin();
      await admin.connect();
      try {
        const [offsets] = await admin.fetchOffsets({ groupId: `${name}.${name}.cleaner`, topics: [topics.get('raw').name] });
        const committed = offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
        expect(committed).toBe(1);
      } finally {
        await admin.disconnect();
      }
    });
  });
});
