import type { Config, Logger } from '@arabic-news/shared';
import { FetchState } from './fetch-state.js';
import { Fetcher } from './fetcher.js';
import { HttpClient } from './http-client.js';
import { Politeness } from './politeness.js';

/** A fetcher with the HTTP client and politeness rules of the configuration. */
export function createFetcher(options: {
  config: Config['fetch'];
  log: Logger;
  state?: FetchState;
  onError?: (source: string, reason: string) => void;
}): { fetcher: Fetcher; http: HttpClient } {
  const { config } = options;
  const http = new HttpClient({
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    maxDecompressedBytes: config.maxBytes * 2,
    maxRedirects: config.maxRedirects,
  });
  const politeness = new Politeness({
    http,
    userAgent: config.userAgent,
    concurrency: config.concurrencyPerHost,
    minDelayMs: config.minDelayMs,
  });
  const fetcher = new Fetcher({ log: options.log, http, politeness, state: options.state, onError: options.onError });
  return { fetcher, http };
}
