import { DedupStateV1, readStateTopic, type Bus, type Logger } from '@arabic-news/shared';
import type { DedupIndex } from './dedup-index.js';
import { fromStateMessage } from './dedup.js';

/**
 * Rebuilds dedup's memory from the compacted state topic at start-up: every article remembered within the
 * window comes back, so a restarted worker neither forgets stories nor re-emits them.
 */
export async function rebuildDedupIndex(bus: Bus, stateTopic: string, index: DedupIndex, log: Logger, now = Date.now()): Promise<number> {
  const started = Date.now();
  // Until compaction runs, a topic may hold several records per id: the last one wins.
  const latest = new Map<string, ReturnType<typeof fromStateMessage>>();
  const { records: read, invalid } = await readStateTopic(bus, stateTopic, DedupStateV1, log, (state) =>
    latest.set(state.id, fromStateMessage(state)),
  );
  const ordered = [...latest.values()].sort((a, b) => a.seenAt - b.seenAt);
  for (const article of ordered) index.remember(article);
  const evicted = index.evictExpired(now);
  log.info({ topic: stateTopic, records: read, invalid, remembered: index.size, evicted, ms: Date.now() - started }, 'dedup state rebuilt');
  return index.size;
}
