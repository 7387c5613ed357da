import { describe, expect, it } from 'vitest';
import { MemoryBus } from './memory-bus.js';

const record = (n: number) => ({ key: String(n), value: Buffer.from(String(n)) });

describe('MemoryBus', () => {
  it('drops records once every group has committed them, keeping offsets and counts', async () => {
    const bus = new MemoryBus();
    const seen: Record<string, string[]> = { a: [], b: [] };
    const subscriptions = await Promise.all(
      ['a', 'b'].map((group) =>
        bus.consume({
          groupId: group,
          topic: 't',
          handler: async (batch) => (seen[group]!.push(...batch.map((r) => r.offset)), batch.length),
        }),
      ),
    );
    await bus.publish('t', [record(0), record(1), record(2)]);
    await bus.drained();
    expect(bus.records('t')).toHaveLength(0);
    expect(bus.publishedCount('t')).toBe(3);
    await bus.publish('t', [record(3)]);
    await bus.drained();
    expect(seen).toEqual({ a: ['0', '1', '2', '3'], b: ['0', '1', '2', '3'] });
    await Promise.all(subscriptions.map((s) => s.stop()));
  });

  it('keeps everything with retain, and the records of a topic nobody consumes', async () => {
    const retained = new MemoryBus({ retain: true });
    const subscription = await retained.consume({ groupId: 'g', topic: 't', handler: async (batch) => batch.length });
    await retained.publish('t', [record(0), record(1)]);
    await retained.drained();
    expect(retained.records('t')).toHaveLength(2);
    await subscription.stop();

    const bus = new MemoryBus();
    await bus.publish('u', [record(9)]); // nobody consumes u (like a DLQ): kept
    expect(bus.records('u')).toHaveLength(1);
  });
});
