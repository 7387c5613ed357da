import { describe, expect, it } from 'vitest';
import { buildClusters } from './clusters.js';
import { bareWord, Tagger, toStored, train, view, type Tag, type WordClusters } from './perceptron.js';

const PEOPLE = ['أحمد', 'خالد', 'سمير', 'نبيل', 'كريم', 'طارق', 'ماجد', 'سليم', 'رامي', 'فادي', 'حسام', 'وليد'];
const PLACES = ['دمشق', 'بغداد', 'عمان', 'القاهرة', 'تونس', 'الرباط', 'صنعاء', 'الدوحة', 'مسقط', 'بيروت', 'طرابلس', 'الخرطوم'];
const PATTERNS = [
  (p: string, l: string) => `قال الرئيس ${p} في مؤتمر صحفي عقده في ${l} يوم الأحد .`,
  (p: string, l: string) => `وصل الوزير ${p} إلى ${l} مساء أمس في زيارة رسمية .`,
  (p: string, l: string) => `أكد السفير ${p} أن العلاقات مع ${l} متينة .`,
];

function corpus(): string[] {
  const texts: string[] = [];
  let state = 3;
  const pick = <T>(list: T[]) => list[Math.floor(((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * list.length)]!;
  for (let i = 0; i < 600; i += 1) texts.push(pick(PATTERNS)(pick(PEOPLE), pick(PLACES)));
  return texts;
}

describe('word clusters', () => {
  const clusters = buildClusters(
    corpus,
    { source: 'test sentences', licence: 'test' },
    {
      minCount: 3,
      contextWords: 60,
      dimensions: 8,
      sizes: [2, 4, 6],
    },
  );
  const finest = (word: string) => clusters.words[bareWord(word)]![2]!;

  it('puts words used in the same contexts together, and apart from words used elsewhere', () => {
    const people = new Set(PEOPLE.map(finest));
    const places = new Set(PLACES.map(finest));
    expect(people.size).toBe(1);
    expect(places.size).toBe(1);
    expect([...people][0]).not.toBe([...places][0]);
  });

  it('keys words by their bare form, and records where they came from', () => {
    expect(Object.keys(clusters.words)).toContain('قاهره'); // «القاهرة»: normalised, article removed
    expect(clusters.meta).toMatchObject({ source: 'test sentences', licence: 'test' });
    expect(clusters.meta.tokens).toBeGreaterThan(600 * 8);
  });

  it('refuses a text too small for the clusters asked for', () => {
    expect(() => buildClusters(() => ['كلمة واحدة فقط'], { source: 's', licence: 'l' }, { minCount: 1 })).toThrow(/too little text/);
  });
});

describe('the tagger with word clusters', () => {
  // «ثم X غادر»: a name or a thing, told apart by nothing but X's cluster (1: names, 2: things).
  const names = ['زيد', 'عمرو', 'بكر', 'هشام'];
  const things = ['قطار', 'موكب', 'سرب', 'طقس'];
  const clusterOf = (assign: Record<string, number>): WordClusters => ({
    sizes: [4, 4, 4],
    words: Object.fromEntries(Object.entries(assign).map(([word, c]) => [bareWord(word), [c, c, c]])),
    meta: { source: 'test', tokens: 0, licence: 'test' },
  });
  const assign = Object.fromEntries([...names.map((w) => [w, 1]), ...things.map((w) => [w, 2]), ['جابر', 1], ['مطر', 2]]);
  const sentences = [...names, ...things].map((word) => ({
    words: ['ثم', word, 'غادر'],
    tags: ['O', names.includes(word) ? 'B-PERS' : 'O', 'O'] as Tag[],
  }));

  function trained(clusters: WordClusters): Tagger {
    let seed = 5;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const data = sentences.map((s) => ({ tokens: view(s.words, clusters.words), tags: s.tags, gaz: [], lex: [] }));
    const weights = train(data, 5, random);
    return new Tagger(
      toStored({ weights, lexicon: {}, common: [], clusters, meta: { trainedOn: 'test', epochs: 5, features: 0, licence: 'test' } }),
    );
  }

  it('tags a word it never saw by its cluster', () => {
    const tagger = trained(clusterOf(assign));
    expect(tagger.tag(['ثم', 'جابر', 'غادر'])[1]).toBe('B-PERS');
    expect(tagger.tag(['ثم', 'مطر', 'غادر'])[1]).toBe('O');
    // The same unseen words with their clusters swapped: the cluster, not the word, decided.
    const swapped = trained(clusterOf({ ...assign, جابر: 2, مطر: 1 }));
    expect(swapped.tag(['ثم', 'جابر', 'غادر'])[1]).toBe('O');
    expect(swapped.tag(['ثم', 'مطر', 'غادر'])[1]).toBe('B-PERS');
  });

  it('refuses clusters of another number of levels', () => {
    const stored = toStored({ weights: {}, lexicon: {}, common: [], meta: { trainedOn: 't', epochs: 0, features: 0, licence: 't' } });
    expect(() => new Tagger({ ...stored, clusters: { ...clusterOf({}), sizes: [4, 4] } })).toThrow(/2 levels/);
  });
});
