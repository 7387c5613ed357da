import { describe, expect, it } from 'vitest';
import { parseSources, sourcesOfShard, type Source } from './sources.js';

describe('sources file', () => {
  it('lists every problem at once', () => {
    const yaml = 'sources:\n  - name: a\n    type: feed\n  - name: a\n    type: folder\n  - name: c\n    type: ftp\n    url: ftp://x\n';
    expect(() => parseSources(yaml, 'sources.yaml')).toThrow(/sources\.0\.url[\s\S]*sources\.1\.path[\s\S]*sources\.2\.type/);
    expect(() => parseSources(yaml, 'sources.yaml')).toThrow(/duplicate source name "a"/);
  });

  it('reads YAML and JSON, with defaults', () => {
    const sources = parseSources('{"sources":[{"name":"n","type":"sitemap","url":"https://n.example/s.xml","language":"ar"}]}', 's.json');
    expect(sources).toEqual([{ name: 'n', type: 'sitemap', url: 'https://n.example/s.xml', language: 'ar', allowPrivate: false }]);
  });

  it('gives each source to exactly one replica', () => {
    const sources: Source[] = Array.from({ length: 30 }, (_, i) => ({
      name: `site-${i}`,
      type: 'feed',
      url: `https://s${i}.example/rss`,
      allowPrivate: false,
    }));
    const shards = [0, 1, 2].map((index) => sourcesOfShard(sources, { index, count: 3 }).map((s) => s.name));
    expect(shards.flat().sort()).toEqual(sources.map((s) => s.name).sort());
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
  });
});
