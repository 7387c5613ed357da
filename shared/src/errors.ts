/**
 * Errors carry a stable `code`, whether a retry can help (`retriable`) and their `cause`.
 * The stage runtime retries retriable errors with backoff without committing, and dead-letters the rest.
 */
export class PipelineError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** A message that does not match its topic's schema (or is not JSON): never retried. */
export class InvalidMessageError extends PipelineError {
  constructor(message: string, cause?: unknown) {
    super('INVALID_MESSAGE', message, { cause });
  }
}

/** Valid input that the step cannot turn into output (e.g. a page with no article text): never retried. */
export class UnprocessableError extends PipelineError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { cause });
  }
}

/** A dependency that is down or overloaded (Elasticsearch, Kafka, a site): retried with backoff. */
export class TransientError extends PipelineError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { retriable: true, cause });
  }
}

/** Configuration that cannot start a process; lists every problem at once. */
export class ConfigError extends PipelineError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('INVALID_CONFIG', `invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/** Programming errors (TypeError, RangeError…) are never retried: retrying a bug only hides it. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof PipelineError) return error.retriable;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return false;
  // Errors from clients (kafkajs, elasticsearch-js, fetch) that say they are retriable or are network errors.
  const candidate = error as { retriable?: unknown; name?: unknown; code?: unknown } | null;
  if (candidate && typeof candidate === 'object') {
    if (candidate.retriable === true) return true;
    if (candidate.name === 'ConnectionError' || candidate.name === 'TimeoutError') return true;
    if (typeof candidate.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(candidate.code)) return true;
  }
  return false;
}

/** Stable code for any error, for logs, metrics and dead letters. */
export function errorCode(error: unknown): string {
  if (error instanceof PipelineError) return error.code;
  if (error instanceof Error) return error.name.replace(/Error$/, '').toUpperCase() || 'ERROR';
  return 'UNKNOWN';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
