/**
 * Boilerplate of Arabic news pages, as data: one list, one entry per rule, each with a real example.
 * A `line` rule removes a whole paragraph that matches; an `inline` rule removes the matched text from
 * inside a paragraph. To support a new site, add entries here (and a case in the tests) — no code.
 */
export interface BoilerplateRule {
  id: string;
  scope: 'line' | 'inline';
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
    id: 'read-also-heading',
    scope: 'line',
    pattern: /^(?:اقرأ|إقرأ|اقرا) (?:أيضا|أيضاً|ايضا|ايضاً|المزيد)\s*:?$/u,
    example: 'اقرأ أيضاً:',
  },
];

/** Removes boilerplate from paragraphs: whole paragraphs for line rules, fragments for inline rules. */
export function stripBoilerplate(paragraphs: string[], rules: BoilerplateRule[] = BOILERPLATE_RULES): string[] {
  const lineRules = rules.filter((rule) => rule.scope === 'line');
  const inlineRules = rules.filter((rule) => rule.scope === 'inline');
  return paragraphs
    .map((paragraph) => inlineRules.reduce((text, rule) => text.replace(rule.pattern, ' ').trim(), paragraph))
    .filter((paragraph) => paragraph !== '' && !lineRules.some((rule) => rule.pattern.test(paragraph)));
}
