/**
 * Boilerplate of Arabic news pages, as data: one list, one entry per rule, each with a real example.
 * To support a new site, add entries here (and an innocent sentence to the tests) — no code.
 */
export interface BoilerplateRule {
  id: string;
  /**
   * `line`: drop a paragraph that matches. `inline`: cut the match out of a paragraph. `list-heading`: drop
   * the matching heading and the list-like lines after it (short, not ending like a sentence).
   */
  scope: 'line' | 'inline' | 'list-heading';
  pattern: RegExp;
  /** A real example the rule removes (checked by the unit tests). */
  example: string;
}

const SOCIAL =
  '(?:فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تلغرام|تيليجرام|لينكدإن|انستغرام|يوتيوب|Facebook|Twitter|X|WhatsApp|Telegram|LinkedIn|Instagram|YouTube|Email|Print|طباعة|البريد الإلكتروني)';

export const BOILERPLATE_RULES: BoilerplateRule[] = [
  {
    id: 'comment-form-heading',
    scope: 'line',
    pattern: /^(?:اترك|أترك|اكتب|أضف|إضافة) (?:رد|ردا|رداً|تعليق|تعليقا|تعليقاً|تعليقك)\s*[:.]?$/u,
    example: 'اترك رد',
  },
  {
    id: 'comment-form-email-note',
    scope: 'line',
    pattern: /^لن يتم نشر (?:عنوان )?بريدك الإلكتروني.*$/u,
    example: 'لن يتم نشر عنوان بريدك الإلكتروني.',
  },
  {
    id: 'comment-form-required-fields',
    scope: 'line',
    pattern: /^(?:الحقول|الخانات) (?:الإلزامية|المطلوبة).*$/u,
    example: 'الحقول الإلزامية مشار إليها بـ *',
  },
  {
    id: 'comment-form-fields',
    scope: 'line',
    pattern: /^(?:التعليق|الاسم|البريد الإلكتروني|الموقع الإلكتروني)\s*\*?\s*$/u,
    example: 'الاسم *',
  },
  {
    id: 'share-label',
    scope: 'line',
    pattern: /^(?:مشاركة|شارك|شارك الخبر|شارك المقال|شارك هذا المقال|المشاركة)\s*:?\s*$/u,
    example: 'مشاركة :',
  },
  {
    id: 'share-social-names',
    scope: 'line',
    pattern: new RegExp(`^${SOCIAL}(?:[\\s,،|·•/]+${SOCIAL})*$`, 'iu'),
    example: 'فيسبوك تويتر واتساب',
  },
  { id: 'image-token', scope: 'line', pattern: /^news-picture$/u, example: 'news-picture' },
  { id: 'image-token-inline', scope: 'inline', pattern: /\s*\bnews-picture\b\s*/gu, example: 'news-picture ناننينغ 23 مارس 2021' },
  { id: 'counter-strip', scope: 'line', pattern: /^[•·▪●\-–\s]*[\p{Nd}:/.\-\s]+$/u, example: '• 3/24/2021' },
  { id: 'site-banner', scope: 'line', pattern: /^موقع (?:متخصص|إخباري|اخباري)[^.!؟]{0,60}$/u, example: 'موقع متخصص بالشؤون الصينية' },
  {
    id: 'read-also-list',
    scope: 'list-heading',
    pattern: /^(?:اقرأ|إقرأ|اقرا) (?:أيضا|أيضاً|ايضا|ايضاً|المزيد)\s*:?$|^(?:مواضيع|أخبار|مقالات) (?:ذات صلة|متعلقة|قد تهمك)\s*:?$/u,
    example: 'اقرأ أيضاً:',
  },
  {
    id: 'date-update-strip',
    scope: 'line',
    pattern:
      /^(?:(?:الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)\s*[،,]?\s*)?\p{Nd}{1,2}\s+[\p{L}/ ]{3,25}\s+\p{Nd}{4}\s*[،,]?\s*(?:(?:آخر تحديث|تحديث|الساعة)\s*:?\s*[\p{Nd}:]+\s*(?:\([^)]{0,20}\))?)?$/u,
    example: 'الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)',
  },
  {
    id: 'view-like-comment-counters',
    scope: 'line',
    pattern:
      /^(?:(?:عدد )?(?:المشاهدات|القراءات|التعليقات|الإعجابات|المشاركات)\s*[:(]?\s*\p{Nd}*\s*\)?|\p{Nd}+\s*(?:مشاهدة|مشاهدات|قراءة|قراءات|تعليق|تعليقات|إعجاب|اعجاب|مشاركة))$/u,
    example: 'عدد القراءات: 1520',
  },
  {
    id: 'comment-policy',
    scope: 'line',
    pattern: /^(?:ترحب .{0,60}بالنقاش|الآراء (?:الواردة|المنشورة) .{0,60}لا تعبر عن|(?:جميع|كل) الحقوق محفوظة|حقوق النشر محفوظة).*$/u,
    example: 'الآراء الواردة أدناه لا تعبر عن رأي موقع CNN بالعربية، بل تعكس وجهات نظر أصحابها فقط.',
  },
];

/** A byline paragraph («بقلم: …», «حوار: …»): removed from the text, its name kept as the author. */
export const BYLINE = /^(?:بقلم|كتب|كتبت|حوار|إعداد|اعداد|تقرير|متابعة|تحرير)\s*[:：]\s*([\p{L}\s.]{2,40})$/u;

const LIST_ITEM_MAX_LENGTH = 120;
const isListItem = (line: string) => line.length <= LIST_ITEM_MAX_LENGTH && !/[.!؟?:]$/u.test(line);

/** Removes boilerplate from paragraphs as the rules say (see BoilerplateRule.scope). */
export function stripBoilerplate(paragraphs: string[], rules: BoilerplateRule[] = BOILERPLATE_RULES): string[] {
  const lineRules = rules.filter((rule) => rule.scope === 'line');
  const inlineRules = rules.filter((rule) => rule.scope === 'inline');
  const listHeadings = rules.filter((rule) => rule.scope === 'list-heading');
  const kept: string[] = [];
  let inList = false;
  for (const original of paragraphs) {
    const paragraph = inlineRules.reduce((text, rule) => text.replace(rule.pattern, ' ').trim(), original);
    if (paragraph === '') continue;
    if (listHeadings.some((rule) => rule.pattern.test(paragraph))) {
      inList = true;
      continue;
    }
    if (inList && isListItem(paragraph)) continue;
    inList = false;
    if (!lineRules.some((rule) => rule.pattern.test(paragraph))) kept.push(paragraph);
  }
  return kept;
}
