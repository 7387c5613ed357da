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
