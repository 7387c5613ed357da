import { describe, expect, it } from 'vitest';
import type { CleanArticle } from '@arabic-news/shared';
import { decideDuplicate, MemoryDedupStore } from './dedup.js';

let n = 0;
function article(text: string, url?: string): CleanArticle {
  n += 1;
  return {
    schemaVersion: 1,
    id: n.toString(16).padStart(16, '0'),
    url,
    source: 's',
    title: 't',
    text,
    fetchedAt: '2024-01-01T00:00:00.000Z',
    cleanedAt: '2024-01-01T00:00:00.000Z',
  };
}

const story = 'قال الرئيس الصيني شي جين بينغ إن العلاقات مع روسيا في أفضل حالاتها.';

describe('decideDuplicate', () => {
  it.each([
    ['identical text', story, story, true],
    [
      'same text with tashkeel, hamza and ta marbuta variants',
      story,
      'قالَ الرئيس الصينى شي جين بينغ ان العلاقات مع روسيا فى افضل حالاتها',
      true,
    ],
    ['same text with other punctuation and spacing', story, `${story.replace(/\.$/, '')}  !`, true],
    ['one word changed', story, story.replace('أفضل', 'أسوأ'), false],
    ['a different story on the same subject', story, 'قال الرئيس الروسي فلاديمير بوتين إن العلاقات مع الصين في أفضل حالاتها.', false],
  ])('%s → duplicate: %s', (_, first, second, duplicate) => {
    const store = new MemoryDedupStore();
    const a = article(first);
    expect(decideDuplicate(a, store).kind).toBe('unique');
    const decision = decideDuplicate(article(second), store);
    expect(decision.kind).toBe(duplicate ? 'duplicate' : 'unique');
    if (decision.kind === 'duplicate') expect(decision.article).toMatchObject({ duplicateOf: a.id, reason: 'same-text', similarity: 1 });
  });

  it('catches the same canonical URL despite tracking parameters, even with edited text', () => {
    const store = new MemoryDedupStore();
    const a = article(story, 'https://news.example/a?id=1&utm_source=x');
    decideDuplicate(a, store);
    const decision = decideDuplicate(article(`${story} تحديث`, 'https://news.example/a?id=1#top'), store);
    expect(decision).toMatchObject({ kind: 'duplicate', article: { duplicateOf: a.id, reason: 'same-url' } });
  });

  it('does not call a replayed article a duplicate of itself', () => {
    const store = new MemoryDedupStore();
    const a = article(story);
    decideDuplicate(a, store);
    expect(decideDuplicate(a, store).kind).toBe('unique');
  });
});
