import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { importSavedObjects, savedObjects, toNdjson, type SavedObject } from './kibana.js';

interface MappingField {
  type?: string;
  properties?: Record<string, MappingField>;
}
const template = JSON.parse(readFileSync(new URL('../../../infra/elasticsearch/articles-template.json', import.meta.url), 'utf8')) as {
  template: { mappings: { properties: Record<string, MappingField> } };
};

/** The mapping type of a dotted field path in the index template, or undefined when it is not mapped. */
function mappedType(path: string): string | undefined {
  let fields: Record<string, MappingField> | undefined = template.template.mappings.properties;
  let field: MappingField | undefined;
  for (const part of path.split('.')) {
    field = fields?.[part];
    fields = field?.properties;
  }
  return field?.type;
}

const AGGREGATABLE = new Set(['keyword', 'date', 'integer', 'float']);

describe('Kibana saved objects', () => {
  const objects = savedObjects('articles');
  const byId = new Map(objects.map((o) => [o.id, o]));

  it('has unique ids, and every reference points at an object of the set with the right type', () => {
    expect(byId.size).toBe(objects.length);
    for (const object of objects) {
      for (const ref of object.references) expect(byId.get(ref.id)?.type, `${object.id} → ${ref.id}`).toBe(ref.type);
    }
    const dashboard = objects.find((o) => o.type === 'dashboard')!;
    const panels = JSON.parse(dashboard.attributes.panelsJSON as string) as { panelRefName: string }[];
    expect(panels.map((p) => p.panelRefName).sort()).toEqual(dashboard.references.map((r) => r.name).sort());
    // Every chart and the saved search are on the dashboard.
    expect(dashboard.references).toHaveLength(objects.length - 2);
  });

  it('uses only fields the index template maps, aggregating only on aggregatable ones', () => {
    const dataView = objects.find((o) => o.type === 'index-pattern')!;
    expect(mappedType(dataView.attributes.timeFieldName as string)).toBe('date');
    const search = objects.find((o) => o.type === 'search')!;
    for (const column of search.attributes.columns as string[]) expect(mappedType(column), column).toBeDefined();
    const visualizations = objects.filter((o) => o.type === 'visualization');
    expect(visualizations.length).toBeGreaterThanOrEqual(6);
    for (const vis of visualizations) {
      const state = JSON.parse(vis.attributes.visState as string) as { title: string; aggs: { params: { field?: string } }[] };
      expect(state.title).toBe(vis.attributes.title);
      for (const agg of state.aggs) {
        if (agg.params.field) expect(AGGREGATABLE.has(mappedType(agg.params.field) ?? ''), `${vis.id}: ${agg.params.field}`).toBe(true);
      }
    }
  });

  it('follows the configured alias', () => {
    const custom = savedObjects('news');
    expect(custom[0]).toMatchObject({ type: 'index-pattern', id: 'arabic-news-news', attributes: { title: 'news' } });
    expect(custom.every((o) => o.references.every((r) => r.type !== 'index-pattern' || r.id === 'arabic-news-news'))).toBe(true);
  });
});

describe('importSavedObjects', () => {
  async function kibana(answers: { status: number; body: unknown }[]) {
    const requests: { headers: IncomingMessage['headers']; url: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ headers: request.headers, url: request.url!, body });
        const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }
  const objects: SavedObject[] = savedObjects('articles');
  const fast = { backoff: { initialMs: 5, maxMs: 10 } };

  it('waits while Kibana starts, then posts the NDJSON as a multipart file with kbn-xsrf', async () => {
    const server = await kibana([
      { status: 503, body: { message: 'Kibana server is not ready yet' } },
      { status: 200, body: { success: true, successCount: objects.length } },
    ]);
    const retries: string[] = [];
    expect(await importSavedObjects(server.url, objects, { ...fast, onRetry: (r) => retries.push(r) })).toBe(objects.length);
    expect(retries).toEqual(['Kibana answers 503']);
    const last = server.requests.at(-1)!;
    expect(last.url).toBe('/api/saved_objects/_import?overwrite=true');
    expect(last.headers['kbn-xsrf']).toBe('true');
    expect(last.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body).toContain('filename="arabic-news.ndjson"');
    expect(last.body).toContain(toNdjson(objects));
    await server.close();
  });

  it('says what Kibana refused', async () => {
    const server = await kibana([
      { status: 200, body: { success: false, successCount: 9, errors: [{ id: 'x', error: { type: 'conflict' } }] } },
    ]);
    await expect(importSavedObjects(server.url, objects, fast)).rejects.toThrow(
      `imported 9 of ${objects.length}: [{"id":"x","error":{"type":"conflict"}}]`,
    );
    await server.close();
  });

  it('gives up with the last reason when Kibana never comes up', async () => {
    await expect(importSavedObjects('http://127.0.0.1:9', objects, { ...fast, waitMs: 200 })).rejects.toThrow(
      /not ready within 0.2 s: Kibana at http:\/\/127.0.0.1:9 does not answer/,
    );
  });
});
