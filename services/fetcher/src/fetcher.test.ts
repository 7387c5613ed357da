import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@arabic-news/shared';
import { parseFeed } from './feed.js';
import { Fetcher, type HttpGet } from './fetcher.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
  <item><title>الخبر الأول</title><link>https://news.example/a?id=1&amp;utm_source=rss</link><pubDate>Tue, 23 Mar 2021 10:00:00 GMT</pubDate></item>
  <item><title>الخبر الثاني</title><link>https://news.example/b</link></item></channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>
  <entry><title>خبر</title><link rel="alternate" href="https://news.example/c"/><published>2021-03-23T10:00:00Z</published></entry></feed>`;

const XXE = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
  <rss version="2.0"><channel><item><title>&xxe;</title><link>https://news.example/x</link></item></channel></rss>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 items, decoding entities in links', () => {
    expect(parseFeed(RSS)).toEqual([
      { url: 'https://news.example/a?id=1&utm_source=rss', title: 'الخبر الأول', publishedAt: '2021-03-23T10:00:00.000Z' },
      { url: 'https://news.example/b', title: 'الخبر الثاني', publishedAt: undefined },
    ]);
  });

  it('reads Atom entries', () => {
    expect(parseFeed(ATOM)).toEqual([{ url: 'https://news.example/c', title: 'خبر', publishedAt: '2021-03-23T10:00:00.000Z' }]);
  });

  it('refuses entity declarations: external entities and expansion bombs', () => {
    expect(() => parseFeed(XXE)).toThrow(/declares entities/);
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title><link>https://x.example/</link></item></channel></rss>`;
    expect(() => parseFeed(bomb)).toThrow(/declares entities/);
  });

  it('says why a document is not a feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(/not an RSS 2.0 or Atom feed/);
  });
});

describe('Fetcher', () => {
  let folder: string;
  const log = createLogger({ level: 'silent' });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'fetcher-'));
    await writeFile(join(folder, 'a.txt'), 'عنوان\nنص المقال');
    await writeFile(join(folder, 'b.html'), '<html><body><p>نص</p></body></html>');
    await writeFile(join(folder, 'c.pdf'), 'ignored');
    await writeFile(join(folder, 'd.txt'), Buffer.from([0xc7, 0xe1, 0xd5, 0xed, 0xe4])); // windows-1256, not UTF-8
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads .txt and .html files once, and reports a file that is not UTF-8', async () => {
    const errors: string[] = [];
    const fetcher = new Fetcher({
      log,
      http: async () => ({ status: 500, contentType: '', body: '' }),
      onError: (_, reason) => errors.push(reason),
    });
    const first = [];
    for await (const article of fetcher.poll(folder)) first.push(article);
    expect(first.map((a) => a.contentType)).toEqual(['text/plain', 'text/html']);
    expect(errors).toEqual(['file is not valid UTF-8']);
    const second = [];
    for await (const article of fetcher.poll(folder)) second.push(article);
    expect(second).toEqual([]);
  });

  it('fetches each feed item page with a canonical URL and goes on past a failing page', async () => {
    const http: HttpGet = async (url) =>
      url.endsWith('/feed')
        ? { status: 200, contentType: 'application/rss+xml', body: RSS }
        : url.includes('/b')
          ? { status: 503, contentType: 'text/html', body: '' }
          : { status: 200, contentType: 'text/html', body: '<html><body><p>نص</p></body></html>' };
    const errors: string[] = [];
    const fetcher = new Fetcher({ log, http, onError: (_, reason) => errors.push(reason) });
    const articles = [];
    for await (const article of fetcher.poll('https://news.example/feed')) articles.push(article);
    expect(articles.map((a) => a.url)).toEqual(['https://news.example/a?id=1']);
    expect(articles[0]).toMatchObject({ source: 'news.example', contentType: 'text/html' });
    expect(errors).toEqual(['article page failed: HTTP 503']);
  });
});
