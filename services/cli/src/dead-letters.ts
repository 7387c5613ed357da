/**
 * `pipeline dlq`: what the stages could not process, and sending it through again once the cause is fixed.
 * A dead letter carries the original bytes, key and input topic (see DeadLetterV1), so a replay puts the
 * very message the stage refused back on that topic.
 */
import { DeadLetterV1, describeZodError, type Bus, type DeadLetter, type TopicMap } from '@arabic-news/shared';

export interface DeadLetterEntry {
  offset: bigint;
  letter?: DeadLetter;
  /** Why the record is not a readable dead letter. */
  problem?: string;
}

/** The topics of this pipeline that are not dead-letter topics: each has one beside it. */
const inputTopics = (topics: TopicMap): string[] => topics.all().flatMap((spec) => (spec.name.endsWith('.dlq') ? [] : [spec.name]));

/** Every dead-letter topic of this pipeline. */
export const deadLetterTopics = (topics: TopicMap): string[] => inputTopics(topics).map((name) => topics.deadLetter(name).name);

/** A dead-letter topic given by its own name or by the name of the input topic it belongs to. */
export function deadLetterTopic(topics: TopicMap, name: string): string {
  const input = inputTopics(topics).find((input) => input === name || topics.deadLetter(input).name === name);
  if (!input) throw new Error(`no dead-letter topic "${name}": use one of ${deadLetterTopics(topics).join(', ')}`);
  return topics.deadLetter(input).name;
}

/** Every record of a dead-letter topic, in offset order (the topic has one partition). */
export async function readDeadLetters(bus: Bus, topic: string): Promise<DeadLetterEntry[]> {
  const entries: DeadLetterEntry[] = [];
  await bus.readAll(topic, (record) => {
    const offset = BigInt(record.offset);
    try {
      const parsed = DeadLetterV1.safeParse(JSON.parse(record.value.toString('utf8')));
      entries.push(parsed.success ? { offset, letter: parsed.data } : { offset, problem: describeZodError(parsed.error) });
    } catch (err) {
      entries.push({ offset, problem: `not JSON: ${(err as Error).message}` });
    }
  });
  return entries.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

/** How many letters there are for each stage and error code («cleaner: INVALID_MESSAGE»), and unreadable records. */
export function countByReason(entries: DeadLetterEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { letter } of entries) {
    const reason = letter ? `${letter.stage}: ${letter.error.code}` : 'unreadable';
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

/** One dead letter for a person to read: the original message as text, cut at `maxChars` unless 0. */
export function describeDeadLetter(entry: DeadLetterEntry, maxChars = 300): Record<string, unknown> {
  if (!entry.letter) return { offset: String(entry.offset), unreadable: entry.problem };
  const { letter } = entry;
  const original = Buffer.from(letter.value, 'base64').toString('utf8');
  return {
    offset: String(entry.offset),
    stage: letter.stage,
    topic: letter.topic,
    key: letter.key,
    error: letter.error,
    attempts: letter.attempts,
    failedAt: letter.failedAt,
    bytes: Buffer.byteLength(letter.value, 'base64'),
    original: maxChars > 0 && original.length > maxChars ? `${original.slice(0, maxChars)}…` : original,
  };
}

export interface ReplayResult {
  replayed: number;
  /** Unreadable records, and letters left out by the code filter or the starting offset. */
  skipped: number;
  /** The offset to start from next time so that nothing is sent twice. */
  next: bigint;
  byTopic: Record<string, number>;
}

/**
 * Publishes the original message of each dead letter at or after `from` (optionally only those whose
 * error has `code`) to its input topic, with its original key and a header naming where it came from.
 * Only topics of this pipeline are written to, whatever a dead letter says.
 */
export async function replayDeadLetters(
  bus: Bus,
  topics: TopicMap,
  topic: string,
  options: { from?: bigint; code?: string } = {},
): Promise<ReplayResult> {
  const inputs = new Set(inputTopics(topics));
  const entries = await readDeadLetters(bus, topic);
  const from = options.from ?? 0n;
  const byTopic: Record<string, { key: string | null; value: Buffer; headers: Record<string, string> }[]> = {};
  let skipped = 0;
  for (const entry of entries) {
    const { letter } = entry;
    if (entry.offset < from) continue;
    if (!letter || (options.code && letter.error.code !== options.code)) {
      skipped += 1;
      continue;
    }
    if (!inputs.has(letter.topic)) {
      throw new Error(`dead letter at offset ${entry.offset} names topic "${letter.topic}", which is not an input topic of this pipeline`);
    }
    (byTopic[letter.topic] ??= []).push({
      key: letter.key,
      value: Buffer.from(letter.value, 'base64'),
      headers: { 'replayed-from': `${topic}@${entry.offset}` },
    });
  }
  for (const [target, records] of Object.entries(byTopic)) await bus.publish(target, records);
  const last = entries.at(-1)?.offset;
  return {
    replayed: Object.values(byTopic).reduce((n, records) => n + records.length, 0),
    skipped,
    next: last !== undefined && last + 1n > from ? last + 1n : from,
    byTopic: Object.fromEntries(Object.entries(byTopic).map(([target, records]) => [target, records.length])),
  };
}
