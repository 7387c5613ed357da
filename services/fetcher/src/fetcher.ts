/**
 * The fetcher: a source of raw articles. This skeleton reads a folder of .txt/.html files and RSS/Atom
 * feeds (each item's page fetched once per process). Issue 3 adds politeness, durable fetch state,
 * sitemaps, conditional GET and the rest.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { articleId, canonicalUrl, errorMessage, type Logger, type RawArticle } from '@arabic-news/shared';
import { parseFeed } from './feed.js';

export type HttpGet = (url: string) => Promise<{ status: number; contentType: string; body: string }>;

export interface FetcherOptions {
  log: Logger;
  http: HttpGet;
  now?: () => Date;
  /** Called for every failure, so that the worker counts them; the other sources go on. */
  onError?: (source: string, reason: string) => void;
}

const FILE_TYPES: Record<string, RawArticle['contentType']> = { '.txt': 'text/plain', '.html': 'text/html', '.htm': 'text/html' };

/** A raw article from the content of a file (id from the content: the same file read twice is one article). */
export function rawFromFile(path: string, body: string, source: string, fetchedAt: Date): RawArticle | undefined {
  const contentType = FILE_TYPES[extname(path).toLowerCase()];
  if (!contentType) return undefined;
  return { schemaVersion: 1, id: articleId({ body }), source, contentType, body, fetchedAt: fetchedAt.toISOString() };
}

/** `fetch`-based HTTP GET with a timeout and our User-Agent. */
export function createHttpGet(options: { userAgent: string; timeoutMs: number }): HttpGet {
  return async (url) => {
    const response = await fetch(url, {
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
  };
}

export class Fetcher {
  private readonly seen = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly options: FetcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Every article of `source` (a folder path or a feed URL) not yet emitted by this process. */
  async *poll(source: string): AsyncGenerator<RawArticle> {
    const articles = /^https?:\/\//i.test(source) ? this.fromFeed(source) : this.fromFolder(source);
    for await (const article of articles) {
      if (this.seen.has(article.id)) continue;
      this.seen.add(article.id);
      yield article;
    }
  }

  private fail(source: string, reason: string, extra: Record<string, unknown> = {}) {
    this.options.log.warn({ source, reason, ...extra }, 'source failed');
    this.options.onError?.(source, reason);
  }

  private async *fromFolder(folder: string): AsyncGenerator<RawArticle> {
    const path = resolve(folder);
    let names: string[];
    try {
      if (!(await stat(path)).isDirectory()) throw new Error('not a folder');
      names = (await readdir(path)).sort();
    } catch (err) {
      this.fail(folder, `cannot read folder: ${errorMessage(err)}`);
      return;
    }
    for (const name of names) {
      const file = join(path, name);
      if (!FILE_TYPES[extname(name).toLowerCase()]) continue;
      const bytes = await readFile(file).catch((err: unknown) => {
        this.fail(folder, `cannot read file: ${errorMessage(err)}`, { file });
        return undefined;
      });
      if (!bytes) continue;
      let body: string;
      try {
        body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        this.fail(folder, 'file is not valid UTF-8', { file });
        continue;
      }
      const article = rawFromFile(file, body, basename(path), this.now());
      if (article) yield article;
    }
  }

  private async *fromFeed(feedUrl: string): AsyncGenerator<RawArticle> {
    let items;
    try {
      const response = await this.options.http(feedUrl);
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      items = parseFeed(response.body);
    } catch (err) {
      this.fail(feedUrl, `feed unavailable or invalid: ${errorMessage(err)}`);
      return;
    }
    const source = new URL(feedUrl).hostname;
    for (const item of items) {
      let url: string;
      try {
        url = canonicalUrl(new URL(item.url, feedUrl).toString());
      } catch {
        this.fail(feedUrl, `item link is not a URL: ${item.url}`);
        continue;
      }
      const id = articleId({ url, body: '' });
      if (this.seen.has(id)) continue;
      try {
        const page = await this.options.http(url);
        if (page.status !== 200) throw new Error(`HTTP ${page.status}`);
        const contentType = /html/i.test(page.contentType) || /^\s*</.test(page.body) ? 'text/html' : 'text/plain';
        yield { schemaVersion: 1, id, url, source, contentType, body: page.body, fetchedAt: this.now().toISOString() };
      } catch (err) {
        this.fail(feedUrl, `article page failed: ${errorMessage(err)}`, { url });
      }
    }
  }
}
