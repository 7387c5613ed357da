import { isRetriable } from './errors.js';

export interface BackoffOptions {
  /** First delay, in ms. */
  initialMs: number;
  /** No delay is longer than this, in ms. */
  maxMs: number;
  /** Growth per attempt. */
  factor?: number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with "full jitter" so that many
 * workers retrying the same dependency do not retry in step.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const factor = options.factor ?? 2;
  const ceiling = Math.min(options.maxMs, options.initialMs * factor ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** What `retryRetriable` returns when shutdown stopped it between attempts. */
export const ABORTED = Symbol('aborted');

/**
 * Runs `operation` until it succeeds, retrying retriable failures (see `isRetriable`) with `backoffDelay`;
 * a non-retriable failure is thrown at once; when `signal` aborts before the next attempt, returns ABORTED
 * (the caller then leaves its work uncommitted, to be done again after the restart).
 */
export async function retryRetriable<T>(
  operation: () => Promise<T>,
  options: { backoff: BackoffOptions; signal: AbortSignal; onRetry?: (err: unknown, attempt: number, delayMs: number) => void },
): Promise<T | typeof ABORTED> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (err) {
      if (!isRetriable(err)) throw err;
      if (options.signal.aborted) return ABORTED;
      const delay = backoffDelay(attempt, options.backoff);
      options.onRetry?.(err, attempt, delay);
      await sleep(delay, options.signal);
      if (options.signal.aborted) return ABORTED;
    }
  }
}
