import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import { TransientError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  HIGHLIGHT_CLOSE,
  HIGHLIGHT_OPEN,
  type ArticleDocument,
  type IndexOperation,
  type IndexRejection,
  type SearchHit,
  type SearchIndex,
} from './search-index.js';

const TEMPLATE_FILE = new URL('../../../infra/elasticsearch/articles-template.json', import.meta.url);

export interface ElasticsearchIndexOptions {
  client: Client;
  alias: string;
  version: number;
  log: Logger;
  bulk: { flushBytes: number; concurrency: number };
}

export function createElasticsearchClient(options: { url: string; username?: string; password?: string; apiKey?: string }): Client {
  return new Client({
    node: options.url,
    auth: options.apiKey
      ? { apiKey: options.apiKey }
      : options.username
        ? { username: options.username, password: options.password ?? '' }
        : undefined,
    requestTimeout: 30_000,
    maxRetries: 3,
  });
}

/** The index template (from `infra/elasticsearch/`) with its alias filled in. */
export function articlesTemplate(alias: string): Record<string, unknown> {
  const text = readFileSync(TEMPLATE_FILE, 'utf8').replaceAll('{{alias}}', alias);
  const { _comment: _, ...template } = JSON.parse(text) as Record<string, unknown>;
  return template;
}

type CopyOperation = Extract<IndexOperation, { op: 'add-copy' }>;

/** Appends a copy to `alsoPublishedBy` once (a replayed copy changes nothing). */
const ADD_COPY_SCRIPT = `
if (ctx._source.alsoPublishedBy == null) { ctx._source.alsoPublishedBy = new ArrayList(); }
for (def p : ctx._source.alsoPublishedBy) { if (p.id == params.copy.id) { ctx.op = 'none'; return; } }
ctx._source.alsoPublishedBy.add(params.copy);
`;

/** Status codes after which the same request can succeed later. */
const RETRIABLE_STATUS = new Set([408, 429, 502, 503, 504]);

function asTransient(err: unknown): unknown {
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError)
    return new TransientError('SEARCH_UNAVAILABLE', `Elasticsearch unreachable: ${err.message}`, err);
  if (err instanceof errors.ResponseError && RETRIABLE_STATUS.has(err.statusCode ?? 0))
    return new TransientError('SEARCH_OVERLOADED', `Elasticsearch answered ${err.statusCode}`, err);
  return err;
}

/**
 * Articles in Elasticsearch: an alias (`articles`) over a versioned index (`articles-v1`), so that a
 * mapping change is a reindex into `-v2` and an alias swap. Documents use the article id as `_id`:
 * a replay or a retry overwrites, it never adds a second copy.
 */
export class ElasticsearchIndex implements SearchIndex {
  readonly kind = 'elasticsearch' as const;
  readonly indexName: string;

  constructor(private readonly options: ElasticsearchIndexOptions) {
    this.indexName = `${options.alias}-v${options.version}`;
  }

  async ensureReady(): Promise<void> {
    const { client, alias, log } = this.options;
    try {
      await client.indices.putIndexTemplate({ name: alias, ...articlesTemplate(alias) } as never);
      if (!(await client.indices.exists({ index: this.indexName }))) {
        try {
          await client.indices.create({ index: this.indexName, aliases: { [alias]: { is_write_index: true } } });
          log.info({ index: this.indexName, alias }, 'created index and alias');
        } catch (err) {
          // Another replica created it between our check and our create: that is fine.
          if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception')) throw err;
        }
      }
      await client.indices.putAlias({ index: this.indexName, name: alias, is_write_index: true });
    } catch (err) {
      throw asTransient(err);
    }
  }

  async apply(operations: IndexOperation[]): Promise<IndexRejection[]> {
    const upserts = new Map<ArticleDocument, number>();
    const copies = new Map<CopyOperation, number>();
    operations.forEach((operation, position) => {
      if (operation.op === 'upsert') upserts.set(operation.document, position);
      else copies.set(operation, position);
    });
    const rejections: IndexRejection[] = [];
    // Upserts merge into the document, so that copies recorded before the article arrived are kept.
    await this.bulk(
      [...upserts.keys()],
      (doc) => [{ update: { _index: this.options.alias, _id: doc.id, retry_on_conflict: 3 } }, { doc_as_upsert: true }],
      (doc) => upserts.get(doc)!,
      rejections,
    );
    await this.bulk(
      [...copies.keys()],
      (operation) => [
        { update: { _index: this.options.alias, _id: operation.id, retry_on_conflict: 5 } },
        // `doc: undefined` drops the helper's own `doc` (it cannot go with a script).
        {
          doc: undefined,
          script: { source: ADD_COPY_SCRIPT, lang: 'painless', params: { copy: operation.copy } },
          upsert: { id: operation.id, alsoPublishedBy: [operation.copy] },
        },
      ],
      (operation) => copies.get(operation)!,
      rejections,
    );
    return rejections;
  }

  private async bulk<T extends object>(
    datasource: T[],
    onDocument: (item: T) => [Record<string, unknown>, Record<string, unknown>],
    positionOf: (item: T) => number,
    rejections: IndexRejection[],
  ): Promise<void> {
    if (datasource.length === 0) return;
    const { client, bulk } = this.options;
    let throttled = 0;
    try {
      await client.helpers.bulk<T>({
        datasource,
        onDocument: onDocument as never,
        flushBytes: bulk.flushBytes,
        concurrency: bulk.concurrency,
        retries: 3,
        wait: 500,
        onDrop: (dropped) => {
          const status = dropped.status;
          const reason = dropped.error?.reason ?? JSON.stringify(dropped.error);
          if (RETRIABLE_STATUS.has(status)) throttled += 1;
          else
            rejections.push({
              position: positionOf(dropped.document),
              code: `INDEX_REJECTED_${status}`,
              message: `${dropped.error?.type ?? 'error'}: ${reason}`,
            });
        },
      });
    } catch (err) {
      throw asTransient(err);
    }
    // Operations still throttled after the helper's own retries: retry the whole write later (they are idempotent).
    if (throttled > 0) throw new TransientError('SEARCH_OVERLOADED', `${throttled} operations throttled by Elasticsearch`);
  }

  async search(query: string, options: { size?: number } = {}): Promise<SearchHit[]> {
    const response = await this.options.client.search<ArticleDocument>({
      index: this.options.alias,
      size: options.size ?? 10,
      query: { multi_match: { query, fields: ['title^2', 'text'] } },
      highlight: {
        pre_tags: [HIGHLIGHT_OPEN],
        post_tags: [HIGHLIGHT_CLOSE],
        fields: { text: { fragment_size: 160, number_of_fragments: 1 }, title: { number_of_fragments: 0 } },
      },
    });
    return response.hits.hits.map((hit) => {
      const doc = hit._source!;
      return {
        id: hit._id!,
        score: hit._score ?? 0,
        title: doc.title,
        source: doc.source,
        url: doc.url,
        publishedAt: doc.publishedAt,
        alsoPublishedBy: (doc.alsoPublishedBy ?? []).map((copy) => copy.source),
        snippet: hit.highlight?.text?.[0] ?? doc.text.slice(0, 160),
      };
    });
  }

  async flush(): Promise<void> {
    await this.options.client.indices.refresh({ index: this.options.alias });
  }

  async count(): Promise<number> {
    await this.flush();
    return (await this.options.client.count({ index: this.options.alias })).count;
  }

  async close(): Promise<void> {
    await this.options.client.close();
  }
}
