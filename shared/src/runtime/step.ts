/**
 * What a step returns. A step decides *what* happens to a message (ok with outputs, drop, dead-letter);
 * the runtime decides *how* (produce, commit, DLQ). A retriable failure is a thrown retriable error.
 */
import type { Logger } from '../logger.js';
import { UnprocessableError } from '../errors.js';
import type { TopicKey } from '../topics.js';

export interface Output {
  /** A topic of the topic map, or `index`: the search index (the indexer's output). */
  topic: TopicKey | 'index';
  key: string;
  value: unknown;
}

export type StepResult =
  | { kind: 'ok'; outputs: Output[] }
  | { kind: 'drop'; reason: string }
  | { kind: 'dead-letter'; error: UnprocessableError };

export interface StepContext {
  log: Logger;
}

export interface Stage<Input> {
  /** Stage name, used in logs, metrics, dead letters and the consumer group id. */
  name: string;
  /** The topic this stage consumes; its schema parses every message at the edge. */
  input: TopicKey;
  step(input: Input, context: StepContext): StepResult | Promise<StepResult>;
}

export const ok = (...outputs: Output[]): StepResult => ({ kind: 'ok', outputs });
export const drop = (reason: string): StepResult => ({ kind: 'drop', reason });
export const deadLetter = (code: string, message: string): StepResult => ({
  kind: 'dead-letter',
  error: new UnprocessableError(code, message),
});
