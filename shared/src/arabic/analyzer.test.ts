import { describe, expect, it } from 'vitest';
import { analyzeArabic, asciiDigits, normalizeArabic, normalizeForMatching, stemArabic } from './analyzer.js';
import { findArabicDate } from './dates.js';

describe('normalizeArabic (Lucene ArabicNormalizer)', () => {
  it.each([
    ['أحمد', 'احمد', 'hamza above → alef'],
    ['إسلام', 'اسلام', 'hamza below → alef'],
    ['آسيا', 'اسيا', 'madda → alef'],
    ['مستشفى', 'مستشفي', 'alef maksura → yeh'],
    ['مدرسة', 'مدرسه', 'teh marbuta → heh'],
    ['مُحَمَّد', 'محمد', 'harakat removed'],
    ['العـــربية', 'العربيه', 'tatweel removed'],
  ])('%s → %s (%s)', (input, expected) => expect(normalizeArabic(input)).toBe(expected));
});

describe('stemArabic (Lucene ArabicStemmer)', () => {
  it.each([
    ['الصينيه', 'صين'],
    ['والصين', 'صين'],
    ['بالمدرسه', 'مدرس'],
    ['للطلاب', 'طلاب'],
    ['وبكين', 'بك'],
    ['ولد', 'ولد'], // و is a prefix only when three letters remain
    ['كتابان', 'كتاب'],
    ['معلمون', 'معلم'],
  ])('%s → %s', (input, expected) => expect(stemArabic(input)).toBe(expected));
});

describe('analyzeArabic', () => {
  it('drops stop words, lowercases Latin, and makes digits ASCII', () => {
    expect(analyzeArabic('قال الرئيس في بكين ٢٠٢٢ ABC')).toEqual(['قال', 'رئيس', 'بك', '2022', 'abc']);
  });

  it('gives «الصينية» and «الصين» the same term', () => {
    expect(analyzeArabic('الصينية')).toEqual(analyzeArabic('والصين'));
  });
});

describe('asciiDigits', () => {
  it('converts Arabic-Indic, extended Arabic-Indic and other decimal digits', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ १२३')).toBe('0123456789 0123456789 123');
  });
});

describe('normalizeForMatching', () => {
  it('ignores tashkeel, letter variants, punctuation and spacing but keeps the words', () => {
    expect(normalizeForMatching('قالَ  الرئيسُ: «أهلاً»!')).toBe(normalizeForMatching('قال الرئيس اهلا'));
    expect(normalizeForMatching('قال الرئيس')).not.toBe(normalizeForMatching('قال الوزير'));
  });
});

describe('findArabicDate', () => {
  it.each([
    ['بكين 2 ديسمبر 2019 (شينخوا)', '2019-12-02'],
    ['دمشق ١٥ تشرين الأول ٢٠٢٠', '2020-10-15'],
    ['في 23 آذار/مارس 2021', '2021-03-23'],
    ['3 شباط 2022', '2022-02-03'],
  ])('%s → %s', (text, iso) => expect(findArabicDate(text)?.iso).toBe(iso));

  it('rejects impossible dates', () => expect(findArabicDate('31 فبراير 2021')).toBeUndefined());
  it('ignores numeric dates, even with the words around them («بتاريخ»)', () =>
    expect(findArabicDate('نشر بتاريخ 23/03/2021 يوم 4/22/2021')).toBeUndefined());
});
