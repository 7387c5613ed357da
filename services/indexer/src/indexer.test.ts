import { EnrichedArticleV1 } from '@arabic-news/shared';
import { describe, expect, it } from 'vitest';
import { toDocument } from './indexer.js';

const time = '2024-03-15T08:00:00.000Z';
const article = EnrichedArticleV1.parse({
  schemaVersion: 1,
  id: '0123456789abcdef',
  source: 'test',
  title: 'عنوان',
  text: 'في 1948 ثم بين 1936 - 1939 وعام 1948 مرة أخرى',
  fetchedAt: time,
  cleanedAt: time,
  contentHash: '0000000000000000',
  language: 'ar',
  languageConfidence: 1,
  direction: 'rtl',
  entities: { people: [], places: [{ name: 'القدس', mentions: 2, surfaces: ['القدس', 'بالقدس'] }], organizations: [] },
  dates: [
    { text: '1948', value: '1948', calendar: 'gregorian' },
    { text: 'بين 1936 - 1939', value: '1936', until: '1939', calendar: 'gregorian' },
    { text: 'عام 1948', value: '1948', calendar: 'gregorian' },
  ],
  keywords: [],
  wordCount: 12,
  readingTimeMinutes: 1,
  enrichedAt: time,
});

describe('toDocument', () => {
  it('indexes each mentioned date once, and a range by both its ends', () => {
    const document = toDocument(article, () => new Date(time));
    expect(document.mentionedDates).toEqual(['1948', '1936', '1939']);
    expect(document.places).toEqual(['القدس']);
    expect(document.indexedAt).toBe(time);
  });

  it('refuses a range end that is not an ISO day, month or year', () => {
    expect(() =>
      EnrichedArticleV1.parse({ ...article, dates: [{ text: 'x', value: '1936', until: '39', calendar: 'gregorian' }] }),
    ).toThrow();
  });
});
