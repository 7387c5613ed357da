import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CleanArticle, RawArticle } from '@arabic-news/shared';
import { BOILERPLATE_RULES, stripBoilerplate } from './boilerplate-rules.js';
import { cleanArticle, cleanText } from './cleaner.js';
import { cleanUnicode } from './unicode.js';
import { SEED_BOILERPLATE } from '../../../tests/support/seeds.js';

const SEEDS = new URL('../../../tests/fixtures/seeds/', import.meta.url);

function raw(body: string, contentType: RawArticle['contentType'] = 'text/plain'): RawArticle {
  return { schemaVersion: 1, id: '0123456789abcdef', source: 'test', contentType, body, fetchedAt: '2024-01-01T00:00:00.000Z' };
}

function cleaned(body: string, contentType?: RawArticle['contentType']): CleanArticle {
  const result = cleanArticle(raw(body, contentType));
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.outputs[0]!.value as CleanArticle;
}

describe('boilerplate rules', () => {
  it.each(BOILERPLATE_RULES.map((rule) => [rule.id, rule]))('%s removes its own example', (_, rule) => {
    const left = stripBoilerplate([rule.example], [rule]).join('\n');
    expect(left).not.toContain(rule.scope === 'inline' ? 'news-picture' : rule.example);
  });

  it.each([
    ['prose that contains «مشاركة»', 'أكد الوزير أهمية مشاركة الشباب في الانتخابات المقبلة.'],
    ['a sentence starting with «شارك»', 'شارك آلاف الأشخاص في المسيرة التي جابت شوارع العاصمة.'],
    ['a sentence about comments', 'ولم يرد المتحدث على طلب للتعليق حتى وقت كتابة هذا الخبر.'],
    ['a sentence with numbers', 'وبلغ عدد الزوار 1500 زائر في اليوم الأول من المعرض.'],
    ['a sentence about a website', 'موقع الحادث يقع على بعد كيلومترات من المدينة، بحسب الشرطة.'],
    ['a sentence with a date', 'وفي 28 آب/اغسطس 2013 أعلنت الحكومة عن خطة جديدة لدعم المزارعين في المنطقة.'],
    ['a sentence about views', 'تجاوز عدد المشاهدات 3 ملايين خلال يومين بحسب إحصاءات الموقع.'],
    ['a sentence about privacy', 'ونشرت الشركة سياسة الخصوصية الجديدة بعد انتقادات واسعة من المستخدمين.'],
    ['a sentence about rights', 'جميع الحقوق التي نص عليها الدستور مكفولة للمواطنين، كما قال الوزير.'],
  ])('keeps %s', (_, sentence) => {
    expect(stripBoilerplate([sentence])).toEqual([sentence]);
  });
});

describe('list-heading rules', () => {
  it('drops a "read also" heading and the headline list under it, and keeps the paragraph after', () => {
    const after = 'وفي سياق متصل، قال المتحدث باسم الوزارة إن العمل جار على إعداد الخطة الجديدة.';
    expect(stripBoilerplate(['نص الخبر الأول.', 'اقرأ أيضاً:', 'عنوان خبر آخر', 'عنوان خبر ثالث', after])).toEqual([
      'نص الخبر الأول.',
      after,
    ]);
  });
});

describe('cleanUnicode', () => {
  it('applies NFC and removes tatweel, zero-width and bidi controls without touching letters', () => {
    expect(cleanUnicode('العـــربية\u200f \u200bنص\u202b')).toBe('العربية نص');
    expect(cleanUnicode('إِنَّ')).toBe('إِنَّ'.normalize('NFC'));
  });
});

describe('cleanText', () => {
  it('takes the date from a date strip and the author from a byline, and removes both', () => {
    const result = cleanText(
      'عنوان\nالأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)\nبقلم: آسيا العتروس\nدمشق، سوريا (CNN) -- أكدت جهات سورية معارضة اليوم سيطرتها على مستودعات.',
    );
    expect(result).toMatchObject({
      title: 'عنوان',
      publishedAt: '2013-08-28T00:00:00.000Z',
      author: 'آسيا العتروس',
      dateline: 'دمشق، سوريا',
      agency: 'CNN',
    });
    expect(result.paragraphs).toHaveLength(1);
  });

  it('reads the dateline: place, date from an Arabic month name, agency', () => {
    const result = cleanText('عنوان قصير\nبكين 2 ديسمبر 2019 (شينخوا) قال الرئيس الصيني اليوم إن العلاقات قوية.');
    expect(result).toMatchObject({ title: 'عنوان قصير', dateline: 'بكين', agency: 'شينخوا', publishedAt: '2019-12-02T00:00:00.000Z' });
  });
});

describe('cleanArticle on the seeds', () => {
  for (const name of readdirSync(SEEDS)) {
    it(`${name}: keeps the article, loses the boilerplate`, () => {
      const body = readFileSync(new URL(name, SEEDS), 'utf8');
      const article = cleaned(body);
      for (const piece of SEED_BOILERPLATE) expect(`${article.title}\n${article.text}`).not.toContain(piece);
      expect(article.text.length).toBeGreaterThan(body.length * 0.8);
      expect(article.text.split('\n').every((line) => line.trim() === line && line !== '')).toBe(true);
    });
  }

  it('takes the title of seed 004 from its first line and its date from the dateline', () => {
    const article = cleaned(readFileSync(new URL('004_f118cac7954edc78.txt', SEEDS), 'utf8'));
    expect(article.title).toBe('وزيرا خارجية الصين وروسيا يجريان محادثات ويتوصلان إلى توافقات استراتيجية');
    expect(article.text.startsWith('ناننينغ 23 مارس 2021 (شينخوا)')).toBe(true);
    expect(article.publishedAt).toBe('2021-03-23T00:00:00.000Z');
  });
});

describe('cleanArticle on HTML', () => {
  const paragraph = 'قال الرئيس الصيني شي جين بينغ إن العلاقات بين الصين وروسيا دخلت عصرا جديدا من التعاون الاستراتيجي الشامل بين البلدين.';
  const page = `<!doctype html><html dir="rtl" lang="ar"><head><title>الصين وروسيا | موقع</title>
    <meta property="og:title" content="الصين وروسيا: عصر جديد"><meta property="article:published_time" content="2021-03-23T10:00:00Z"></head>
    <body><nav><a href="/">الرئيسية</a> <a href="/a">أخبار</a></nav><article><h1>الصين وروسيا: عصر جديد</h1>
    <p>${paragraph}</p><p>${paragraph}</p><p>${paragraph}</p><div class="share">مشاركة :</div></article>
    <div id="comments"><h3>اترك رد</h3><p>لن يتم نشر عنوان بريدك الإلكتروني.</p></div></body></html>`;

  it('extracts title, date and paragraphs, without navigation or comment form', () => {
    const article = cleaned(page, 'text/html');
    expect(article.title).toBe('الصين وروسيا: عصر جديد');
    expect(article.publishedAt).toBe('2021-03-23T10:00:00.000Z');
    expect(article.text.split('\n').filter((line) => line === paragraph)).toHaveLength(3);
    for (const piece of ['الرئيسية', 'اترك رد', 'لن يتم نشر', 'مشاركة :']) expect(article.text).not.toContain(piece);
  });

  it('dead-letters a page with no article', () => {
    const result = cleanArticle(raw('<html><body><nav><a href="/">الرئيسية</a></nav></body></html>', 'text/html'));
    expect(result).toMatchObject({ kind: 'dead-letter', error: { code: 'NO_ARTICLE' } });
  });

  it('dead-letters a section front: mostly links', () => {
    const items = Array.from(
      { length: 12 },
      (_, i) => `<li><a href="/news/${i}">عنوان الخبر رقم ${i} عن الأحداث الجارية في المنطقة العربية اليوم</a></li>`,
    ).join('');
    const front = `<html><body><main><h1>أخبار</h1><ul>${items}</ul><p>أحدث الأخبار.</p></main></body></html>`;
    const result = cleanArticle(raw(front, 'text/html'));
    expect(result).toMatchObject({ kind: 'dead-letter', error: { code: 'NO_ARTICLE' } });
  });

  it('dead-letters a 404 page', () => {
    const page =
      '<html><head><title>الصفحة غير موجودة</title></head><body><h1>404</h1><p>عذراً، الصفحة التي تبحث عنها غير موجودة.</p></body></html>';
    expect(cleanArticle(raw(page, 'text/html'))).toMatchObject({ kind: 'dead-letter', error: { code: 'NO_ARTICLE' } });
  });

  it('reads author, language, direction and a date in the URL', () => {
    const paragraph =
      'قال الرئيس الصيني شي جين بينغ إن العلاقات بين الصين وروسيا دخلت عصرا جديدا من التعاون الاستراتيجي الشامل بين البلدين.';
    const html = `<html lang="ar" dir="rtl"><head><meta name="author" content="آسيا العتروس"></head><body><article><h1>عنوان</h1><p>${paragraph}</p><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
    const result = cleanArticle({ ...raw(html, 'text/html'), url: 'https://news.example/2021/03/23/story' });
    expect(result).toMatchObject({
      kind: 'ok',
      outputs: [{ value: { author: 'آسيا العتروس', language: 'ar', direction: 'rtl', publishedAt: '2021-03-23T00:00:00.000Z' } }],
    });
  });

  it('dead-letters an empty text', () => {
    expect(cleanArticle(raw('   \n'))).toMatchObject({ kind: 'dead-letter', error: { code: 'NO_ARTICLE' } });
  });
});
