import { PassThrough, Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@arabic-news/shared';
import { createFilter, runFilter } from './filters.js';

async function filter(name: 'clean' | 'dedup' | 'enrich', lines: string[]) {
  const output = new PassThrough();
  const errors = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  output.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  errors.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const bad = await runFilter(createFilter(name, loadConfig({})), Readable.from(lines.map((line) => `${line}\n`)), output, errors);
  return {
    bad,
    results: out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
    errors: err.join('').split('\n').filter(Boolean),
  };
}

const seed = readFileSync(new URL('../../../tests/fixtures/seeds/002_195d63a88f2e261d.txt', import.meta.url), 'utf8');

describe('JSON-lines filters', () => {
  it('enrich: a model file that ENRICHER_NER_MODEL names and that cannot be loaded is a configuration error', () => {
    const config = loadConfig({ ENRICHER_NER_MODEL: '/nonexistent/ner-model.json' });
    expect(() => createFilter('enrich', config)).toThrow(ConfigError);
    expect(() => createFilter('enrich', config)).toThrow(/ENRICHER_NER_MODEL: cannot load the NER model \/nonexistent\/ner-model\.json/);
  });

  it('clean: computes the id, cleans, and reports bad lines by number while the rest go on', async () => {
    const { bad, results, errors } = await filter('clean', [
      JSON.stringify({ contentType: 'text/plain', body: seed }),
      '{oops',
      JSON.stringify({ contentType: 'application/pdf', body: 'x' }),
      JSON.stringify({ url: 'https://news.example/a', contentType: 'text/plain', body: seed }),
    ]);
    expect(bad).toBe(2);
    expect(errors[0]).toMatch(/^line 2: not JSON/);
    expect(errors[1]).toMatch(/^line 3: contentType/);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ source: 'stdin', title: 'شي وبوتين في اتصال هاتفي: الصين وروسيا تتعهدان بدعم متبادل قوي' });
    expect(results[0].id).toMatch(/^[0-9a-f]{16}$/);
    expect(results[1]).toMatchObject({ source: 'news.example', url: 'https://news.example/a' });
    expect(results[0].text).not.toContain('اترك رد');
  });

  it('dedup: prints every article once with duplicateOf', async () => {
    const { results: cleaned } = await filter('clean', [
      JSON.stringify({ url: 'https://a.example/1', contentType: 'text/plain', body: seed }),
      JSON.stringify({ url: 'https://b.example/2', contentType: 'text/plain', body: seed }),
    ]);
    const { results } = await filter(
      'dedup',
      cleaned.map((article) => JSON.stringify(article)),
    );
    expect(results.map((r) => r.duplicateOf)).toEqual([null, cleaned[0].id]);
  });

  it('enrich: adds language and entities with canonical names', async () => {
    const { results: cleaned } = await filter('clean', [JSON.stringify({ contentType: 'text/plain', body: seed })]);
    const { results } = await filter('enrich', [JSON.stringify(cleaned[0])]);
    expect(results[0].language).toBe('ar');
    expect(results[0].entities.people.map((e: { name: string }) => e.name)).toContain('فلاديمير بوتين');
    expect(results[0].entities.places.map((e: { name: string }) => e.name)).toContain('هونغ كونغ');
  });
});
