/**
 * The cleaner step: raw page or text → article with title, paragraphs, date, dateline and agency, the
 * boilerplate of Arabic news sites removed. Pure: no I/O.
 */
import { deadLetter, findArabicDate, ok, type CleanArticle, type RawArticle, type Stage, type StepResult } from '@arabic-news/shared';
import { BOILERPLATE_RULES, stripBoilerplate, type BoilerplateRule } from './boilerplate-rules.js';
import { extractFromHtml } from './html.js';
import { cleanUnicode, toParagraphs } from './unicode.js';

const AGENCIES = [
  'شينخوا',
  'رويترز',
  'واس',
  'قنا',
  'وام',
  'كونا',
  'بنا',
  'أ ف ب',
  'أ.ف.ب',
  'د ب أ',
  'يونا',
  'سبوتنيك',
  'الأناضول',
  'وكالة الأنباء[^)]{0,40}',
];

/** «بكين 2 ديسمبر 2019 (شينخوا)»: a place, a date with an Arabic month name, the agency in brackets. */
const DATELINE = new RegExp(
  `^([\\p{L} ]{2,30}?)\\s+(\\p{Nd}{1,2}\\s+[\\p{L} /]+?\\s+\\p{Nd}{4})\\s*\\((${AGENCIES.join('|')})\\)\\s*`,
  'u',
);

/** A first line is a headline when it is short and does not end like a sentence. */
const MAX_TITLE_LENGTH = 160;
const MIN_ARTICLE_LENGTH = 80;

export interface CleanedText {
  title: string;
  paragraphs: string[];
  publishedAt?: string;
  dateline?: string;
  agency?: string;
}

function toIsoDateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Title, paragraphs and dateline of an article's text; `knownTitle` comes from HTML metadata. */
export function cleanText(text: string, knownTitle?: string, rules: BoilerplateRule[] = BOILERPLATE_RULES): CleanedText {
  const paragraphs = stripBoilerplate(toParagraphs(cleanUnicode(text)), rules);
  let title = knownTitle ? cleanUnicode(knownTitle).replace(/\s+/g, ' ').trim() : '';
  if (!title && paragraphs.length > 0) {
    const first = paragraphs[0]!;
    if (first.length <= MAX_TITLE_LENGTH && !/[.!؟?:]$/u.test(first)) {
      title = first;
      paragraphs.shift();
    } else {
      title = first.split(' ').slice(0, 12).join(' ') + '…';
    }
  } else if (title && paragraphs[0] === title) {
    paragraphs.shift();
  }

  const result: CleanedText = { title, paragraphs };
  const lead = paragraphs[0];
  const match = lead ? DATELINE.exec(lead) : null;
  if (match) {
    const date = findArabicDate(match[2]!);
    result.dateline = match[1]!.trim();
    result.agency = match[3]!.trim();
    if (date) result.publishedAt = `${date.iso}T00:00:00.000Z`;
  }
  return result;
}

export interface CleanerOptions {
  rules?: BoilerplateRule[];
  now?: () => Date;
}

/** The pure transformation, shared by the stage and the `pipeline clean` filter. */
export function cleanArticle(raw: RawArticle, options: CleanerOptions = {}): StepResult {
  const now = options.now ?? (() => new Date());
  let body = raw.body;
  let knownTitle: string | undefined;
  let publishedAt: string | undefined;
  if (raw.contentType === 'text/html') {
    const page = extractFromHtml(raw.body);
    if (page.text.trim() === '') return deadLetter('NO_ARTICLE', 'no article text found in the HTML page');
    body = page.text;
    knownTitle = page.title;
    publishedAt = toIsoDateTime(page.publishedAt);
  }
  const cleaned = cleanText(body, knownTitle, options.rules);
  const text = cleaned.paragraphs.join('\n');
  if (text.length < MIN_ARTICLE_LENGTH)
    return deadLetter('NO_ARTICLE', `only ${text.length} characters of article text after cleaning (minimum ${MIN_ARTICLE_LENGTH})`);

  const article: CleanArticle = {
    schemaVersion: 1,
    id: raw.id,
    url: raw.url,
    source: raw.source,
    title: cleaned.title,
    text,
    publishedAt: publishedAt ?? cleaned.publishedAt,
    dateline: cleaned.dateline,
    agency: cleaned.agency,
    fetchedAt: raw.fetchedAt,
    cleanedAt: now().toISOString(),
  };
  return ok({ topic: 'clean', key: article.id, value: article });
}

export function createCleaner(options: CleanerOptions = {}): Stage<RawArticle> {
  return { name: 'cleaner', input: 'raw', step: (raw) => cleanArticle(raw, options) };
}
