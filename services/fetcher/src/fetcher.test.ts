import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type FetchStateRecord, type RawArticle } from '@arabic-news/shared';
import { parseFeed, parseSitemap } from './feed.js';
import { FetchState } from './fetch-state.js';
import { Fetcher } from './fetcher.js';
import { FetchError, HttpClient } from './http-client.js';
import { Politeness } from './politeness.js';
import type { Source } from './sources.js';
import { articlePage, html, startServer, type TestServer } from './test-support/server.js';

const log = createLogger({ level: 'silent' });
const PARAGRAPH = 'قال الرئيس الصيني شي جين بينغ إن العلاقات بين الصين وروسيا دخلت عصرا جديدا من التعاون الاستراتيجي الشامل.';
const WIN1256 = Buffer.from([0xc7, 0xe1, 0xd5, 0xed, 0xe4]); // «الصين» in windows-1256
const ISO88596 = Buffer.from([0xc7, 0xe4, 0xd5, 0xea, 0xe6]); // «الصين» in ISO-8859-6

const XXE = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
  <rss version="2.0"><channel><item><title>&xxe;</title><link>https://news.example/x</link></item></channel></rss>`;

describe('parseFeed and parseSitemap', () => {
  it('reads RSS 2.0 items (entities decoded in links) and Atom entries', () => {
    const rss = `<rss version="2.0"><channel><item><title>خبر</title><link>https://n.example/a?id=1&amp;utm_source=rss</link><pubDate>Tue, 23 Mar 2021 10:00:00 GMT</pubDate></item></channel></rss>`;
    expect(parseFeed(rss)).toEqual([
      { url: 'https://n.example/a?id=1&utm_source=rss', title: 'خبر', publishedAt: '2021-03-23T10:00:00.000Z' },
    ]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>خبر</title><link rel="alternate" href="https://n.example/c"/><published>2021-03-23T10:00:00Z</published></entry></feed>`;
    expect(parseFeed(atom)).toEqual([{ url: 'https://n.example/c', title: 'خبر', publishedAt: '2021-03-23T10:00:00.000Z' }]);
  });

  it('refuses entity declarations: external entities and expansion bombs', () => {
    expect(() => parseFeed(XXE)).toThrow(/declares entities/);
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title><link>https://x.example/</link></item></channel></rss>`;
    expect(() => parseFeed(bomb)).toThrow(/declares entities/);
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(/not an RSS 2.0 or Atom feed/);
  });

  it('reads news sitemaps and sitemap indexes', () => {
    const urlset = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/a</loc><news:news><news:publication_date>2024-05-01T10:00:00Z</news:publication_date></news:news></url><url><loc>https://n.example/b</loc><lastmod>2024-05-02</lastmod></url></urlset>`;
    expect(parseSitemap(urlset)).toEqual({
      kind: 'urlset',
      urls: [
        { url: 'https://n.example/a', publishedAt: '2024-05-01T10:00:00.000Z' },
        { url: 'https://n.example/b', publishedAt: '2024-05-02T00:00:00.000Z' },
      ],
    });
    expect(parseSitemap('<sitemapindex><sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>')).toMatchObject({
      kind: 'index',
      sitemaps: [{ url: 'https://n.example/s1.xml' }],
    });
  });
});

describe('HttpClient against a local server', () => {
  let server: TestServer;
  let calls429 = 0;
  const client = (options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
    new HttpClient({
      userAgent: 'test-bot/1.0',
      maxBytes: 1024 * 1024,
      maxDecompressedBytes: 2 * 1024 * 1024,
      retry: { initialMs: 50, maxMs: 200 },
      ...options,
    });

  beforeAll(async () => {
    server = await startServer({
      '/win1256': (_, r) =>
        r
          .writeHead(200, { 'content-type': 'text/html; charset=windows-1256' })
          .end(Buffer.concat([Buffer.from('<p>'), WIN1256, Buffer.from('</p>')])),
      '/iso-meta': (_, r) =>
        r.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([Buffer.from('<meta charset="iso-8859-6"><p>'), ISO88596])),
      '/bom': (_, r) =>
        r
          .writeHead(200, { 'content-type': 'text/html' })
          .end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>الصين</p>')])),
      '/429': (_, r) => {
        calls429 += 1;
        if (calls429 === 1) r.writeHead(429, { 'retry-after': '1' }).end();
        else html('<p>ok</p>')(_, r);
      },
      '/500': (_, r) => r.writeHead(500).end(),
      '/gzip-bomb': (_, r) =>
        r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024))),
      '/gzip-ok': (_, r) =>
        r
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
          .end(gzipSync(Buffer.from('<p>مضغوط</p>'))),
      '/big': (_, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.alloc(2 * 1024 * 1024, 0x61)),
      '/r1': (_, r) => r.writeHead(301, { location: '/r2' }).end(),
      '/r2': (_, r) => r.writeHead(302, { location: '/win1256' }).end(),
      '/loop': (_, r) => r.writeHead(302, { location: '/loop' }).end(),
      '/etag': (request, r) => {
        if (request.headers['if-none-match'] === '"v1"') r.writeHead(304).end();
        else r.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' }).end('body');
      },
    });
  });
  afterAll(() => server.close());

  it('decodes windows-1256 from the header, ISO-8859-6 from <meta charset>, UTF-8 with a BOM', async () => {
    const http = client();
    expect((await http.get(`${server.origin}/win1256`, { allowPrivate: true })).body).toBe('<p>الصين</p>');
    expect((await http.get(`${server.origin}/iso-meta`, { allowPrivate: true })).body).toContain('الصين');
    expect((await http.get(`${server.origin}/bom`, { allowPrivate: true })).body).toBe('<p>الصين</p>');
    await http.close();
  });

  it('retries a 429 after its Retry-After', async () => {
    const http = client();
    const started = Date.now();
    expect((await http.get(`${server.origin}/429`, { allowPrivate: true })).body).toBe('<p>ok</p>');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls429).toBe(2);
    await http.close();
  });

  it('gives up on a 5xx after its attempts, with a retriable error', async () => {
    const http = client({ attempts: 2 });
    const before = server.requests.filter((r) => r.path === '/500').length;
    const error = await http.get(`${server.origin}/500`, { allowPrivate: true }).catch((err: FetchError) => err);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 500, retriable: true });
    expect(server.requests.filter((r) => r.path === '/500').length - before).toBe(2);
    await http.close();
  });

  it('inflates gzip, and stops a gzip bomb at the decompressed cap', async () => {
    const http = client();
    expect((await http.get(`${server.origin}/gzip-ok`, { allowPrivate: true })).body).toBe('<p>مضغوط</p>');
    await expect(http.get(`${server.origin}/gzip-bomb`, { allowPrivate: true })).rejects.toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE' });
    await http.close();
  });

  it('refuses an oversized page', async () => {
    const http = client();
    await expect(http.get(`${server.origin}/big`, { allowPrivate: true })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await http.close();
  });

  it('follows redirects up to the limit', async () => {
    const http = client();
    const response = await http.get(`${server.origin}/r1`, { allowPrivate: true });
    expect(response).toMatchObject({ url: `${server.origin}/win1256`, body: '<p>الصين</p>' });
    await expect(http.get(`${server.origin}/loop`, { allowPrivate: true })).rejects.toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    await http.close();
  });

  it('sends validators and reports a 304', async () => {
    const http = client();
    const first = await http.get(`${server.origin}/etag`, { allowPrivate: true });
    const second = await http.get(`${server.origin}/etag`, { allowPrivate: true, etag: first.headers.etag });
    expect(second.notModified).toBe(true);
    await http.close();
  });

  it('refuses loopback and private addresses unless the source allows them (SSRF)', async () => {
    const http = client();
    await expect(http.get(`${server.origin}/win1256`)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
    await expect(http.get('http://[::1]:9/')).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
    await http.close();
  });
});

describe('Fetcher against a local server', () => {
  let server: TestServer;
  let flakyCalls = 0;
  let slow: TestServer;
  const feed = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
    <item><title>1</title><link>${origin}/a1?utm_source=rss</link></item>
    <item><title>2</title><link>${origin}/a2</link></item>
    <item><title>3</title><link>${origin}/private/a3</link></item>
    <item><title>4</title><link>${origin}/gone</link></item>
    <item><title>5</title><link>${origin}/win</link></item></channel></rss>`;

  beforeAll(async () => {
    server = await startServer({
      '/robots.txt': html('User-agent: *\nDisallow: /private/\n', 'text/plain'),
      '/feed.xml': (request, r) => {
        if (request.headers['if-none-match'] === '"f1"') return void r.writeHead(304).end();
        r.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' }).end(feed(server.origin));
      },
      '/xxe.xml': html(XXE, 'application/rss+xml'),
      '/a1': html(articlePage('الخبر الأول', PARAGRAPH)),
      '/a2': html(articlePage('الخبر الثاني', PARAGRAPH, `<link rel="canonical" href="/story-2?utm_medium=x">`)),
      '/private/a3': html(articlePage('سري', PARAGRAPH)),
      '/win': (_, r) =>
        r
          .writeHead(200, { 'content-type': 'text/html; charset=windows-1256' })
          .end(Buffer.concat([Buffer.from('<html><body><p>'), WIN1256, Buffer.from('</p></body></html>')])),
      '/sitemap-index.xml': html(
        `<sitemapindex><sitemap><loc>/news.xml</loc><lastmod>2024-05-01</lastmod></sitemap></sitemapindex>`,
        'application/xml',
      ),
      '/news.xml': html(`<urlset><url><loc>/a1</loc></url><url><loc>/s1</loc></url></urlset>`, 'application/xml'),
      '/s1': html(articlePage('من الخريطة', PARAGRAPH)),
      '/feed2.xml': (request, r) => {
        if (request.headers['if-none-match'] === '"f2"') return void r.writeHead(304).end();
        r.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f2"' }).end(
          `<rss version="2.0"><channel><item><link>${server.origin}/ok</link></item><item><link>${server.origin}/flaky</link></item></channel></rss>`,
        );
      },
      '/ok': html(articlePage('سليم', PARAGRAPH)),
      '/flaky': (request, r) => {
        flakyCalls += 1;
        if (flakyCalls === 1) r.writeHead(503).end();
        else html(articlePage('متعثر', PARAGRAPH))(request, r);
      },
    });
    slow = await startServer({
      '/robots.txt': html('User-agent: *\nCrawl-delay: 1\n', 'text/plain'),
      '/p1': html(articlePage('1', PARAGRAPH)),
      '/p2': html(articlePage('2', PARAGRAPH)),
    });
  });
  afterAll(async () => {
    await server.close();
    await slow.close();
  });

  function setup(state = new FetchState()) {
    const http = new HttpClient({ userAgent: 'test-bot/1.0', retry: { initialMs: 10, maxMs: 50 }, attempts: 1 });
    const errors: string[] = [];
    const politeness = new Politeness({ http, userAgent: 'test-bot/1.0', concurrency: 2, minDelayMs: 0 });
    const fetcher = new Fetcher({ log, http, politeness, state, onError: (_, reason) => errors.push(reason), folderSettleMs: 200 });
    const emitted: RawArticle[] = [];
    const poll = (source: Source) => fetcher.pollSource(source, async (article) => void emitted.push(article));
    return { http, fetcher, errors, emitted, poll };
  }

  const source = (extra: Partial<Source>): Source => ({ name: 'local', type: 'feed', allowPrivate: true, ...extra });

  it('emits each feed item once: canonical URLs, robots.txt honoured, legacy charset decoded, failures counted', async () => {
    const persisted: FetchStateRecord[] = [];
    const state = new FetchState({ persist: async (records) => void persisted.push(...records) });
    const { http, errors, emitted, poll } = setup(state);
    expect(await poll(source({ url: `${server.origin}/feed.xml` }))).toBe(3);
    expect(emitted.map((a) => a.url)).toEqual([`${server.origin}/a1`, `${server.origin}/story-2`, `${server.origin}/win`]);
    expect(emitted[2]!.body).toContain('الصين');
    expect(server.requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    expect(errors.sort()).toEqual(['HTTP_STATUS', 'ROBOTS_DISALLOWED']); // a 404, robots.txt
    expect(persisted.filter((r) => r.kind === 'seen').length).toBeGreaterThanOrEqual(3);
    expect(persisted.find((r) => r.kind === 'source')).toMatchObject({ name: 'local', etag: '"f1"' });

    // Second poll: the feed answers 304, nothing is fetched or emitted again.
    const before = server.requests.length;
    expect(await poll(source({ url: `${server.origin}/feed.xml` }))).toBe(0);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/feed.xml']);
    await http.close();
  });

  it('restarted from its state records, emits nothing twice', async () => {
    const records: FetchStateRecord[] = [];
    const first = setup(new FetchState({ persist: async (r) => void records.push(...r) }));
    await first.poll(source({ url: `${server.origin}/feed.xml`, name: 'restart' }));
    await first.http.close();
    const restored = new FetchState();
    records.forEach((record) => restored.apply(record));
    const second = setup(restored);
    // Even without the feed's validators (a new source name would lose them), seen articles stay seen.
    await second.poll(source({ url: `${server.origin}/feed.xml`, name: 'restart-copy' }));
    expect(second.emitted).toEqual([]);
    await second.http.close();
  });

  it('reads the whole feed again after an item failed, instead of trusting a 304', async () => {
    const { http, emitted, errors, poll } = setup();
    expect(await poll(source({ url: `${server.origin}/feed2.xml`, name: 'flaky' }))).toBe(1);
    expect(errors).toEqual(['HTTP_STATUS']);
    expect(await poll(source({ url: `${server.origin}/feed2.xml`, name: 'flaky' }))).toBe(1);
    expect(emitted.map((a) => a.url)).toEqual([`${server.origin}/ok`, `${server.origin}/flaky`]);
    // Everything handled: now the validators are kept and the next poll is a 304.
    const before = server.requests.length;
    expect(await poll(source({ url: `${server.origin}/feed2.xml`, name: 'flaky' }))).toBe(0);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/feed2.xml']);
    await http.close();
  });

  it('refuses an XXE feed with a counted reason, and goes on', async () => {
    const { http, errors, poll } = setup();
    expect(await poll(source({ url: `${server.origin}/xxe.xml` }))).toBe(0);
    expect(errors).toEqual(['SOURCE_FAILED']);
    await http.close();
  });

  it('refuses a private address when the source does not allow it', async () => {
    const { http, errors, poll } = setup();
    expect(await poll(source({ url: `${server.origin}/feed.xml`, allowPrivate: false }))).toBe(0);
    expect(errors).toEqual(['PRIVATE_ADDRESS']);
    await http.close();
  });

  it('follows a sitemap index to its news sitemap', async () => {
    const { http, emitted, poll } = setup();
    await poll(source({ type: 'sitemap', url: `${server.origin}/sitemap-index.xml` }));
    expect(emitted.map((a) => a.url)).toEqual([`${server.origin}/a1`, `${server.origin}/s1`]);
    await http.close();
  });

  it('decides the type of an `auto` source from its content', async () => {
    const { http, emitted, poll } = setup();
    await poll(source({ type: 'auto', url: `${server.origin}/news.xml` }));
    await poll(source({ type: 'auto', url: `${server.origin}/s1`, name: 'page' }));
    expect(emitted.map((a) => a.url)).toEqual([`${server.origin}/a1`, `${server.origin}/s1`]);
    await http.close();
  });

  it("waits the host's Crawl-delay between two requests", async () => {
    const { http, poll } = setup();
    await Promise.all([
      poll(source({ type: 'page', url: `${slow.origin}/p1` })),
      poll(source({ type: 'page', url: `${slow.origin}/p2`, name: 'b' })),
    ]);
    const times = slow.requests.filter((r) => r.path.startsWith('/p')).map((r) => r.at);
    expect(times).toHaveLength(2);
    expect(Math.abs(times[1]! - times[0]!)).toBeGreaterThanOrEqual(950);
    await http.close();
  });
});

describe('Fetcher on a watched folder', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'fetcher-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads .txt, .html and .jsonl once, picks up new files, waits for files still being written, reports bad input', async () => {
    const old = new Date(Date.now() - 60_000);
    const write = async (name: string, content: string | Buffer, settled = true) => {
      await writeFile(join(folder, name), content);
      if (settled) await utimes(join(folder, name), old, old);
    };
    await write('a.txt', 'عنوان\nنص المقال');
    await write('b.html', '<html><body><p>نص</p></body></html>');
    await write('c.pdf', 'ignored');
    await write('d.txt', WIN1256); // windows-1256 bytes are not UTF-8
    await write(
      'e.jsonl',
      `${JSON.stringify({ url: 'https://n.example/j1?utm_source=x', contentType: 'text/plain', body: 'نص أول' })}\n{bad json\n${JSON.stringify({ contentType: 'text/plain', body: 'نص ثان' })}\n`,
    );
    const http = new HttpClient({ userAgent: 'x' });
    const errors: string[] = [];
    const fetcher = new Fetcher({
      log,
      http,
      politeness: new Politeness({ http, userAgent: 'x', concurrency: 1, minDelayMs: 0 }),
      onError: (_, r) => errors.push(r),
      folderSettleMs: 500,
    });
    const emitted: RawArticle[] = [];
    const folderSource: Source = { name: 'inbox', type: 'folder', path: folder, allowPrivate: false };
    const poll = () => fetcher.pollSource(folderSource, async (a) => void emitted.push(a));

    expect(await poll()).toBe(4);
    expect(emitted.map((a) => a.contentType)).toEqual(['text/plain', 'text/html', 'text/plain', 'text/plain']);
    expect(emitted[2]!.url).toBe('https://n.example/j1');
    expect(errors.sort()).toEqual(['BAD_JSONL_LINE', 'NOT_UTF8']);

    await write('f.txt', 'مقال جديد قيد الكتابة', false); // just written: not read yet
    expect(await poll()).toBe(0);
    await utimes(join(folder, 'f.txt'), old, old);
    expect(await poll()).toBe(1);
    expect(await poll()).toBe(0);
    await http.close();
  });

  it('keeps remembering the articles of files still in the folder, and forgets those of removed files', async () => {
    const sub = await mkdtemp(join(folder, 'window-'));
    const old = new Date(Date.now() - 60_000);
    for (const name of ['kept.txt', 'removed.txt']) {
      await writeFile(join(sub, name), `عنوان ${name}\nنص المقال`);
      await utimes(join(sub, name), old, old);
    }
    let now = Date.now();
    const written: string[] = [];
    const state = new FetchState({
      persist: async (r) => void written.push(...r.map((x) => (x.kind === 'seen' ? x.id : x.name))),
      now: () => now,
    });
    const http = new HttpClient({ userAgent: 'x' });
    const fetcher = new Fetcher({ log, http, politeness: new Politeness({ http, userAgent: 'x', concurrency: 1, minDelayMs: 0 }), state });
    const emitted: RawArticle[] = [];
    const poll = () => fetcher.pollSource({ name: 'w', type: 'folder', path: sub, allowPrivate: false }, async (a) => void emitted.push(a));

    expect(await poll()).toBe(2);
    const [kept, removed] = emitted.map((a) => a.id) as [string, string];
    await rm(join(sub, 'removed.txt'));
    now += 100 * 86_400_000; // past half the 180-day window: the file still there is remembered again
    written.length = 0;
    expect(await poll()).toBe(0);
    expect(written).toContain(kept);
    now += 100 * 86_400_000; // day 200: the removed file's article is forgotten, the other one is not
    expect(await poll()).toBe(0);
    expect([state.hasSeen(kept), state.hasSeen(removed)]).toEqual([true, false]);
    await http.close();
  });
});
