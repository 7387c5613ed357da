import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CleanArticle } from '@arabic-news/shared';
import { DedupIndex } from './dedup-index.js';
import {
  createDedup,
  createDedupIndex,
  decideDuplicate,
  DEFAULT_THRESHOLDS,
  fingerprint,
  fromStateMessage,
  toStateMessage,
} from './dedup.js';
import { estimateJaccard, LEAD_SHINGLES, matchingWords, shingleHashes, signature } from './minhash.js';
import { wordWeight } from './weighted.js';

const seed = (name: string) => readFileSync(new URL(`../../../tests/fixtures/seeds/${name}`, import.meta.url), 'utf8');
const S000 = seed('000_08afa464b8311bb1.txt');
const S001 = seed('001_115f144be502b13d.txt');
const S002 = seed('002_195d63a88f2e261d.txt');
const S003 = seed('003_f49e60b28f7af812.txt');
const S004 = seed('004_f118cac7954edc78.txt');
const paragraphs = (text: string) => text.split('\n').filter((line) => line.trim());

let n = 0;
function article(text: string, url?: string): CleanArticle {
  n += 1;
  const time = '2024-01-01T00:00:00.000Z';
  return { schemaVersion: 1, id: n.toString(16).padStart(16, '0'), url, source: 's', title: 't', text, fetchedAt: time, cleanedAt: time };
}

const index = () => createDedupIndex({ windowDays: 30 });
const story = 'قال الرئيس الصيني شي جين بينغ إن العلاقات مع روسيا في أفضل حالاتها.';

describe('duplicate or not: a table of pairs', () => {
  it.each([
    ['identical text', story, story, 'same-text'],
    [
      'tashkeel, hamza, ta marbuta and alef maksura variants',
      story,
      'قالَ الرئيس الصينى شي جين بينغ ان العلاقات مع روسيا فى افضل حالاتها',
      'same-text',
    ],
    ['other punctuation and spacing', story, `${story.replace(/\.$/, '')}  !`, 'same-text'],
    [
      'agency copy with a site header and footer added',
      S003,
      `موقع الأخبار الدولية\n${S003}\nاقرأ المزيد على موقعنا وتابعنا على تويتر`,
      'near-duplicate',
    ],
    [
      'a sentence edited',
      S003,
      S003.replace('الوقوف إلى جانب بعضهما البعض بشكل أوثق', 'التعاون بشكل أوثق في كل المجالات'),
      'near-duplicate',
    ],
    ['paragraphs reordered', S003, [...paragraphs(S003)].reverse().join('\n'), 'near-duplicate'],
    [
      'trimmed to its first half',
      S003,
      paragraphs(S003)
        .slice(0, Math.ceil(paragraphs(S003).length / 2))
        .join('\n'),
      'near-duplicate',
    ],
    ['a fuller version: the story told again with as much again after it', paragraphs(S003).slice(0, 5).join('\n'), S003, 'near-duplicate'],
    ['a digest that carries the whole first story after another one', S003, `${S002}\n${S003}`, null],
    ['a different story on the same subject', story, 'قال الرئيس الروسي فلاديمير بوتين إن العلاقات مع الصين في أفضل حالاتها.', null],
    ['seeds 000 and 004: same treaty, different stories', S000, S004, null],
    ['seeds 001 and 002: same leaders, different calls', S001, S002, null],
    ['same dateline, different story', S003, `بكين 2 ديسمبر 2019 (شينخوا) ${S002}`, null],
    ['a different story quoting two paragraphs of the first', S000, `${S001}\n${paragraphs(S000).slice(1, 3).join('\n')}`, null],
  ])('%s', (_, first, second, reason) => {
    const dedup = index();
    const a = article(first);
    expect(decideDuplicate(a, dedup).kind).toBe('unique');
    const decision = decideDuplicate(article(second), dedup);
    if (reason === null) expect(decision.kind).toBe('unique');
    else expect(decision).toMatchObject({ kind: 'duplicate', article: { duplicateOf: a.id, reason } });
  });

  it('catches the same canonical URL despite tracking parameters, even with edited text', () => {
    const dedup = index();
    const a = article(story, 'https://news.example/a?id=1&utm_source=x');
    decideDuplicate(a, dedup);
    const decision = decideDuplicate(article(`${S002}`, 'https://news.example/a?id=1#top'), dedup);
    expect(decision).toMatchObject({ kind: 'duplicate', article: { duplicateOf: a.id, reason: 'same-url', similarity: 1 } });
  });

  it('points every copy at the first article of the story', () => {
    const dedup = index();
    const first = article(S003);
    decideDuplicate(first, dedup);
    decideDuplicate(article(`${S003}\nتابعونا`), dedup);
    const third = decideDuplicate(article(`موقع\n${S003}`), dedup);
    expect(third).toMatchObject({ kind: 'duplicate', article: { duplicateOf: first.id } });
  });
});

describe('rewrites: fewer shingles in common, the same rare words, another source, near in time', () => {
  const day = 24 * 3600 * 1000;
  const t = Date.parse('2024-05-01T00:00:00Z');
  // Another outlet's rewrite: a common word put in after every sixth word breaks half the 3-word shingles.
  const rewrite = (text: string) =>
    text
      .split(' ')
      .map((word, i) => (i % 6 === 5 ? `${word} قد` : word))
      .join(' ');
  const at = (text: string, source: string, publishedAt: number): CleanArticle => ({
    ...article(text),
    source,
    publishedAt: new Date(publishedAt).toISOString(),
  });

  it('takes a rewrite by another source within two days as the same story', () => {
    const dedup = index();
    const first = at(S003, 'a', t);
    decideDuplicate(first, dedup, t);
    const decision = decideDuplicate(at(rewrite(S003), 'b', t + day), dedup, t + day);
    expect(decision).toMatchObject({ kind: 'duplicate', article: { duplicateOf: first.id, reason: 'rewrite' } });
    if (decision.kind === 'duplicate') {
      expect(decision.match.similarity).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.rewriteJaccard);
      expect(decision.match.similarity).toBeLessThan(DEFAULT_THRESHOLDS.jaccard);
    }
  });

  it("remembers the rewrite as a member of the story: a copy of the rewrite's wording points at the first article", () => {
    const dedup = index();
    const first = at(S003, 'a', t);
    decideDuplicate(first, dedup, t);
    const rewritten = decideDuplicate(at(rewrite(S003), 'b', t), dedup, t);
    expect(rewritten).toMatchObject({ kind: 'duplicate', remembered: { storyOf: first.id } });
    const copy = decideDuplicate(at(`${rewrite(S003)}\nتابعونا`, 'c', t), dedup, t);
    expect(copy).toMatchObject({ kind: 'duplicate', article: { duplicateOf: first.id, reason: 'near-duplicate' } });
  });

  it.each([
    ['the same source (its own stories on one template)', 'a', 0],
    ['published five days later', 'b', 5 * day],
  ])('keeps it apart when %s', (_, source, later) => {
    const dedup = index();
    decideDuplicate(at(S003, 'a', t), dedup, t);
    expect(decideDuplicate(at(rewrite(S003), source, t + later), dedup, t + later).kind).toBe('unique');
  });

  it('keeps it apart when the rare words differ (another story on the same template)', () => {
    // The same text with its 60 rarest words (of 252: the names, places, figures) replaced by others.
    const words = matchingWords(S003);
    const rare = new Set([...new Set(words)].sort((x, y) => wordWeight(y) - wordWeight(x)).slice(0, 60));
    const template = words.map((word) => (rare.has(word) ? [...word].reverse().join('') : word)).join(' ');
    const dedup = index();
    decideDuplicate(at(S003, 'a', t), dedup, t);
    const decision = decideDuplicate(at(template, 'b', t), dedup, t);
    expect(decision.kind).toBe('unique');
    // It is in the band where the rule looks (Jaccard 0.3-0.5): the weighted similarity decided.
    const jaccard = estimateJaccard(signature(shingleHashes(S003)), signature(shingleHashes(template)));
    expect(jaccard).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.rewriteJaccard);
    expect(jaccard).toBeLessThan(DEFAULT_THRESHOLDS.jaccard);
  });

  it('can be turned off', () => {
    const dedup = createDedupIndex({ windowDays: 30, rewriteWeighted: false });
    decideDuplicate(at(S003, 'a', t), dedup, t);
    expect(decideDuplicate(at(rewrite(S003), 'b', t), dedup, t).kind).toBe('unique');
  });

  it('is not applied to an article remembered from a state record without its sketch', () => {
    const { weighted: _, ...old } = toStateMessage(fingerprint(at(S003, 'a', t), t));
    const dedup = index();
    dedup.remember(fromStateMessage(old));
    expect(decideDuplicate(at(rewrite(S003), 'b', t), dedup, t).kind).toBe('unique');
  });
});

describe('state written before openings were remembered', () => {
  it('matches as before: a record without its opening still catches what contains it', () => {
    const t = Date.parse('2024-05-01T00:00:00Z');
    const { lead: _, ...old } = toStateMessage(fingerprint(article(S003), t));
    const dedup = index();
    dedup.remember(fromStateMessage(old));
    expect(decideDuplicate(article(`${S002}\n${S003}`), dedup, t).kind).toBe('duplicate');
  });
});

describe('memory', () => {
  it('treats the same article id seen again as a replay, not a duplicate of itself', () => {
    const dedup = index();
    const a = article(story);
    decideDuplicate(a, dedup);
    expect(decideDuplicate(a, dedup).kind).toBe('replay');
  });

  it('forgets articles older than the window, and evicts them', () => {
    const day = 24 * 3600 * 1000;
    const dedup = new DedupIndex(30 * day, DEFAULT_THRESHOLDS);
    const t0 = Date.parse('2024-01-01T00:00:00Z');
    decideDuplicate(article(S003), dedup, t0);
    decideDuplicate(article(S001), dedup, t0 + 20 * day);
    expect(decideDuplicate(article(S003), dedup, t0 + 29 * day).kind).toBe('duplicate');
    expect(decideDuplicate(article(`${S003}\nتحديث`), dedup, t0 + 31 * day).kind).toBe('unique');
    expect(dedup.size).toBe(3);
    expect(dedup.evictExpired(t0 + 31 * day)).toBe(1);
    expect(dedup.size).toBe(2);
    // What is left still matches.
    expect(decideDuplicate(article(S001), dedup, t0 + 31 * day).kind).toBe('duplicate');
  });

  it('round-trips a remembered article through its state message', () => {
    const remembered = fingerprint(article(S004, 'https://news.example/x'), Date.parse('2024-05-01T00:00:00Z'));
    const restored = fromStateMessage(toStateMessage(remembered));
    // The opening is remembered by its first LEAD_SHINGLES shingles.
    expect(restored).toEqual({ ...remembered, lead: remembered.lead.slice(0, LEAD_SHINGLES) });
    const dedup = index();
    dedup.remember(restored);
    expect(decideDuplicate(article(`${S004}\nمشاركة`), dedup, Date.parse('2024-05-02T00:00:00Z'))).toMatchObject({
      kind: 'duplicate',
      article: { duplicateOf: remembered.id },
    });
  });
});

describe('the dedup stage', () => {
  it('emits the first copy with its state record, later copies as duplicates, replays as drops', async () => {
    const stage = createDedup({ index: index() });
    const a = article(S003);
    const first = await stage.step(a, { log: undefined as never });
    expect(first).toMatchObject({
      kind: 'ok',
      outputs: [
        { topic: 'unique', key: a.id },
        { topic: 'dedupState', key: a.id },
      ],
    });
    const copy = article(`${S003}\nتابعونا`);
    expect(await stage.step(copy, { log: undefined as never })).toMatchObject({
      kind: 'ok',
      outputs: [{ topic: 'duplicates', value: { duplicateOf: a.id } }],
    });
    expect(await stage.step(a, { log: undefined as never })).toMatchObject({ kind: 'drop' });
  });
});
