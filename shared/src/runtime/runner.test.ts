import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/index.js';
import { DeadLetterV1, type CleanArticle, type RawArticle } from '../contracts.js';
import { TransientError } from '../errors.js';
import { createLogger } from '../logger.js';
import { MetricsRegistry } from '../metrics.js';
import { topicMap } from '../topics.js';
import { StageRunner } from './runner.js';
import { deadLetter, ok, type Stage } from './step.js';

const topics = topicMap();
const log = createLogger({ level: 'silent' });

function raw(n: number, body = `نص المقال رقم ${n}`): RawArticle {
  return {
    schemaVersion: 1,
    id: n.toString(16).padStart(16, '0'),
    source: 'test',
    contentType: 'text/plain',
    body,
    fetchedAt: '2024-01-01T00:00:00.000Z',
  };
}

function clean(input: RawArticle): CleanArticle {
  return {
    schemaVersion: 1,
    id: input.id,
    source: input.source,
    title: 't',
    text: input.body,
    fetchedAt: input.fetchedAt,
    cleanedAt: input.fetchedAt,
  };
}

async function run(stage: Stage<RawArticle>, inputs: Buffer[], until: (bus: MemoryBus) => boolean) {
  const bus = new MemoryBus();
  const metrics = new MetricsRegistry().forStage(stage.name);
  const runner = new StageRunner({ stage, bus, topics, log, metrics, retry: { initialMs: 1, maxMs: 5 }, groupId: 'g' });
  await runner.start();
  await bus.publish(
    topics.get('raw').name,
    inputs.map((value) => ({ key: 'k', value })),
  );
  while (!until(bus)) await new Promise((resolve) => setTimeout(resolve, 5));
  return { bus, runner, metrics };
}

const out = (bus: MemoryBus, topic: string) => bus.records(topic).map((r) => JSON.parse(r.value.toString()));
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const cleanTopic = topics.get('clean').name;
const dlqTopic = topics.deadLetter(topics.get('raw').name).name;

describe('StageRunner', () => {
  const passThrough: Stage<RawArticle> = {
    name: 'test',
    input: 'raw',
    step: (input) => ok({ topic: 'clean', key: input.id, value: clean(input) }),
  };

  it('parses, steps and produces in order', async () => {
    const { bus, runner, metrics } = await run(passThrough, [json(raw(1)), json(raw(2))], (b) => b.records(cleanTopic).length === 2);
    expect(out(bus, cleanTopic).map((a) => a.id)).toEqual([raw(1).id, raw(2).id]);
    await bus.drained();
    expect(metrics.snapshot()).toMatchObject({ processed: 2, deadLettered: 0 });
    await runner.stop();
  });

  it('reports the consumer lag of its input topic: the backlog while it cannot commit, then zero', async () => {
    const bus = new MemoryBus();
    const registry = new MetricsRegistry();
    let down = true;
    const stage: Stage<RawArticle> = {
      ...passThrough,
      step: (input, context) => {
        if (down) throw new TransientError('DOWN', 'dependency down');
        return passThrough.step(input, context);
      },
    };
    const metrics = registry.forStage('test');
    const runner = new StageRunner({
      stage,
      bus,
      topics,
      log,
      metrics,
      retry: { initialMs: 1, maxMs: 5 },
      groupId: 'g',
      lagIntervalMs: 10,
    });
    const gauge = async () =>
      /pipeline_consumer_lag\{stage="test",topic="articles.raw",partition="0"\} (\d+)/.exec(await registry.registry.metrics())?.[1];
    await runner.start();
    await bus.publish(
      topics.get('raw').name,
      [1, 2].map((n) => ({ key: 'k', value: json(raw(n)) })),
    );
    // The first message is retried and nothing is committed: both are behind.
    while ((await gauge()) !== '2') await new Promise((resolve) => setTimeout(resolve, 5));
    down = false;
    await bus.drained();
    while ((await gauge()) !== '0') await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await bus.lag('g', topics.get('raw').name)).toEqual([{ partition: 0, lag: 0 }]);
    await runner.stop();
  });

  it('dead-letters bad bytes and schema violations with the original bytes, and goes on', async () => {
    const bad = [Buffer.from('{not json'), json({ ...raw(3), contentType: 'application/pdf' })];
    const { bus, runner } = await run(
      passThrough,
      [bad[0]!, json(raw(4)), bad[1]!],
      (b) => b.records(dlqTopic).length === 2 && b.records(cleanTopic).length === 1,
    );
    const letters = out(bus, dlqTopic).map((l) => DeadLetterV1.parse(l));
    expect(letters.map((l) => Buffer.from(l.value, 'base64'))).toEqual(bad);
    expect(letters.map((l) => l.error.code)).toEqual(['INVALID_MESSAGE', 'INVALID_MESSAGE']);
    expect(letters[1]!.error.message).toMatch(/contentType/);
    expect(letters[0]).toMatchObject({ stage: 'test', topic: 'articles.raw', offset: '0', attempts: 1 });
    await runner.stop();
  });

  it('dead-letters a step result and a non-retriable throw, never retrying them', async () => {
    let calls = 0;
    const stage: Stage<RawArticle> = {
      name: 'test',
      input: 'raw',
      step: (input) => {
        calls += 1;
        if (input.body === 'empty') return deadLetter('NO_ARTICLE', 'nothing here');
        if (input.body === 'bug') throw new TypeError('x is undefined');
        return ok({ topic: 'clean', key: input.id, value: clean(input) });
      },
    };
    const { bus, runner } = await run(
      stage,
      [json(raw(5, 'empty')), json(raw(6, 'bug')), json(raw(7))],
      (b) => b.records(dlqTopic).length === 2 && b.records(cleanTopic).length === 1,
    );
    expect(out(bus, dlqTopic).map((l) => l.error.code)).toEqual(['NO_ARTICLE', 'TYPE']);
    expect(calls).toBe(3);
    await runner.stop();
  });

  it('retries a retriable failure with backoff until it succeeds, without losing the message', async () => {
    let failures = 3;
    const stage: Stage<RawArticle> = {
      name: 'test',
      input: 'raw',
      step: (input) => {
        if (failures-- > 0) throw new TransientError('DOWN', 'dependency down');
        return ok({ topic: 'clean', key: input.id, value: clean(input) });
      },
    };
    const { bus, runner, metrics } = await run(stage, [json(raw(8))], (b) => b.records(cleanTopic).length === 1);
    expect(metrics.snapshot()).toMatchObject({ retried: 3, deadLettered: 0 });
    expect(bus.records(dlqTopic)).toHaveLength(0);
    await runner.stop();
  });

  it('does not commit a message still being retried at shutdown: it is delivered again', async () => {
    const bus = new MemoryBus();
    const metrics = new MetricsRegistry().forStage('test');
    let down = true;
    const stage: Stage<RawArticle> = {
      name: 'test',
      input: 'raw',
      step: (input) => {
        if (down) throw new TransientError('DOWN', 'dependency down');
        return ok({ topic: 'clean', key: input.id, value: clean(input) });
      },
    };
    const options = { stage, bus, topics, log, metrics, retry: { initialMs: 1, maxMs: 5 }, groupId: 'g' };
    const first = new StageRunner(options);
    await first.start();
    await bus.publish(topics.get('raw').name, [{ key: 'k', value: json(raw(9)) }]);
    while (metrics.snapshot().retried < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    await first.stop();
    expect(bus.records(cleanTopic)).toHaveLength(0);

    down = false;
    const second = new StageRunner(options);
    await second.start();
    await bus.drained();
    expect(out(bus, cleanTopic).map((a) => a.id)).toEqual([raw(9).id]);
    await second.stop();
  });

  it('dead-letters the input when a step emits an output that breaks its topic schema', async () => {
    const broken: Stage<RawArticle> = {
      name: 'test',
      input: 'raw',
      step: (input) => ok({ topic: 'clean', key: input.id, value: { ...clean(input), text: '' } }),
    };
    const { bus, runner } = await run(broken, [json(raw(10))], (b) => b.records(dlqTopic).length === 1);
    expect(out(bus, dlqTopic)[0].error.code).toBe('INVALID_OUTPUT');
    expect(bus.records(cleanTopic)).toHaveLength(0);
    await runner.stop();
  });
});
