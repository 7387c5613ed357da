import { DedupStateV1, describeZodError, type Bus, type Logger } from '@arabic-news/shared';
import type { DedupIndex } from './dedup-index.js';
import { fromStateMessage } from './dedup.js';

/**
 * Rebuilds dedup's memory from the compacted state topic at start-up: every article remembered within the
 * window comes back, so a restarted worker neither forgets stories nor re-emits them.
 */
export async function rebuildDedupIndex(bus: Bus, stateTopic: string, index: DedupIndex, log: Logger, now = Date.now()): Promise<number> {
  const started = Date.now();
  let invalid = 0;
  const latest = new Map<string, ReturnType<typeof fromStateMessage>>();
  const read = await bus.readAll(stateTopic, (record) => {
    let parsed;
    try {
      parsed = DedupStateV1.safeParse(JSON.parse(record.value.toString('utf8')));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      invalid += 1;
      log.warn(
        { offset: record.offset, reason: parsed ? describeZodError(parsed.error) : 'not JSON' },
        'skipping invalid dedup state record',
      );
      return;
    }
    // Until compaction runs, a topic may hold several records per id: the last one wins.
    latest.set(parsed.data.id, fromStateMessage(parsed.data));
  });
  const ordered = [...latest.values()].sort((a, b) => a.seenAt - b.seenAt);
  for (const article of ordered) index.remember(article);
  const evicted = index.evictExpired(now);
  log.info({ topic: stateTopic, records: read, invalid, remembered: index.size, evicted, ms: Date.now() - started }, 'dedup state rebuilt');
  return index.size;
}
