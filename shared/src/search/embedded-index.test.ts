import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../contracts.js';
import { EmbeddedIndex } from './embedded-index.js';

function doc(id: string, text: string): ArticleDocument {
  const time = '2024-01-01T00:00:00.000Z';
  return {
    id,
    source: 'seeds',
    title: `عنوان ${id}`,
    text,
    fetchedAt: time,
    indexedAt: time,
    language: 'ar',
    direction: 'rtl',
    people: [],
    places: [],
    organizations: [],
    keywords: [],
    mentionedDates: [],
    wordCount: 3,
    readingTimeMinutes: 1,
    contentHash: id,
  };
}

describe('EmbeddedIndex', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-index-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps one document per id through many updates, copies recorded once each, and survives a reopen', async () => {
    const index = new EmbeddedIndex({ dataDir, alias: 'a' });
    await index.ensureReady();
    const id = '00000000000000aa';
    const copies = Array.from({ length: 40 }, (_, i) => ({
      op: 'add-copy' as const,
      id,
      copy: { id: i.toString(16).padStart(16, '0'), source: `site-${i}`, title: 'نسخة', similarity: 0.9 },
    }));
    // A copy before its original (a stub), the original, the other copies, a replayed copy, a re-upsert.
    await index.apply([
      copies[0]!,
      { op: 'upsert', document: doc(id, 'قال الرئيس الصيني إن العلاقات قوية') },
      ...copies.slice(1),
      copies[5]!,
    ]);
    await index.apply([{ op: 'upsert', document: doc(id, 'قال الرئيس الصيني إن العلاقات قوية جدا') }]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // room for any background work to fail
    const hits = await index.search('الصينية');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.alsoPublishedBy).toEqual(copies.map((c) => c.copy.source));
    expect(hits[0]!.snippet).toContain('جدا');
    await index.close();

    const reopened = new EmbeddedIndex({ dataDir, alias: 'a' });
    await reopened.ensureReady();
    expect(await reopened.count()).toBe(1);
    expect((await reopened.search('العلاقات'))[0]!.alsoPublishedBy).toHaveLength(40);
  });

  it('takes many rounds of updates to many documents', async () => {
    const index = new EmbeddedIndex({ dataDir, alias: 'b' });
    await index.ensureReady();
    const ids = Array.from({ length: 300 }, (_, i) => (i + 1).toString(16).padStart(16, '0'));
    await index.apply(ids.map((id, i) => ({ op: 'upsert', document: doc(id, `خبر رقم ${i} عن الصين وروسيا والتعاون بين البلدين`) })));
    for (let round = 0; round < 20; round += 1) {
      await index.apply(
        ids.map((id) => ({
          op: 'add-copy',
          id,
          copy: { id: `c${round}`.padStart(16, '0'), source: `s${round}`, title: 't', similarity: 0.9 },
        })),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await index.count()).toBe(300);
    expect((await index.search('الصين', { size: 1 }))[0]!.alsoPublishedBy).toHaveLength(20);
    await index.close();
  });
});
