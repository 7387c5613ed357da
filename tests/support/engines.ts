import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, createLogger, type Config } from '@arabic-news/shared';

export interface Engines {
  kafkaBrokers?: string;
  elasticsearchUrl?: string;
  skipReason?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Engines;
  }
}

export const engines = (): Engines => inject('engines');
export const enginesMissing = (): boolean => Boolean(engines().skipReason);

/** Names no other test uses: the mock Kafka never deletes topics and indices outlive runs. */
export const uniqueName = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** Configuration of a test: the engines, its own topic prefix, group prefix and index alias. */
export function testConfig(name: string, extra: Record<string, string> = {}): Config {
  const { kafkaBrokers, elasticsearchUrl } = engines();
  return loadConfig({
    KAFKA_BROKERS: kafkaBrokers ?? '',
    ELASTICSEARCH_URL: elasticsearchUrl,
    TOPIC_PREFIX: `${name}.`,
    KAFKA_GROUP_PREFIX: name,
    INDEX_ALIAS: name,
    RETRY_INITIAL_MS: '50',
    RETRY_MAX_MS: '500',
    SHUTDOWN_TIMEOUT_MS: '20000',
    ...extra,
  });
}

export const testLogger = () => createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });

/** Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
