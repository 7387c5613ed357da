import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/index.js';
import { FetchStateV1, type FetchStateRecord } from '../contracts.js';
import { createLogger } from '../logger.js';
import { readStateTopic } from './state-topic.js';

describe('readStateTopic', () => {
  it('skips records that are not JSON or break the schema, and reads the rest', async () => {
    const bus = new MemoryBus();
    const good: FetchStateRecord = { kind: 'seen', id: '00000000000000aa', at: '2024-01-01T00:00:00.000Z' };
    await bus.publish('state', [
      { key: 'a', value: Buffer.from('{not json') },
      { key: 'b', value: Buffer.from(JSON.stringify({ kind: 'unknown' })) },
      { key: 'c', value: Buffer.from(JSON.stringify(good)) },
    ]);
    const states: FetchStateRecord[] = [];
    const result = await readStateTopic(bus, 'state', FetchStateV1, createLogger({ level: 'silent' }), (state) => void states.push(state));
    expect(result).toEqual({ records: 3, invalid: 2 });
    expect(states).toEqual([good]);
  });
});
