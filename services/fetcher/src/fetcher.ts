/**
 * The fetcher: finds new articles in its sources and emits each once as a raw article. Feeds (RSS 2.0,
 * Atom), news sitemaps and sitemap indexes, single article pages, and watched folders of .txt, .html and
 * .jsonl files. Every request goes through the politeness rules and the safe HTTP client; every failure is
 * a log line and a counted reason, and the other sources go on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  articleId,
  canonicalUrl,
  describeZodError,
  errorMessage,
  RawInputV1,
  toRawArticle,
  type Logger,
  type RawArticle,
} from '@arabic-news/shared';
import { documentKind, parseFeed, parseSitemap } from './feed.js';
import { FetchState } from './fetch-state.js';
import { FetchError, type HttpClient } from './http-client.js';
import type { Politeness } from './politeness.js';
import type { Source } from './sources.js';

export type Emit = (article: RawArticle) => Promise<void>;

export interface FetcherOptions {
  log: Logger;
  http: HttpClient;
  politeness: Politeness;
  state?: FetchState;
  now?: () => Date;
  /** Called for every failure with a short reason code, so that the worker counts them. */
  onError?: (source: string, reason: string) => void;
  /** A file modified more recently than this may still be being written: it waits for the next scan. */
  folderSettleMs?: number;
  /** Child sitemaps read from a sitemap index, most recent first. */
  maxChildSitemaps?: number;
}

const FILE_TYPES: Record<string, RawArticle['contentType'] | 'jsonl'> = {
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.jsonl': 'jsonl',
};

/** A raw article from the content of a file (id from the content: the same file read twice is one article). */
export function rawFromFile(path: string, body: string, source: string, fetchedAt: Date): RawArticle | undefined {
  const contentType = FILE_TYPES[extname(path).toLowerCase()];
  if (!contentType || contentType === 'jsonl') return undefined;
  return toRawArticle({ contentType, body }, { source, now: fetchedAt });
}

const CANONICAL = /<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>/i;
const HREF = /\bhref\s*=\s*["']([^"']+)["']/i;

/** `<link rel="canonical">` of a page, resolved against its URL, without tracking parameters. */
export function pageCanonicalUrl(html: string, pageUrl: string): string {
  const tag = CANONICAL.exec(html.slice(0, 200_000))?.[0];
  const href = tag ? HREF.exec(tag)?.[1] : undefined;
  try {
    return canonicalUrl(href ? new URL(href, pageUrl).toString() : pageUrl);
  } catch {
    return canonicalUrl(pageUrl);
  }
}

export class Fetcher {
  readonly state: FetchState;
  private readonly now: () => Date;
  /** Folder files read, by path: their size:mtime version and the ids of the articles they held. */
  private readonly files = new Map<string, { version: string; ids: string[] }>();

  constructor(private readonly options: FetcherOptions) {
    this.state = options.state ?? new FetchState();
    this.now = options.now ?? (() => new Date());
  }

  /** Polls one source, emitting each article not emitted before; returns the count. Never throws for the source's faults. */
  async pollSource(source: Source, emit: Emit): Promise<number> {
    let emitted = 0;
    const counted: Emit = async (article) => {
      await emit(article);
      emitted += 1;
    };
    try {
      if (source.type === 'folder') await this.pollFolder(source, counted);
      else await this.pollUrl(source, counted);
    } catch (err) {
      this.fail(source, err instanceof FetchError ? err.code : 'SOURCE_FAILED', errorMessage(err));
    }
    return emitted;
  }

  private fail(source: Source, reason: string, detail: string, extra: Record<string, unknown> = {}) {
    this.options.log.warn({ source: source.name, reason, detail, ...extra }, 'fetch failed');
    this.options.onError?.(source.name, reason);
  }

  private async get(source: Source, url: string, conditional = false) {
    const robots = await this.options.politeness.check(url, source.allowPrivate);
    if (!robots.allowed) throw new FetchError('ROBOTS_DISALLOWED', `robots.txt disallows ${url}`);
    const validators = conditional ? this.state.validators(source.name) : {};
    return this.options.politeness.schedule(url, robots.crawlDelayMs, () =>
      this.options.http.get(url, { allowPrivate: source.allowPrivate, etag: validators.etag, lastModified: validators.lastModified }),
    );
  }

  private async pollUrl(source: Source, emit: Emit): Promise<void> {
    const url = source.url!;
    if (source.type === 'page') {
      await this.fetchArticle(source, url, emit);
      return;
    }
    const response = await this.get(source, url, true);
    if (response.notModified) {
      this.options.log.debug({ source: source.name }, 'unchanged (304)');
      return;
    }
    const kind = source.type === 'auto' ? documentKind(response.body) : source.type;
    let urls: string[];
    if (kind === 'feed') urls = parseFeed(response.body).map((item) => new URL(item.url, response.url).toString());
    else if (kind === 'sitemap') urls = await this.sitemapUrls(source, response.body, response.url);
    else {
      // `auto` on an article page: the page itself is the article.
      await this.emitPage(source, url, response.url, response.body, emit);
      return;
    }
    let failed = 0;
    for (const itemUrl of urls) if (!(await this.fetchArticle(source, itemUrl, emit))) failed += 1;
    // Validators are kept only when every item was handled: a 304 next time must not hide an item that failed
    // (or that a crash interrupted), so then the next poll reads the whole feed again.
    await this.state.listed(
      source.name,
      failed === 0 ? { etag: response.headers.etag, lastModified: response.headers['last-modified'] } : {},
    );
  }

  private async sitemapUrls(source: Source, body: string, baseUrl: string): Promise<string[]> {
    const sitemap = parseSitemap(body);
    if (sitemap.kind === 'urlset') return sitemap.urls.map((entry) => new URL(entry.url, baseUrl).toString());
    const children = [...sitemap.sitemaps]
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
      .slice(0, this.options.maxChildSitemaps ?? 5);
    const urls: string[] = [];
    for (const child of children) {
      try {
        const response = await this.get(source, new URL(child.url, baseUrl).toString());
        const inner = parseSitemap(response.body);
        if (inner.kind === 'urlset') urls.push(...inner.urls.map((entry) => new URL(entry.url, response.url).toString()));
      } catch (err) {
        this.fail(source, err instanceof FetchError ? err.code : 'SITEMAP_INVALID', errorMessage(err), { url: child.url });
      }
    }
    return urls;
  }

  /** Fetches and emits one article page; false when it failed (it will be tried again at the next poll). */
  private async fetchArticle(source: Source, rawUrl: string, emit: Emit): Promise<boolean> {
    let url: string;
    try {
      url = canonicalUrl(rawUrl);
    } catch {
      this.fail(source, 'BAD_URL', `not a URL: ${rawUrl}`);
      return true; // retrying cannot help
    }
    const listedId = articleId({ url });
    if (this.state.hasSeen(listedId)) {
      await this.state.markSeen(listedId); // still listed: keep remembering it
      return true;
    }
    try {
      const response = await this.get(source, url);
      const type = response.headers['content-type'] ?? '';
      if (type && !/html|text\/plain|xml/i.test(type)) throw new FetchError('HTTP_STATUS', `not a web page (${type})`, 415);
      await this.emitPage(source, url, response.url, response.body, emit);
      return true;
    } catch (err) {
      this.fail(source, err instanceof FetchError ? err.code : 'PAGE_FAILED', errorMessage(err), { url });
      // Pages refused for good (robots.txt, 4xx, not HTML) are not worth re-reading the feed for.
      return (
        err instanceof FetchError &&
        (err.code === 'ROBOTS_DISALLOWED' || (err.status !== undefined && err.status < 500 && err.status !== 429))
      );
    }
  }

  private async emitPage(source: Source, requestedUrl: string, finalUrl: string, html: string, emit: Emit): Promise<void> {
    const requestedId = articleId({ url: requestedUrl });
    const url = pageCanonicalUrl(html, finalUrl);
    const id = articleId({ url });
    if (!this.state.hasSeen(id)) {
      await emit({
        schemaVersion: 1,
        id,
        url,
        source: source.name,
        contentType: 'text/html',
        body: html,
        fetchedAt: this.now().toISOString(),
        languageHint: source.language,
        selector: source.selector,
      });
    }
    await this.state.markSeen(requestedId, id);
  }

  private async pollFolder(source: Source, emit: Emit): Promise<void> {
    const target = resolve(source.path!);
    // A single file is a folder of one (`pipeline fetch article.txt`).
    const isFile = (await stat(target)).isFile();
    const path = isFile ? dirname(target) : target;
    const names = isFile ? [basename(target)] : (await readdir(path)).sort();
    const settle = this.options.folderSettleMs ?? 2000;
    if (!isFile) {
      // Files gone from the folder are forgotten here (their articles expire from the state in time).
      const listed = new Set(names.map((name) => join(path, name)));
      for (const file of this.files.keys()) if (dirname(file) === path && !listed.has(file)) this.files.delete(file);
    }
    for (const name of names) {
      const type = FILE_TYPES[extname(name).toLowerCase()];
      if (!type) continue;
      const file = join(path, name);
      let info;
      try {
        info = await stat(file);
      } catch {
        continue; // removed between listing and stat
      }
      const version = `${info.size}:${info.mtimeMs}`;
      const known = this.files.get(file);
      if (known?.version === version) {
        await this.state.markSeen(...known.ids); // still in the folder: keep remembering its articles
        continue;
      }
      // Still being written: leave it for a later scan.
      if (Date.now() - info.mtimeMs < settle) continue;
      const read = { version, ids: [] as string[] };
      this.files.set(file, read);
      let body: string;
      try {
        body = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
      } catch (err) {
        this.fail(source, 'NOT_UTF8', err instanceof TypeError ? 'file is not valid UTF-8' : errorMessage(err), { file });
        continue;
      }
      const articles = type === 'jsonl' ? this.fromJsonLines(source, file, body) : [rawFromFile(file, body, basename(path), this.now())!];
      read.ids = articles.map((article) => article.id);
      for (const article of articles) {
        if (!this.state.hasSeen(article.id)) await emit({ ...article, languageHint: article.languageHint ?? source.language });
        await this.state.markSeen(article.id);
      }
    }
  }

  private fromJsonLines(source: Source, file: string, body: string): RawArticle[] {
    const articles: RawArticle[] = [];
    body.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        const parsed = RawInputV1.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(describeZodError(parsed.error));
        const input = parsed.data;
        articles.push(toRawArticle({ ...input, url: input.url && canonicalUrl(input.url) }, { source: source.name, now: this.now() }));
      } catch (err) {
        this.fail(source, 'BAD_JSONL_LINE', `line ${index + 1}: ${errorMessage(err)}`, { file });
      }
    });
    return articles;
  }
}
