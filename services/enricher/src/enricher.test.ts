import { describe, expect, it } from 'vitest';
import type { UniqueArticle } from '@arabic-news/shared';
import { enrichArticle, loadDefaultGazetteer } from './enricher.js';
import { detectLanguage } from '@arabic-news/shared';

const gazetteer = loadDefaultGazetteer();
const names = (text: string) => gazetteer.find(text).map((m) => `${m.type}:${m.name}:${m.surface}`);

describe('gazetteer through clitics and spelling variants', () => {
  it.each([
    ['وبوتين', 'people:فلاديمير بوتين:وبوتين'],
    ['لبكين', 'places:بكين:لبكين'],
    ['والصين', 'places:الصين:والصين'],
    ['للصين', 'places:الصين:للصين'],
    ['بالأمم المتحدة', 'organizations:الأمم المتحدة:بالأمم المتحدة'],
    ['شي جين بينج', 'people:شي جين بينغ:شي جين بينج'],
    ['بيجين', 'places:بكين:بيجين'],
    ['الحزب الشيوعى الصينى', 'organizations:الحزب الشيوعي الصيني:الحزب الشيوعى الصينى'],
  ])('%s', (text, expected) => expect(names(`قال ${text} اليوم`)).toEqual([expected]));

  it('prefers the longest name at a position', () => {
    expect(names('التقى فلاديمير بوتين')).toEqual(['people:فلاديمير بوتين:فلاديمير بوتين']);
  });

  it('does not tag a word that only contains a name', () => {
    expect(names('الصينيون والروسيات')).toEqual([]);
  });
});

describe('enrichArticle', () => {
  it('adds language, direction, entities with mentions and surfaces, and word count', () => {
    const article: UniqueArticle = {
      schemaVersion: 1,
      id: '0123456789abcdef',
      source: 's',
      title: 'بوتين في بكين',
      text: 'وصل فلاديمير بوتين إلى بيجين والتقى شي جين بينغ.',
      fetchedAt: '2024-01-01T00:00:00.000Z',
      cleanedAt: '2024-01-01T00:00:00.000Z',
      contentHash: '0123456789abcdef',
    };
    const enriched = enrichArticle(article, gazetteer);
    expect(enriched).toMatchObject({ language: 'ar', direction: 'rtl', wordCount: 9 });
    expect(enriched.entities.people).toEqual([
      { name: 'فلاديمير بوتين', mentions: 2, surfaces: ['بوتين', 'فلاديمير بوتين'] },
      { name: 'شي جين بينغ', mentions: 1, surfaces: ['شي جين بينغ'] },
    ]);
    expect(enriched.entities.places).toEqual([{ name: 'بكين', mentions: 2, surfaces: ['بكين', 'بيجين'] }]);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['قال الرئيس إن العلاقات قوية', 'ar', 'rtl'],
    ['The president said relations are strong and the talks went on', 'en', 'ltr'],
    ['این یک متن فارسی است که گفتگو و کشور را دارد', 'fa', 'rtl'],
    ['12345 !!!', 'und', 'ltr'],
  ])('%s → %s', (text, language, direction) => expect(detectLanguage(text)).toMatchObject({ language, direction }));
});
