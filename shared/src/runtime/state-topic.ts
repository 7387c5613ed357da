import type { ZodType } from 'zod';
import type { Bus } from '../bus/index.js';
import { describeZodError } from '../contracts.js';
import type { Logger } from '../logger.js';

/**
 * Reads a compacted state topic from the beginning at start-up (dedup's and the fetcher's memory). A
 * record that is not JSON or fails its schema is skipped with a warning, never a crash: one corrupt record
 * must not keep a worker from starting.
 */
export async function readStateTopic<T>(
  bus: Bus,
  topic: string,
  schema: ZodType<T>,
  log: Logger,
  onState: (state: T) => void,
): Promise<{ records: number; invalid: number }> {
  let invalid = 0;
  const records = await bus.readAll(topic, (record) => {
    let reason: string;
    try {
      const parsed = schema.safeParse(JSON.parse(record.value.toString('utf8')));
      if (parsed.success) return onState(parsed.data);
      reason = describeZodError(parsed.error);
    } catch (err) {
      reason = `not JSON: ${(err as Error).message}`;
    }
    invalid += 1;
    log.warn({ topic, offset: record.offset, key: record.key, reason }, 'skipping invalid state record');
  });
  return { records, invalid };
}
