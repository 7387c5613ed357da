import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('has defaults that run the embedded pipeline with no variables at all', () => {
    const config = loadConfig({});
    expect(config.search.backend).toBe('embedded');
    expect(config.search.alias).toBe('articles');
    expect(config.kafka.brokers).toEqual([]);
  });

  it('takes another NER model file for the enricher, and the shipped one by default', () => {
    expect(loadConfig({}).enricher.nerModel).toBeUndefined();
    expect(loadConfig({ ENRICHER_NER_MODEL: '/models/ner.json' }).enricher.nerModel).toBe('/models/ner.json');
  });

  it("reads dedup's rewrite rule: a similarity, 'off', or an error", () => {
    expect(loadConfig({}).dedup).toMatchObject({ rewriteWeighted: undefined, rewriteDays: undefined });
    expect(loadConfig({ DEDUP_REWRITE_WEIGHTED: '0.6', DEDUP_REWRITE_DAYS: '1' }).dedup).toMatchObject({
      rewriteWeighted: 0.6,
      rewriteDays: 1,
    });
    expect(loadConfig({ DEDUP_REWRITE_WEIGHTED: 'off' }).dedup.rewriteWeighted).toBe(false);
    expect(() => loadConfig({ DEDUP_REWRITE_WEIGHTED: 'sometimes' })).toThrow(/DEDUP_REWRITE_WEIGHTED/);
  });

  it('chooses Elasticsearch when ELASTICSEARCH_URL is set and parses lists', () => {
    const config = loadConfig({ ELASTICSEARCH_URL: 'http://es:9200', KAFKA_BROKERS: 'a:9092, b:9092' });
    expect(config.search.backend).toBe('elasticsearch');
    expect(config.kafka.brokers).toEqual(['a:9092', 'b:9092']);
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ LOG_LEVEL: 'loud', RETRY_MAX_MS: '-5', ELASTICSEARCH_URL: 'not a url' }, ['kafka']);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(':')[0])).toEqual(['LOG_LEVEL', 'ELASTICSEARCH_URL', 'RETRY_MAX_MS']);
  });

  it('reports a missing requirement together with the rest', () => {
    expect(() => loadConfig({ SEARCH_BACKEND: 'elasticsearch' }, ['kafka'])).toThrow(/KAFKA_BROKERS[\s\S]*ELASTICSEARCH_URL/);
  });

  it('bounds the fetcher memory by the fetch.state retention', () => {
    expect(loadConfig({}).fetch.seenDays).toBe(180);
    expect(() => loadConfig({ FETCH_SEEN_DAYS: '400' })).toThrow(/FETCH_SEEN_DAYS: at most 365/);
  });
});
