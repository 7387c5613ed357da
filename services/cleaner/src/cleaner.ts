/**
 * The cleaner step: raw page or text → article with title, paragraphs, date, dateline and agency, the
 * boilerplate of Arabic news sites removed. Pure: no I/O.
 */
import {
  deadLetter,
  detectLanguage,
  findArabicDate,
  ok,
  type CleanArticle,
  type RawArticle,
  type Stage,
  type StepResult,
} from '@arabic-news/shared';
import { BOILERPLATE_RULES, BYLINE, stripBoilerplate, type BoilerplateRule } from './boilerplate-rules.js';
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
  'CNN',
  'بي بي سي',
  'BBC',
];

/**
 * «بكين 2 ديسمبر 2019 (شينخوا)»: a place, an optional date with an Arabic month name, the agency in
 * brackets; also «دمشق، سوريا (CNN) --» without a date.
 */
const DATELINE = new RegExp(
  `^([\\p{L} ،,]{2,40}?)\\s*(\\p{Nd}{1,2}\\s+[\\p{L} /]+?\\s+\\p{Nd}{4})?\\s*\\((${AGENCIES.join('|')})\\)\\s*`,
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
  author?: string;
}

/** Paragraphs near the top or bottom of an article where date strips and bylines sit. */
const EDGE = 4;
/** Above this share of text inside links, an extraction is a section front or a link list, not an article. */
const MAX_LINK_DENSITY = 0.5;

function toIsoDateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Title, paragraphs and dateline of an article's text; `knownTitle` comes from HTML metadata. */
export function cleanText(text: string, knownTitle?: string, rules: BoilerplateRule[] = BOILERPLATE_RULES): CleanedText {
  const all = toParagraphs(cleanUnicode(text));
  // Metadata that boilerplate lines carry is read before they go: the date of a date strip, a byline's name.
  const dateStrip = rules.find((rule) => rule.id === 'date-update-strip');
  const stripDate = all
    .slice(0, EDGE)
    .filter((line) => dateStrip?.pattern.test(line))
    .map((line) => findArabicDate(line))
    .find(Boolean);
  const bylineIndex = all.findIndex((line, i) => (i < EDGE || i >= all.length - EDGE) && BYLINE.test(line));
  const author = bylineIndex >= 0 ? BYLINE.exec(all[bylineIndex]!)![1]!.trim() : undefined;
  const paragraphs = stripBoilerplate(
    all.filter((_, i) => i !== bylineIndex),
    rules,
  );
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

  const result: CleanedText = { title, paragraphs, author };
  if (stripDate) result.publishedAt = `${stripDate.iso}T00:00:00.000Z`;
  const lead = paragraphs[0];
  const match = lead ? DATELINE.exec(lead) : null;
  if (match) {
    const date = match[2] ? findArabicDate(match[2]) : undefined;
    result.dateline = match[1]!.replace(/[،,]\s*$/u, '').trim();
    result.agency = match[3]!.trim();
    if (date) result.publishedAt ??= `${date.iso}T00:00:00.000Z`;
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
  let page: ReturnType<typeof extractFromHtml> | undefined;
  if (raw.contentType === 'text/html') {
    page = extractFromHtml(raw.body, raw.url, raw.selector);
    if (page.text.trim() === '') return deadLetter('NO_ARTICLE', 'no article text found in the HTML page');
    if (page.linkDensity > MAX_LINK_DENSITY)
      return deadLetter(
        'NO_ARTICLE',
        `looks like a section front or link list: ${Math.round(page.linkDensity * 100)}% of the text is links`,
      );
    body = page.text;
  }
  const cleaned = cleanText(body, page?.title, options.rules);
  const text = cleaned.paragraphs.join('\n');
  if (text.length < MIN_ARTICLE_LENGTH)
    return deadLetter('NO_ARTICLE', `only ${text.length} characters of article text after cleaning (minimum ${MIN_ARTICLE_LENGTH})`);
  const guess = detectLanguage(text);
  const direction = page?.direction === 'rtl' || page?.direction === 'ltr' ? page.direction : guess.direction;

  const article: CleanArticle = {
    schemaVersion: 1,
    id: raw.id,
    url: raw.url,
    source: raw.source,
    title: cleaned.title,
    text,
    publishedAt: toIsoDateTime(page?.publishedAt) ?? cleaned.publishedAt,
    dateline: cleaned.dateline,
    agency: cleaned.agency,
    author: page?.author ?? cleaned.author,
    language: page?.language ?? (guess.language === 'und' ? undefined : guess.language),
    direction,
    fetchedAt: raw.fetchedAt,
    cleanedAt: now().toISOString(),
  };
  return ok({ topic: 'clean', key: article.id, value: article });
}

export function createCleaner(options: CleanerOptions = {}): Stage<RawArticle> {
  return { name: 'cleaner', input: 'raw', step: (raw) => cleanArticle(raw, options) };
}
