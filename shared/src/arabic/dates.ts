/**
 * Dates mentioned in Arabic text, as ISO values: Gregorian dates with either set of month names
 * («2 ديسمبر 2019», «15 تشرين الأول 2020»), month and year («مارس 2021»), numeric dates («23/03/2021»,
 * «2021-03-23»), and Hijri dates («15 رمضان 1436 هـ») converted to the Gregorian calendar (Umm al-Qura).
 * Digits of any script are read (Arabic-Indic «٢٠٢١»); the text itself is left as written.
 */
import { asciiDigits } from './analyzer.js';

export interface DateMention {
  /** The text as written. */
  text: string;
  /** YYYY-MM-DD, or YYYY-MM / YYYY for a month or a year. */
  value: string;
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
// Clitics before a day («في 5 مارس», «و5 مارس») are outside the match; «آذار/مارس» pairs are one month.
const PATTERN = new RegExp(
  [
    `(?<hd>${D}{1,2})\\s+(?<hm>${H})\\s+(?<hy>${D}{3,4})\\s*(?:هـ|ه\\b|هجري|هجرية)`,
    `(?<gd>${D}{1,2})?\\s*(?<gm>${G})(?:\\s*[/(]\\s*(?:${G})\\)?)?\\s*[،,]?\\s+(?<gy>${D}{4})`,
    `(?<nd>${D}{1,2})\\s?[/.-]\\s?(?<nm>${D}{1,2})\\s?[/.-]\\s?(?<ny>${D}{4})`,
    `(?<iy>${D}{4})-(?<im>${D}{2})-(?<id>${D}{2})`,
    // A year alone only after a word that makes it one: «عام 2015», «في العام 1948», «سنة ١٩٩٠».
    `(?:عام|العام|سنة|السنة|لعام|بعام)\\s+(?<yy>${D}{4})(?!\\s*[/.-]?\\s*${D})`,
  ].join('|'),
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

export function extractDates(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const g = match.groups!;
    let value: string | undefined;
    let calendar: DateMention['calendar'] = 'gregorian';
    if (g.hm) {
      calendar = 'hijri';
      value = hijriToGregorian(number(g.hy)!, HIJRI[g.hm]!, number(g.hd)!);
    } else if (g.gm) {
      const [y, m, d] = [number(g.gy)!, GREGORIAN[g.gm]!, number(g.gd)];
      if (validGregorian(y, m, d)) value = iso(y, m, d);
    } else if (g.nm) {
      const [y, m, d] = [number(g.ny)!, number(g.nm)!, number(g.nd)!];
      if (validGregorian(y, m, d)) value = iso(y, m, d);
    } else if (g.yy) {
      const y = number(g.yy)!;
      if (validGregorian(y, 1)) value = String(y);
    } else if (g.im) {
      const [y, m, d] = [number(g.iy)!, number(g.im)!, number(g.id)!];
      if (validGregorian(y, m, d)) value = iso(y, m, d);
    }
    if (!value) continue;
    const start = match.index + (match[0].length - match[0].trimStart().length);
    mentions.push({ text: match[0].trim(), value, calendar, start, end: match.index + match[0].length });
  }
  return mentions;
}

/**
 * The first full Gregorian date with an Arabic month name in `text`, as YYYY-MM-DD (the cleaner reads
 * datelines and date strips with it).
 */
export function findArabicDate(text: string): { iso: string; index: number; length: number } | undefined {
  const date = extractDates(text).find((d) => d.calendar === 'gregorian' && d.value.length === 10 && /\p{L}/u.test(d.text));
  return date ? { iso: date.value, index: date.start, length: date.end - date.start } : undefined;
}
