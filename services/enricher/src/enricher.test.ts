import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UniqueArticle } from '@arabic-news/shared';
import { extractDates, hijriToGregorian, normalizeArabic } from '@arabic-news/shared';
import { enrichArticle, loadDefaultGazetteer, loadDefaultTagger, loadTagger, taggedMentions } from './enricher.js';
import { keywords } from './keywords.js';
import { Tagger } from './ner/perceptron.js';
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

  it('ends a name on a word, not on a tatweel standing alone', () => {
    expect(names('وقال الملك ـ في بيان بمناسبة زيارته لمصر ـ إن')).toEqual(['places:مصر:لمصر']);
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
    const enriched = enrichArticle(article, { gazetteer });
    expect(enriched).toMatchObject({ language: 'ar', direction: 'rtl', wordCount: 9, readingTimeMinutes: 1 });
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

describe('the trained tagger', () => {
  const tagger = loadDefaultTagger();
  it('finds people, places and organisations the gazetteer does not know', () => {
    const text = 'والتقى الملك عبدالله بن عبدالعزيز رئيس الوزراء البريطاني توني بلير في لندن، وقال إن جامعة الدول العربية ستجتمع.';
    const found = taggedMentions(text, tagger, gazetteer).map((m) => `${m.type}:${m.name}`);
    expect(found).toEqual(['people:عبدالله بن عبدالعزيز', 'people:توني بلير', 'places:لندن', 'organizations:جامعة الدول العربية']);
  });
});

describe('names of tagged spans', () => {
  // A model that tags the listed words as places (tag 3 = B-LOC; its word feature is the normalised word)
  // and knows how often words begin names.
  const places = ['فرنسا', 'فيصل', 'وليبيا', 'ليبيا', 'وتايوان', 'لمصر', 'والكويت', 'فريد', 'بجدة', 'جدة'];
  const tagger = new Tagger({
    weights: Object.fromEntries(places.map((w) => [`w=${normalizeArabic(w)}`, [3, 10]])),
    lexicon: {},
    common: [],
    firstWords: { فرنسا: 60, مصر: 50, الكويت: 12, والكويت: 3, ريد: 2, فريد: 1 },
    meta: { trainedOn: 'test', epochs: 1, features: 10, licence: 'test' },
  });
  const names = (text: string) => taggedMentions(text, tagger, gazetteer).map((m) => m.name);

  it("keeps a first letter that is the name's own", () => {
    // «رنسا», «يصل» begin no name; «ريد» does, more than «فريد», but «ف» before a name is rare.
    expect(names('زار فرنسا ثم فيصل ثم فريد .')).toEqual(['فرنسا', 'فيصل', 'فريد']);
  });

  it('drops the clitics that another name of the article or the training data shows', () => {
    // «ليبيا» is a name elsewhere in the article; «مصر» begins far more names than «لمصر»; «الكويت» is the
    // article after «و» and begins names more often.
    expect(names('زار ليبيا . ثم وليبيا لمصر والكويت .')).toEqual(['ليبيا', 'ليبيا', 'مصر', 'الكويت']);
    expect(names('وصل بجدة ثم جدة .')).toEqual(['جدة', 'جدة']);
  });

  /** A tagger that knows only `weights` (feature → [tag index, weight, …]). */
  const taggerOf = (weights: Record<string, number[]>) =>
    new Tagger({ weights, lexicon: {}, common: [], meta: { trainedOn: 'test', epochs: 1, features: 0, licence: 'test' } });
  const articleOf = (title: string, text: string): UniqueArticle => ({
    schemaVersion: 1,
    id: '0123456789abcdef',
    source: 's',
    title,
    text,
    fetchedAt: '2024-01-01T00:00:00.000Z',
    cleanedAt: '2024-01-01T00:00:00.000Z',
    contentHash: '0123456789abcdef',
  });

  it('drops tagged spans inside a phrase the gazetteer lists as not a name', () => {
    const orgs = taggerOf({ 'w=ريال': [5, 10], 'w=مدريد': [6, 10], 'w=حفظه': [5, 10], 'w=الله': [6, 10] });
    const article = articleOf('أرباح', 'وجه الملك - حفظه الله - بصرف 3 مليارات ريال لنادي ريال مدريد .');
    expect(taggedMentions(article.text, orgs, gazetteer).map((m) => m.name)).toEqual(['حفظه الله', 'ريال', 'ريال مدريد']);
    expect(enrichArticle(article, { gazetteer, tagger: orgs }).entities.organizations.map((e) => e.name)).toEqual(['ريال مدريد']);
  });

  it('drops a word tagged alone that is not a name there, and keeps the longer name it begins', () => {
    // The tagger as on SaudiNewsNet: «جامعة» alone as an organisation, «التوفيق» (a wish) and «رضا»
    // (satisfaction) alone as people.
    const tagger = taggerOf({ 'bare=جامعه': [5, 10], 'w=حائل': [6, 10], 'w=التوفيق': [1, 10], 'w=محمد': [1, 10], 'w=رضا': [1, 5, 2, 10] });
    const article = articleOf('محاضرة', 'ألقى محاضرة بجامعة حائل ثم في جامعة . نتمنى دوام التوفيق . قال محمد رضا إن رضا المرضى مهم .');
    const { organizations, people } = enrichArticle(article, { gazetteer, tagger }).entities;
    expect(taggedMentions(article.text, tagger, gazetteer).map((m) => m.surface)).toEqual([
      'بجامعة حائل',
      'جامعة',
      'التوفيق',
      'محمد رضا',
      'رضا',
    ]);
    expect(organizations.map((e) => e.surfaces)).toEqual([['بجامعة حائل']]);
    expect(people.map((e) => e.name)).toEqual(['محمد رضا']);
  });

  it('never lets a name run across a line break', () => {
    const tagger = taggerOf({ 'w=موبايلي': [5, 10], 'w=737221': [6, 10] });
    expect(taggedMentions('للاستفسار موبايلي 737221 .', tagger, gazetteer).map((m) => m.surface)).toEqual(['موبايلي 737221']);
    expect(taggedMentions('للاستفسار موبايلي\n737221 .', tagger, gazetteer).map((m) => m.surface)).toEqual(['موبايلي']);
  });

  it('leaves a name as written when nothing tells', () => {
    expect(names('زار وتايوان ثم بجدة .')).toEqual(['وتايوان', 'بجدة']);
  });
});

describe('dates', () => {
  it.each([
    ['بكين 2 ديسمبر 2019 (شينخوا)', '2019-12-02', 'gregorian'],
    ['في ١٥ تشرين الأول ٢٠٢٠', '2020-10-15', 'gregorian'],
    ['يوم 23 آذار/مارس 2021', '2021-03-23', 'gregorian'],
    ['خلال مارس 2021', '2021-03', 'gregorian'],
    ['بتاريخ 23/03/2021', '2021-03-23', 'gregorian'],
    ['في 1 رمضان 1436 هـ', '2015-06-18', 'hijri'],
    ['في 15 رمضان 1436هـ', '2015-07-02', 'hijri'],
    ['غرة محرم ١ محرم ١٤٤٥ هـ', '2023-07-19', 'hijri'],
    ['منذ عام 1948', '1948', 'gregorian'],
    ['تموز ( 9 / 7 / 1947 )', '1947-07-09', 'gregorian'],
    ['عام (1948)', '1948', 'gregorian'],
    ['في 1948 قامت دولة', '1948', 'gregorian'],
    ['اندلعت (1967)', '1967', 'gregorian'],
    ['في كانون اول / (1986)', '1986-12', 'gregorian'],
    ['ديسمبر ( كانون الاول ) ( ١٩٣١ )', '1931-12', 'gregorian'],
    ['بتاريخ 4 / 22 / 1948', '1948-04-22', 'gregorian'],
    ['توفي عام ( 1325 ) هجري', '1907', 'hijri'],
    ['في 20 / شعبان / 1428 هجرية', '2007-09-02', 'hijri'],
  ])('%s → %s', (text, value, calendar) => expect(extractDates(text)).toMatchObject([{ value, calendar }]));

  it('takes in the words around a date, and parentheses only in pairs', () => {
    const texts = (text: string) => extractDates(text).map((d) => d.text);
    expect(texts('صدر بتاريخ ( 15 / 1 / 1959 ) عن')).toEqual(['بتاريخ ( 15 / 1 / 1959 )']);
    expect(texts('شباط ( 28 / 2 / 1945 )')).toEqual(['شباط ( 28 / 2 / 1945 )']);
    expect(texts('بني عام 1907 ميلادي')).toEqual(['عام 1907 ميلادي']);
    expect(texts('( في 27 فبراير / شباط 2012 )')).toEqual(['27 فبراير / شباط 2012']);
    expect(texts('نيامي منذ أواخر عام 2017 .')).toEqual(['منذ أواخر عام 2017']);
    expect(texts('مستوى الدولة خلال 2016 .')).toEqual(['خلال 2016']);
    expect(texts('دير ياسين قبل ( 1948 ) .')).toEqual(['قبل ( 1948 )']);
    expect(texts('في أوائل سنة 2019 مبلغ')).toEqual(['أوائل سنة 2019']);
    expect(texts('يوم الثلاثاء الموافق 5 / 8 / 2008 قال')).toEqual(['يوم الثلاثاء الموافق 5 / 8 / 2008']);
    expect(texts('يوم الخميس سنة ( 1925 )')).toEqual(['سنة ( 1925 )']); // a weekday belongs to a day
    expect(texts('في دمشق ( 1975 ) الجزء الأول')).toEqual(['1975']);
  });

  it('reads a range as one mention, from its first day to its last', () => {
    const ranges = (text: string) => extractDates(text).map(({ text: written, value, until }) => [written, value, until]);
    expect(ranges('ثورة فلسطين 1936 - 1939 .')).toEqual([['1936 - 1939', '1936', '1939']]);
    expect(ranges('بين 1936 - 1939')).toEqual([['بين 1936 - 1939', '1936', '1939']]);
    expect(ranges('المنعقد عام ( 1931 / 1932 ) .')).toEqual([['عام ( 1931 / 1932 )', '1931', '1932']]);
    expect(ranges('من 1990 إلى 1995 كان')).toEqual([['من 1990 إلى 1995', '1990', '1995']]);
    expect(ranges('في الفترة من 13 وحتى 15 تشرين الثاني / نوفمبر 2016 ؛')).toEqual([
      ['من 13 وحتى 15 تشرين الثاني / نوفمبر 2016', '2016-11-13', '2016-11-15'],
    ]);
    expect(ranges('قتل ما بين 2000 - 3000 شخص')).toEqual([]);
    expect(ranges('وجرت و20 - 22 مارس 2017')).toEqual([['20 - 22 مارس 2017', '2017-03-20', '2017-03-22']]);
    // Hijri days are not Gregorian ones: the last day alone.
    expect(ranges('من 13 إلى 15 رمضان 1436 هـ')).toEqual([['15 رمضان 1436 هـ', '2015-07-02', undefined]]);
  });

  it('does not read counts and references as years', () => {
    expect(extractDates('31 فبراير 2021 و 45/13/2020 و 1948 شخصا')).toEqual([]);
    expect(extractDates('القرار 2402 والبئر رقم 1594 ونحو 1000 عنصر')).toEqual([]);
    expect(hijriToGregorian(1436, 13, 1)).toBeUndefined();
  });

  it('reads relative dates from a reference date, and only with one', () => {
    const reference = new Date('2024-03-01T08:00:00Z');
    const text = 'وقال أمس إن اجتماع اليوم يمهد لقمة الشهر المقبل بعد تراجع العام الماضي، وأول أمس كان الأسبوع.';
    expect(extractDates(text)).toEqual([]);
    expect(extractDates(text, { reference }).map((d) => [d.text, d.value])).toEqual([
      ['أمس', '2024-02-29'],
      ['اليوم', '2024-03-01'],
      ['الشهر المقبل', '2024-04'],
      ['العام الماضي', '2023'],
      ['أول أمس', '2024-02-28'],
    ]);
    expect(extractDates('التقرير اليومي', { reference })).toEqual([]);
  });

  it('reads a time ago from the reference date, but not a time before an event', () => {
    const reference = new Date('2024-03-15T08:00:00Z');
    const ago = (text: string) => extractDates(text, { reference }).map((d) => [d.text, d.value]);
    expect(ago('لم يتلقوا أجورهم منذ عامين ، وهناك')).toEqual([['منذ عامين', '2022']]);
    expect(ago('اخبار قبل عشرين عاما')).toEqual([['قبل عشرين عاما', '2004']]);
    expect(ago('وقع قبل 3 أشهر وقبل يومين وقبل ثلاثة أسابيع')).toEqual([
      ['قبل 3 أشهر', '2023-12'],
      ['وقبل يومين', '2024-03-13'],
      ['وقبل ثلاثة أسابيع', '2024-02-23'],
    ]);
    expect(ago('قبل شهر من زيارتي، قبل يوم الانتخابات، قبل شهر رمضان، منذ سنوات')).toEqual([]);
    expect(extractDates('منذ عامين')).toEqual([]);
  });

  it('reads a weekday without its date from the reference: the last one, or the next with «المقبل»', () => {
    const reference = new Date('2024-03-13T08:00:00Z'); // a Wednesday
    const days = (text: string) => extractDates(text, { reference }).map((d) => [d.text, d.value]);
    expect(days('وقال يوم الأحد إن الاجتماع مساء الثلاثاء أُرجئ إلى الخميس المقبل بعد لقاء الجمعة الماضية')).toEqual([
      ['يوم الأحد', '2024-03-10'],
      ['الثلاثاء', '2024-03-12'],
      ['الخميس المقبل', '2024-03-14'],
      ['الجمعة الماضية', '2024-03-08'],
    ]);
    expect(days('صرح اليوم الأربعاء وكذلك الأربعاء الماضي ويوم الأربعاء المقبل')).toEqual([
      ['اليوم', '2024-03-13'],
      ['الأربعاء', '2024-03-13'],
      ['الأربعاء الماضي', '2024-03-06'],
      ['ويوم الأربعاء المقبل', '2024-03-20'],
    ]);
    expect(days('تبدأ غدا الخميس بعد اجتماع أمس الثلاثاء')).toEqual([
      ['غدا', '2024-03-14'],
      ['الخميس', '2024-03-14'],
      ['أمس', '2024-03-12'],
      ['الثلاثاء', '2024-03-12'],
    ]);
    // «مساء» is a time of day, not «أمس»: on a Tuesday, «مساء الثلاثاء» is that day.
    expect(extractDates('وصل مساء الثلاثاء', { reference: new Date('2024-03-12T08:00:00Z') }).map((d) => d.value)).toEqual(['2024-03-12']);
    // "The two", "the One", the Friday prayer, eleven: not days.
    expect(days('اتفق الاثنين على أداء صلاة الجمعة، الواحد الأحد، الأحد عشر لاعبا')).toEqual([]);
    expect(days('يوم السبت 9 مارس 2024')).toEqual([['يوم السبت 9 مارس 2024', '2024-03-09']]);
    expect(extractDates('يوم الأحد')).toEqual([]);
  });

  it('reads a weekday after words of the future as the first one on or after the reference', () => {
    const reference = new Date('2024-03-13T08:00:00Z'); // a Wednesday
    const value = (text: string) => extractDates(text, { reference }).at(-1)?.value;
    expect(value('وزير الخارجية سيزور موسكو يوم الثلاثاء')).toBe('2024-03-19');
    expect(value('برنامج الفعاليات سيبدأ يوم الخميس')).toBe('2024-03-14');
    expect(value('يسري القرار اعتبارا من يوم الأحد')).toBe('2024-03-17');
    expect(value('يسري القرار اعتباراً من يوم الأحد، والمهرجان بدءًا من يوم الخميس')).toBe('2024-03-14');
    expect(value('ومن المقرر أن يلتقي الفريقان يوم الأربعاء')).toBe('2024-03-13');
    expect(value('وسوف تعلن النتائج يوم السبت')).toBe('2024-03-16');
    // Nouns that begin like a verb in the future, and a future verb in another sentence, change nothing.
    expect(value('وصلت سيارة الإسعاف يوم الأحد')).toBe('2024-03-10');
    expect(value('قالت سنوات الحرب كثيرة يوم الأحد')).toBe('2024-03-10');
    expect(value('سيزور موسكو. ووصل يوم الأحد')).toBe('2024-03-10');
  });

  it('reads a month without a year from the reference: its year, or the year before if it would lie ahead', () => {
    const reference = new Date('2024-03-01T08:00:00Z');
    const text = 'في 2 يونيو / حزيران نشرت، ثم يوم السبت 28 شباط زار، ومنذ مايو توقفت، وفي 30 أبريل 2024 سيعود';
    expect(extractDates(text).map((d) => d.value)).toEqual(['2024-04-30']);
    expect(extractDates(text, { reference }).map((d) => [d.text, d.value])).toEqual([
      ['2 يونيو / حزيران', '2023-06-02'],
      ['يوم السبت 28 شباط', '2024-02-28'],
      ['ومنذ مايو', '2023-05'],
      ['30 أبريل 2024', '2024-04-30'],
    ]);
    // The next calendar month is this year's: a coming event.
    expect(extractDates('في 15 أبريل', { reference })).toMatchObject([{ value: '2024-04-15' }]);
    expect(extractDates('في 31 نوفمبر', { reference })).toEqual([]);
    expect(extractDates('بين 1 يناير / كانون الثاني و1 مايو / أيار 2019', { reference }).map((d) => d.value)).toEqual([
      '2019-01-01',
      '2019-05-01',
    ]);
    expect(extractDates('باعت تويوتا ونيسان أكثر، وقالت قوى 14 آذار وأيلول الأسود', { reference })).toEqual([]);
    expect(extractDates('في يناير', { reference: new Date('2024-12-20T00:00:00Z') })).toMatchObject([{ value: '2025-01' }]);
  });
});

describe('keywords and publishedAt', () => {
  it('ranks recurring terms and names them without conjunctions', () => {
    const text = 'روسيا والصين. وروسيا تدعم الصين. التعاون بين روسيا والصين يتعزز. التعاون الاستراتيجي مستمر.';
    expect(keywords(text).slice(0, 3)).toEqual(expect.arrayContaining(['روسيا', 'الصين', 'التعاون']));
    // The «و» of «وانغ» is the name's own: the keyword is not «انغ».
    expect(keywords('وقال وانغ إن الصين مستعدة. وأضاف وانغ أن الصين تدعم الحوار.').sort()).toEqual(['الصين', 'وانغ']);
  });

  it('fills publishedAt from a date at the start of the text', () => {
    const article: UniqueArticle = {
      schemaVersion: 1,
      id: '0123456789abcdef',
      source: 's',
      title: 'عنوان',
      text: 'بكين 2 ديسمبر 2019 (شينخوا) قال الرئيس إن الطرفين اتفقا على خطة عمل جديدة لعام 2020.',
      fetchedAt: '2024-01-01T00:00:00.000Z',
      cleanedAt: '2024-01-01T00:00:00.000Z',
      contentHash: '0123456789abcdef',
    };
    const enriched = enrichArticle(article, { gazetteer });
    expect(enriched.publishedAt).toBe('2019-12-02T00:00:00.000Z');
    expect(enrichArticle({ ...article, text: `${article.text} وكان قد التقى نظيره أمس.` }, { gazetteer }).dates).toContainEqual({
      text: 'أمس',
      value: '2019-12-01',
      calendar: 'gregorian',
    });
  });
});

describe('loadTagger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-model-'));
  const write = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('loads the shipped model by default, and a model file that ENRICHER_NER_MODEL names', () => {
    const text = 'وقال الرئيس الفرنسي إيمانويل ماكرون في باريس .';
    const shipped = taggedMentions(text, loadTagger(), gazetteer).map((m) => m.name);
    expect(shipped).toEqual(taggedMentions(text, loadDefaultTagger(), gazetteer).map((m) => m.name));
    // A model that knows one word only (stored sparse: tag index, weight): the file does the tagging.
    const weights = { 'w=باريس': [3, 10], b: [0, 5] };
    const file = write('tiny.json', JSON.stringify({ weights, lexicon: {}, common: [], meta: { trainedOn: 'test' } }));
    expect(taggedMentions(text, loadTagger(file), gazetteer).map((m) => `${m.type}:${m.name}`)).toEqual(['places:باريس']);
  });

  it('names the file and the reason when it cannot load it', () => {
    expect(() => loadTagger(join(dir, 'missing.json'))).toThrow(/cannot load the NER model .*missing\.json: ENOENT/);
    expect(() => loadTagger(write('other.json', '{"sizes": [1]}'))).toThrow(/other\.json: not a tagger model/);
    expect(() => loadTagger(write('broken.json', '{"weights":'))).toThrow(/broken\.json: .*JSON/);
  });
});
