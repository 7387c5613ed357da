/**
 * Dates mentioned in Arabic text, as ISO values: Gregorian dates with either set of month names
 * («2 ديسمبر 2019», «15 تشرين الأول 2020»), month and year («مارس 2021», «تموز (1970)»), numeric dates
 * («23/03/2021», «2021-03-23»), years («عام 1948», «(1967)», «في 2015»), ranges as one mention with its
 * last day in `until` («1936 - 1939», «من 13 وحتى 15 نوفمبر 2016»), Hijri dates («15 رمضان 1436 هـ»)
 * converted to the Gregorian calendar (Umm al-Qura) and Hijri years («عام 1325 هـ»); with a reference date
 * (the article's publication date), relative dates too («اليوم», «أمس», «العام الماضي», «الشهر المقبل»,
 * «قبل عشرين عاما», «منذ عامين») and months written without a year («في 2 يونيو», «منذ مايو»). Digits of
 * any script are read (Arabic-Indic «٢٠٢١»); the text itself is left as written. A mention's span takes in
 * the words Arabic writes around a date («بتاريخ (…)», «يوم …», «منذ أواخر …», «خلال …», «… ميلادي»), as
 * the Wojood annotation does.
 */
import { asciiDigits } from './analyzer.js';

export interface DateMention {
  /** The text as written. */
  text: string;
  /** YYYY-MM-DD, or YYYY-MM / YYYY for a month or a year; the first day of a range. */
  value: string;
  /** The last day of a range («1936 - 1939», «من 13 وحتى 15 نوفمبر 2016»), as precise as `value`. */
  until?: string;
  calendar: 'gregorian' | 'hijri';
  start: number;
  end: number;
}

const GREGORIAN: Record<string, number> = {
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  أبريل: 4,
  ابريل: 4,
  إبريل: 4,
  مايو: 5,
  يونيو: 6,
  يونيه: 6,
  يوليو: 7,
  يوليه: 7,
  أغسطس: 8,
  اغسطس: 8,
  سبتمبر: 9,
  أكتوبر: 10,
  اكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
  'كانون الثاني': 1,
  شباط: 2,
  آذار: 3,
  اذار: 3,
  نيسان: 4,
  أيار: 5,
  ايار: 5,
  حزيران: 6,
  تموز: 7,
  آب: 8,
  أيلول: 9,
  ايلول: 9,
  'تشرين الأول': 10,
  'تشرين الاول': 10,
  'تشرين الثاني': 11,
  'كانون الأول': 12,
  'كانون الاول': 12,
  // Written without the article, as often in Levantine and Iraqi papers.
  'كانون ثاني': 1,
  'تشرين أول': 10,
  'تشرين اول': 10,
  'تشرين ثاني': 11,
  'كانون أول': 12,
  'كانون اول': 12,
};
const HIJRI: Record<string, number> = {
  محرم: 1,
  صفر: 2,
  'ربيع الأول': 3,
  'ربيع الاول': 3,
  'ربيع الآخر': 4,
  'ربيع الثاني': 4,
  'جمادى الأولى': 5,
  'جمادى الاولى': 5,
  'جمادى الآخرة': 6,
  'جمادى الثانية': 6,
  رجب: 7,
  شعبان: 8,
  رمضان: 9,
  شوال: 10,
  'ذو القعدة': 11,
  'ذي القعدة': 11,
  'ذو الحجة': 12,
  'ذي الحجة': 12,
};
const alternation = (names: Record<string, number>) =>
  Object.keys(names)
    .sort((a, b) => b.length - a.length)
    .join('|');
const D = String.raw`\p{Nd}`;
const G = alternation(GREGORIAN);
const H = alternation(HIJRI);
const NOT_LETTER = String.raw`(?![\p{L}\p{M}])`;
const HIJRI_MARK = String.raw`(?:هـ|ه${NOT_LETTER}|هجري|هجرية|للهجرة)`;
const YEAR_WORD = String.raw`(?:عام|العام|سنة|السنة|لعام|لسنة|بعام|بسنة)`;
const open = String.raw`(?:\(\s*)?`;
const close = String.raw`(?:\s*\))?`;
// Clitics before a day («في 5 مارس», «و5 مارس») are outside the match; «آذار/مارس» pairs are one month.
const PATTERN = new RegExp(
  [
    `(?<hd>${D}{1,2})\\s*/?\\s*(?<hm>${H})\\s*/?\\s*(?<hy>${D}{3,4})\\s*${HIJRI_MARK}`,
    `(?:${YEAR_WORD}\\s*)?${open}(?<hyy>${D}{3,4})${close}\\s*${HIJRI_MARK}`,
    `(?<gd>${D}{1,2})?\\s*(?<gm>${G})(?:\\s*[/(]\\s*(?:${G})\\s*\\)?)?\\s*[،,/]?\\s*${open}(?<gy>${D}{4})${close}`,
    `(?<nd>${D}{1,2})\\s?[/.-]\\s?(?<nm>${D}{1,2})\\s?[/.-]\\s?(?<ny>${D}{4})`,
    `(?<iy>${D}{4})-(?<im>${D}{2})-(?<id>${D}{2})`,
    // A year after a word that makes it one: «عام 2015», «في العام 1948», «سنة (١٩٩٠)».
    `${YEAR_WORD}\\s*${open}(?<yy>${D}{4})(?!\\s*[/.-]?\\s*${D})${close}`,
  ].join('|'),
  'gu',
);

/** A four-digit number that may be a year standing alone («في 1948», «(1967)», «1936 - 1939»). */
const BARE_YEAR = new RegExp(String.raw`(?<![\p{Nd}\p{L}/.-])\p{Nd}{4}(?![\p{Nd}]|\s*[/.]\s*\p{Nd})`, 'gu');
/** Two years joined as a range: «1936 - 1939», «عام 1931 / 1932», «من 1990 إلى 1995». */
const RANGE_LINK = String.raw`\s*(?:[-–]|و?(?:إلى|الى|حتى))\s*`;
const YEAR_RANGE = new RegExp(
  String.raw`(?<![\p{Nd}\p{L}\p{M}/.-])(?:(?<yw>${YEAR_WORD})\s*)?${open}(?<ya>\p{Nd}{4})(?:${RANGE_LINK}|\s*/\s*)(?<yb>\p{Nd}{4})(?![\p{Nd}]|\s*[/.]\s*\p{Nd})${close}`,
  'gu',
);
/** A day before a range link, ending where a full date begins: «من 13 وحتى 15 نوفمبر 2016», «و20 - 22 مارس». */
const DAY_RANGE = new RegExp(String.raw`(?<=^|[^\p{Nd}\p{L}\p{M}/.]|(?<![\p{L}\p{M}])و)(\p{Nd}{1,2})${RANGE_LINK}$`, 'u');
/** «من» or «بين» opening a range. */
const RANGE_LEAD = /(?<![\p{L}\p{M}])و?(?:من|بين)\s+$/u;
/** Words after which a lone four-digit number is a year. */
const YEAR_BEFORE = new Set(
  'في منذ قبل بعد حتى خلال مطلع أوائل اوائل أواخر اواخر بداية نهاية حرب نكبة نكسة ثورة موسم انتخابات دورة مونديال كأس ربيع صيف خريف شتاء'.split(
    ' ',
  ),
);
/** Words after which a four-digit number is a count or a reference, never a year. */
const NOT_YEAR_BEFORE = new Set('رقم رقمها رقمه القرار قرار نحو بنحو حوالي حوالى قرابة مساحتها مساحة'.split(' '));

/** Relative days and their offset from the reference date. */
const RELATIVE_DAYS: [string, number][] = [
  ['(?:أول|اول) (?:من )?(?:أمس|امس)|(?:أمس|امس) (?:الأول|الاول)', -2],
  ['أمس|امس|الأمس|الامس|البارحة', -1],
  ['اليوم', 0],
  ['غدا|غداً|غدًا', 1],
];
const DAY_OFFSETS = RELATIVE_DAYS.map(([words, days]) => [new RegExp(`^(?:${words})$`, 'u'), days] as const);
const PAST = '(?:الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة|السابق|السابقة)';
const NEXT = '(?:المقبل|المقبلة|القادم|القادمة)';
const THIS = '(?:الجاري|الجارية|الحالي|الحالية)';
const [PAST_RE, NEXT_RE] = [new RegExp(PAST, 'u'), new RegExp(NEXT, 'u')];
const RELATIVE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:[وفبل]|لل)?(?<rel>${RELATIVE_DAYS.map(([words]) => words).join('|')}|` +
    String.raw`(?:هذا|هذه) (?:العام|السنة|الشهر)|(?:العام|السنة|الشهر) (?:${PAST}|${NEXT}|${THIS}))${NOT_LETTER}`,
  'gu',
);

/**
 * «قبل عشرين عاما», «منذ عامين», «قبل 3 أشهر»: a time ago, from the reference date; not a time before an
 * event («قبل شهر من زيارتي», «قبل يوم الانتخابات», «قبل شهر رمضان»).
 */
const COUNT_WORDS: Record<string, number> = {
  ثلاث: 3,
  ثلاثة: 3,
  أربع: 4,
  اربع: 4,
  أربعة: 4,
  اربعة: 4,
  خمس: 5,
  خمسة: 5,
  ست: 6,
  ستة: 6,
  سبع: 7,
  سبعة: 7,
  ثماني: 8,
  ثمانية: 8,
  ثمان: 8,
  تسع: 9,
  تسعة: 9,
  عشر: 10,
  عشرة: 10,
  عشرين: 20,
  عشرون: 20,
  ثلاثين: 30,
  ثلاثون: 30,
  أربعين: 40,
  اربعين: 40,
  خمسين: 50,
  خمسون: 50,
};
const UNITS: [RegExp, 'day' | 'week' | 'month' | 'year', number][] = [
  [/^(?:يوم|يوما|يوماً)$/u, 'day', 1],
  [/^(?:يومين)$/u, 'day', 2],
  [/^(?:أيام|ايام)$/u, 'day', 0],
  [/^(?:أسبوع|اسبوع)$/u, 'week', 1],
  [/^(?:أسبوعين|اسبوعين)$/u, 'week', 2],
  [/^(?:أسابيع|اسابيع)$/u, 'week', 0],
  [/^(?:شهر|شهرا|شهراً)$/u, 'month', 1],
  [/^(?:شهرين)$/u, 'month', 2],
  [/^(?:أشهر|اشهر|شهور)$/u, 'month', 0],
  [/^(?:عام|عاما|عاماً|سنة)$/u, 'year', 1],
  [/^(?:عامين|سنتين)$/u, 'year', 2],
  [/^(?:أعوام|اعوام|سنوات|سنين)$/u, 'year', 0],
];
const AGO = new RegExp(
  String.raw`(?<![\p{L}\p{M}])و?(?:منذ|قبل)\s+(?:(?<count>\p{Nd}{1,2}|${Object.keys(COUNT_WORDS).join('|')})\s+)?(?<unit>[\p{L}\p{M}]+)(?![\p{L}\p{M}])(?!\s+(?:(?:من|على)(?![\p{L}\p{M}])|ال|لل|${H}))`,
  'gu',
);

const number = (digits: string | undefined) => (digits === undefined ? undefined : Number(asciiDigits(digits)));
const iso = (y: number, m: number, d?: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}${d === undefined ? '' : `-${String(d).padStart(2, '0')}`}`;

function validGregorian(y: number, m: number, d?: number): boolean {
  if (m < 1 || m > 12 || y < 1000 || y > 2200) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const umalqura = new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura', {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The Gregorian date of a Hijri date: the tabular calendar gives the neighbourhood, Umm al-Qura the day. */
export function hijriToGregorian(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 30) return undefined;
  const julianDay = Math.floor((11 * year + 3) / 30) + 354 * year + 30 * month - Math.floor((month - 1) / 2) + day + 1948440 - 385;
  const approx = (julianDay - 2440587.5) * 86400000;
  for (const offset of [0, -1, 1, -2, 2, -3, 3]) {
    const time = approx + offset * 86400000;
    const parts = Object.fromEntries(umalqura.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
    if (Number(parts.day) === day && Number(parts.month) === month && Number.parseInt(parts.year ?? '', 10) === year)
      return new Date(time).toISOString().slice(0, 10);
  }
  return undefined;
}

export interface DateOptions {
  /** The article's publication date: relative dates («اليوم», «أمس», «العام الماضي») are read from it. */
  reference?: Date;
}

const MONTH_NAME = new RegExp(G, 'u');
const MONTH_BEFORE = new Set('في منذ خلال حتى بين بداية مطلع أوائل اوائل أواخر اواخر نهاية منتصف شهر قبل بعد'.split(' '));
const NAME_BEFORE = new Set('قوى تيار حركة فريق تحالف ائتلاف جماعة'.split(' '));
/** A month, with or without its day, and no year («في 2 يونيو / حزيران», «في آذار»): read against the reference. */
const NO_YEAR = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{Nd}])(?:(?<dd>${D}{1,2})\s*)?(?<mm>${G})(?:\s*[/(]\s*(?:${G})\s*\)?)?${NOT_LETTER}`,
  'gu',
);

/**
 * The year of a month (and day) written without one: the coming month is next, any other month the last
 * one of that name (news tells what happened more than what will: «في مايو» in a March article is last
 * May, «في أبريل» the coming April, «في يناير» in a December article next January).
 */
function yearOf(month: number, reference: Date): number {
  const [year, current] = [reference.getUTCFullYear(), reference.getUTCMonth()];
  if ((month - 1 - current + 12) % 12 === 1) return current === 11 ? year + 1 : year;
  return month - 1 <= current ? year : year - 1;
}

const WEEKDAYS: Record<string, number> = {
  الأحد: 0,
  الاحد: 0,
  الاثنين: 1,
  الإثنين: 1,
  الثلاثاء: 2,
  الأربعاء: 3,
  الاربعاء: 3,
  الخميس: 4,
  الجمعة: 5,
  السبت: 6,
};
const WEEKDAY = Object.keys(WEEKDAYS).join('|');
/**
 * A weekday without its date: «يوم الأحد», «مساء الثلاثاء», «الخميس المقبل», «الجمعة الماضية», «غدا الاثنين». Alone,
 * «الاثنين» is also "the two", «الأحد» "the One", «الجمعة» the Friday prayer: a weekday needs a word of time
 * before it or «الماضي»/«المقبل» after it. Only «يوم» joins the span (Wojood marks «مساء الأحد» a time).
 */
const WEEKDAY_ALONE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:(?<day>[وف]?يوم\\s+)|(?<cue>[وف]?(?:مساء|صباح|ظهر|عصر|فجر|ليلة|في|اليوم)\\s+)|` +
    `(?<yesterday>[وف]?(?:أمس|امس)\\s+)|(?<tomorrow>[وف]?(?:غدا|غداً|غدًا)\\s+))?` +
    `(?<name>${WEEKDAY})(?:\\s+(?<when>${PAST}|${NEXT}))?${NOT_LETTER}`,
  'gu',
);
const LEAD = new RegExp(`(?<![\\p{L}\\p{M}])(?:(?:بتاريخ|تاريخ|يوم)\\s*:?|${G})\\s*(\\(\\s*)?$`, 'u');
const POSITION = 'أوائل|اوائل|أواخر|اواخر|بداية|مطلع|منتصف|نهاية';
/** A preposition of time and the part of the period before a date: «منذ أواخر عام 2017», «خلال 2016», «قبل (1948)». */
const TIME_LEAD = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:و?(?:منذ|خلال|قبل|بعد)\\s+(?:(?:${POSITION})\\s+)?|(?:${POSITION})\\s+)(\\(\\s*)?$`,
  'u',
);
/** A weekday before a date that has its day: «يوم الثلاثاء الموافق 5/8/2008». */
const WEEKDAY_LEAD = new RegExp(`(?<![\\p{L}\\p{M}])(?:يوم\\s+)?(?:${WEEKDAY})(?:\\s+الموافق)?\\s*$`, 'u');

/**
 * A written date's span: parentheses kept only in pairs, then widened over a leading «بتاريخ», «يوم»,
 * weekday («يوم السبت الموافق») or month name (with the parentheses that follow it: «شباط (28/2/1945)»),
 * then over a preposition of time and part of the period («منذ بداية», «خلال», «أوائل»), and over a
 * trailing era («ميلادي»).
 */
function widen(text: string, start: number, end: number, withDay: boolean): [number, number] {
  const span = text.slice(start, end);
  const unclosed = (span.match(/\(/gu)?.length ?? 0) - (span.match(/\)/gu)?.length ?? 0);
  if (unclosed < 0) end = start + span.replace(/\s*\)$/u, '').length;
  if (unclosed > 0) start += span.length - span.replace(/^\(\s*/u, '').length;
  for (const leads of [[...(withDay ? [WEEKDAY_LEAD] : []), LEAD], [TIME_LEAD]]) {
    const before = text.slice(Math.max(0, start - 30), start);
    const lead = leads.map((re) => re.exec(before)).find((m) => m !== null);
    const closed = /^\s*\)/u.exec(text.slice(end));
    if (lead && (!lead[1] || closed)) [start, end] = [start - lead[0].length, end + (lead[1] ? closed![0].length : 0)];
  }
  const era = /^\s*(?:م|ميلادي|ميلادية|للميلاد)(?![\p{L}\p{M}])/u.exec(text.slice(end));
  if (era) end += era[0].length;
  return [start, end];
}

const previousWord = (text: string, index: number) => /([\p{L}\p{M}]+)[\s(]*$/u.exec(text.slice(Math.max(0, index - 30), index))?.[1];
/** The word before `index` without a leading conjunction or preposition («وفي» → «في»). */
const previousBareWord = (text: string, index: number) => previousWord(text, index)?.replace(/^[وفبل](?=\p{L}{3})/u, '');
const nextWord = (text: string, index: number) => /^[\s)]*([\p{L}\p{M}]+)/u.exec(text.slice(index, index + 30))?.[1];

/** Whether a lone four-digit number at [start, end) reads as a year. */
function isYear(text: string, start: number, end: number, year: number): boolean {
  if (year < 1800 || year > 2099) return false;
  const before = previousWord(text, start);
  if (before && NOT_YEAR_BEFORE.has(before)) return false;
  if (YEAR_BEFORE.has(previousBareWord(text, start) ?? '')) return true;
  if (/[-–]\s*$/u.test(text.slice(Math.max(0, start - 3), start))) return true;
  // The first number of a range that is not one of years («2000 - 3000 شخص»).
  if (/^\s*[-–]\s*\p{Nd}/u.test(text.slice(end, end + 4))) return false;
  // Alone in parentheses, as a date is cited: «في دمشق (1975)».
  if (/\(\s*$/u.test(text.slice(Math.max(0, start - 3), start)) && /^\s*\)/u.test(text.slice(end, end + 3))) return true;
  // Followed by a word, the number counts something («2000 شخص»), unless the word is the era or links
  // another year; followed by anything else («1936 - 1939», «.»), it is a year.
  const after = nextWord(text, end);
  return after === undefined || ['م', 'ميلادي', 'ميلادية', 'و', 'الى', 'إلى', 'حتى'].includes(after);
}

const utcDay = (reference: Date, days: number) =>
  new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate() + days)).toISOString().slice(0, 10);

function relativeValue(phrase: string, reference: Date): string {
  for (const [pattern, days] of DAY_OFFSETS) if (pattern.test(phrase)) return utcDay(reference, days);
  const offset = PAST_RE.test(phrase) ? -1 : NEXT_RE.test(phrase) ? 1 : 0;
  if (phrase.includes('الشهر'))
    return new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  return String(reference.getUTCFullYear() + offset);
}

/**
 * The day a weekday names: the next one after the reference day (direction 1: «المقبل», «غدا»), the last one
 * before it (-1: «الماضي», «أمس»), alone the last one on or before it (0; news tells what happened: see the
 * SaudiNewsNet estimate in docs/BENCHMARKS.md), or, after words of the future, the first one on or after
 * it (2: «سيزور موسكو يوم الثلاثاء», «اعتبارا من يوم الأحد»).
 */
function weekdayValue(weekday: number, direction: -1 | 0 | 1 | 2, reference: Date): string {
  const back = (reference.getUTCDay() - weekday + 7) % 7;
  if (direction === 1) return utcDay(reference, 7 - back);
  if (direction === 2) return utcDay(reference, (7 - back) % 7);
  return utcDay(reference, -(direction === -1 ? back || 7 : back));
}

/**
 * Words of the future shortly before a weekday, in the same sentence: «سوف», a verb in the future («سيبدأ»,
 * «ستعقد», «سنلتقي»: «س» before the prefix of the present tense, at most four words before), «من المقرر»,
 * «من المتوقع», «المزمع», «اعتبارا من», «ابتداء من», «بدءا من», «بعد غد».
 */
const FUTURE_CUE = new RegExp(
  `(?<![\\p{L}\\p{M}])[وف]?(?:سوف|(?:من\\s+)?(?:المقرر|المنتظر|المتوقع)|المزمع|المرتقب|اعتبار(?:ا|\\u064B)+|ابتداء(?:ا|\\u064B)*|بدء(?:ا|\\u064B)*|بعد\\s+غد)(?![\\p{L}\\p{M}])`,
  'u',
);
const FUTURE_VERB = /(?<![\p{L}\p{M}])[وف]?س[يتن][\p{L}\p{M}]{2,}(?:\s+[^\s.!?؟]+){0,4}\s*$/u;
/** Nouns that begin like a verb in the future («سيارة», «سياسة», «سنوات»…), not to be read as one. */
const NOT_FUTURE_VERB =
  /^[وف]?س(?:يار|ياس|ياح|ياق|يطر|يد|يول|يناء|ينما|يما|يلة|ينا|يف|ير|تين|تة|نة|نو|نت|تار|تان|تريت|يتي|ندات|نغافور|يلفي)/u;

function futureBefore(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 80), index);
  const clause = before.slice(Math.max(...['.', '!', '?', '؟', '\n', '،'].map((mark) => before.lastIndexOf(mark))) + 1);
  if (FUTURE_CUE.test(clause)) return true;
  const verb = FUTURE_VERB.exec(clause);
  return verb !== null && !NOT_FUTURE_VERB.test(verb[0].trimStart());
}

/** The date a time ago names («قبل عامين» → the year before last), or undefined for a vague one («منذ سنوات»). */
function agoValue(count: string | undefined, unitWord: string, reference: Date): string | undefined {
  const unit = UNITS.find(([pattern]) => pattern.test(unitWord));
  if (!unit) return undefined;
  const [, kind, implied] = unit;
  // A count goes with a plural («ثلاث سنوات») or a singular after ten («عشرين عاما»); a dual or a singular stands alone.
  const n = count === undefined ? implied : implied === 2 ? 0 : (COUNT_WORDS[count] ?? number(count)!);
  if (!n) return undefined;
  const [y, m] = [reference.getUTCFullYear(), reference.getUTCMonth()];
  if (kind === 'year') return String(y - n);
  if (kind === 'month') return new Date(Date.UTC(y, m - n, 1)).toISOString().slice(0, 7);
  return utcDay(reference, -n * (kind === 'week' ? 7 : 1));
}

export function extractDates(text: string, options: DateOptions = {}): DateMention[] {
  const mentions: DateMention[] = [];
  /** The length of a «من» or «بين» that opens a range ending at `index` (0 if none). */
  const rangeLead = (index: number) => RANGE_LEAD.exec(text.slice(Math.max(0, index - 8), index))?.[0].length ?? 0;
  const mention = (start: number, end: number, value: string, calendar: DateMention['calendar'], until?: string): DateMention => {
    const [widened, to] = widen(text, start, end, value.length === 10);
    const from = widened - (until ? rangeLead(widened) : 0);
    return { text: text.slice(from, to), value, ...(until && { until }), calendar, start: from, end: to };
  };
  const add = (start: number, end: number, value: string, calendar: DateMention['calendar'], until?: string) =>
    mentions.push(mention(start, end, value, calendar, until));
  // Everything the patterns read, impossible dates included («31 فبراير 2021»): no lone year inside.
  const read: [number, number][] = [];
  for (const match of text.matchAll(PATTERN)) {
    read.push([match.index, match.index + match[0].length]);
    const g = match.groups!;
    let value: string | undefined;
    let calendar: DateMention['calendar'] = 'gregorian';
    if (g.hm) {
      calendar = 'hijri';
      value = hijriToGregorian(number(g.hy)!, HIJRI[g.hm]!, number(g.hd)!);
    } else if (g.hyy) {
      // A Hijri year alone: the Gregorian year in which it began.
      calendar = 'hijri';
      value = hijriToGregorian(number(g.hyy)!, 1, 1)?.slice(0, 4);
    } else if (g.gm) {
      const [y, m, d] = [number(g.gy)!, GREGORIAN[g.gm]!, number(g.gd)];
      if (validGregorian(y, m, d)) value = iso(y, m, d);
    } else if (g.nm) {
      const [y, m, d] = [number(g.ny)!, number(g.nm)!, number(g.nd)!];
      // Day first, as Arabic writes it; month first only when the day-first reading is impossible (4/22/1948).
      if (validGregorian(y, m, d)) value = iso(y, m, d);
      else if (validGregorian(y, d, m)) value = iso(y, d, m);
    } else if (g.yy) {
      const y = number(g.yy)!;
      if (validGregorian(y, 1)) value = String(y);
    } else if (g.im) {
      const [y, m, d] = [number(g.iy)!, number(g.im)!, number(g.id)!];
      if (validGregorian(y, m, d)) value = iso(y, m, d);
    }
    if (!value) continue;
    const start = match.index + (match[0].length - match[0].trimStart().length);
    add(start, match.index + match[0].trimEnd().length, value, calendar);
  }
  const covered = (start: number, end: number) =>
    mentions.some((m) => start < m.end && m.start < end) || read.some(([from, to]) => start < to && from < end);
  for (const match of text.matchAll(YEAR_RANGE)) {
    const [start, end] = [match.index, match.index + match[0].length];
    const [first, last] = [number(match.groups!.ya)!, number(match.groups!.yb)!];
    if (covered(start, end) || first >= last || last - first > 100 || last > 2099) continue;
    if (match.groups!.yw || rangeLead(start) > 0 ? validGregorian(first, 1) : isYear(text, start, end, first))
      add(start, end, String(first), 'gregorian', String(last));
  }
  for (const match of text.matchAll(BARE_YEAR)) {
    const [start, end] = [match.index, match.index + match[0].length];
    const year = number(match[0])!;
    if (!covered(start, end) && isYear(text, start, end, year)) add(start, end, String(year), 'gregorian');
  }
  if (options.reference) {
    for (const match of text.matchAll(NO_YEAR)) {
      const [start, end] = [match.index, match.index + match[0].trimEnd().length];
      if (covered(start, end)) continue;
      const [m, d] = [GREGORIAN[match.groups!.mm!]!, number(match.groups!.dd)];
      const before = previousBareWord(text, start) ?? '';
      // «نيسان» is also a car maker and «أيلول الأسود» a group: a month alone needs a word that announces a
      // time, or its other name beside it («آذار / مارس»); «14 آذار» after «قوى» is a coalition.
      const paired = /[/(]/u.test(match[0]);
      if ((d === undefined && !paired && !MONTH_BEFORE.has(before)) || NAME_BEFORE.has(before)) continue;
      // The first of a range takes the year of the second: «بين 1 يناير و1 مايو 2019».
      const link = /^\s*(?:[-–]|و|إلى|الى|حتى)\s*/u.exec(text.slice(end))?.[0].length;
      const second = link === undefined ? undefined : mentions.find((mention) => mention.start === end + link);
      const y = second ? Number(second.value.slice(0, 4)) : yearOf(m, options.reference);
      if (validGregorian(y, m, d)) add(start, end, iso(y, m, d), 'gregorian');
    }
    for (const match of text.matchAll(AGO)) {
      const [start, end] = [match.index, match.index + match[0].length];
      const value = agoValue(match.groups!.count, match.groups!.unit!, options.reference);
      if (value && !covered(start, end)) mentions.push({ text: match[0], value, calendar: 'gregorian', start, end });
    }
    for (const match of text.matchAll(WEEKDAY_ALONE)) {
      const g = match.groups!;
      const cue = g.cue ?? g.yesterday ?? g.tomorrow;
      if (!g.day && !cue && !g.when) continue;
      const start = match.index + (cue?.length ?? 0);
      const end = match.index + match[0].length;
      // «غدا الاثنين» is the coming Monday, «أمس الأحد» the last Sunday.
      const direction = g.when ? (NEXT_RE.test(g.when) ? 1 : -1) : g.tomorrow ? 1 : g.yesterday ? -1 : futureBefore(text, start) ? 2 : 0;
      if (!covered(start, end)) add(start, end, weekdayValue(WEEKDAYS[g.name!]!, direction, options.reference), 'gregorian');
    }
    for (const match of text.matchAll(RELATIVE)) {
      const phrase = match.groups!.rel!;
      const start = match.index + match[0].length - phrase.length;
      if (!covered(start, start + phrase.length)) add(start, start + phrase.length, relativeValue(phrase, options.reference), 'gregorian');
    }
  }
  // A range of days in one Gregorian month: «من 13 وحتى 15 تشرين الثاني / نوفمبر 2016».
  const withDayRanges = mentions.map((last) => {
    const range =
      last.calendar === 'gregorian' && last.value.length === 10
        ? DAY_RANGE.exec(text.slice(Math.max(0, last.start - 16), last.start))
        : null;
    const day = number(range?.[1]);
    if (!range || day === undefined || day < 1 || day >= Number(last.value.slice(8))) return last;
    const first = `${last.value.slice(0, 8)}${String(day).padStart(2, '0')}`;
    return mention(last.start - range[0].length, last.end, first, 'gregorian', last.value);
  });
  return withDayRanges.sort((a, b) => a.start - b.start);
}

/**
 * The first full Gregorian date with an Arabic month name in `text`, as YYYY-MM-DD (the cleaner reads
 * datelines and date strips with it).
 */
export function findArabicDate(text: string): { iso: string; index: number; length: number } | undefined {
  const date = extractDates(text).find((d) => d.calendar === 'gregorian' && d.value.length === 10 && MONTH_NAME.test(d.text));
  return date ? { iso: date.value, index: date.start, length: date.end - date.start } : undefined;
}
