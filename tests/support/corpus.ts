/**
 * Reads the SaudiNewsNet corpus in ../shared/data (zips of one JSON array each) with node:zlib only: the
 * central directory gives each entry's compressed size and offset, the data is raw deflate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { toRawArticle, type RawArticle } from '@arabic-news/shared';

export const SAUDI_NEWS_DIR = fileURLToPath(new URL('../../../shared/data/news/saudinewsnet/', import.meta.url));

export interface CorpusArticle {
  source: string;
  url: string;
  date_extracted: string;
  title: string;
  author: string;
  content: string;
}

function unzipEntries(zip: Buffer): Buffer[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(eocd + 10);
  let cursor = zip.readUInt32LE(eocd + 16);
  const files: Buffer[] = [];
  for (let i = 0; i < entries; i += 1) {
    const method = zip.readUInt16LE(cursor + 10);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const localOffset = zip.readUInt32LE(cursor + 42);
    const name = zip.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.push(method === 0 ? data : inflateRawSync(data));
  }
  return files;
}

/** The articles of one day file (`2015-07-21.zip`…), or of all of them in date order. */
export function readSaudiNews(limitFiles = Infinity): CorpusArticle[] {
  const zips = readdirSync(SAUDI_NEWS_DIR)
    .filter((name) => name.endsWith('.zip'))
    .sort()
    .slice(0, limitFiles);
  return zips.flatMap((name) =>
    unzipEntries(readFileSync(join(SAUDI_NEWS_DIR, name))).flatMap((json) => JSON.parse(json.toString('utf8')) as CorpusArticle[]),
  );
}

/** The first `limit` articles with more than 200 characters of content, as text/plain raw messages. */
export function saudiRawArticles(limit: number): RawArticle[] {
  return readSaudiNews()
    .filter((a) => a.content.trim().length > 200)
    .slice(0, limit)
    .map((a) =>
      toRawArticle({ url: a.url, source: a.source, contentType: 'text/plain', body: `${a.title}\n${a.content}` }, { source: a.source }),
    );
}
