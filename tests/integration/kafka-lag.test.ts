/** The consumer lag behind `pipeline_consumer_lag`, on the real Kafka engine: the backlog, then none. */
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaBus, topicMap } from '@arabic-news/shared';
import { engines, enginesMissing, testLogger, uniqueName, waitFor } from '../support/engines.js';

describe.skipIf(enginesMissing())('KafkaBus.lag', () => {
  const name = uniqueName('lag');
  const bus = new KafkaBus({ brokers: [engines().kafkaBrokers ?? ''], clientId: name, log: testLogger() });
  afterAll(() => bus.close());

  it('counts what a group has not committed, per partition', async () => {
    const topics = topicMap(`${name}.`);
    const raw = topics.get('raw');
    await bus.ensureTopics([raw]);
    await bus.publish(
      raw.name,
      Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(String(i)) })),
    );
    const total = async () => (await bus.lag(`${name}.g`, raw.name)).reduce((n, p) => n + p.lag, 0);
    const before = await bus.lag(`${name}.g`, raw.name);
    expect(before.map((p) => p.partition).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await total()).toBe(12); // nothing committed yet
    let seen = 0;
    const subscription = await bus.consume({
      groupId: `${name}.g`,
      topic: raw.name,
      handler: async (batch) => ((seen += batch.length), batch.length),
    });
    try {
      await waitFor('every record consumed and committed', async () => (seen === 12 && (await total()) === 0 ? true : undefined));
    } finally {
      await subscription.stop();
    }
    await bus.publish(raw.name, [{ key: 'late', value: Buffer.from('x') }]);
    expect(await total()).toBe(1);
  });
});
