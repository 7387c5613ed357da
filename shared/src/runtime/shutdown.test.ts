import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createShutdown } from './shutdown.js';

const log = createLogger({ level: 'silent' });

describe('createShutdown', () => {
  it('runs every task once, in order, past a failing one, including tasks added after it was created', async () => {
    const ran: string[] = [];
    const work = [{ name: 'stop consuming', run: async () => void ran.push('stop') }];
    const resources = [{ name: 'close clients', run: async () => void ran.push('close') }];
    const exits: number[] = [];
    const shutdown = createShutdown({ log, timeoutMs: 1000, tasks: () => [...work, ...resources], exit: (code) => void exits.push(code) });
    work.push({
      name: 'broken',
      run: async () => {
        ran.push('broken');
        throw new Error('boom');
      },
    });
    await Promise.all([shutdown.shutdown('test'), shutdown.shutdown('again')]);
    expect(ran).toEqual(['stop', 'broken', 'close']);
    expect(exits).toEqual([]);
  });

  it('exits non-zero when a task outlives the timeout', async () => {
    const exits: number[] = [];
    const shutdown = createShutdown({
      log,
      timeoutMs: 20,
      tasks: [{ name: 'hangs', run: () => new Promise((resolve) => setTimeout(resolve, 200)) }],
      exit: (code) => void exits.push(code),
    });
    await shutdown.shutdown('test');
    expect(exits).toEqual([1]);
  });
});
