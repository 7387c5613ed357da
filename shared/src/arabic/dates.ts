import { asciiDigits } from './analyzer.js';

/** Both Arabic month-name sets: the Egyptian/Gulf transliterations and the Levantine/Iraqi names. */
const MONTHS: Record<string, number> = {
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
  اب: 8,
  أيلول: 9,
  ايلول: 9,
  'تشرين الأول': 10,
  'تشرين الاول': 10,
  'تشرين الثاني': 11,
  'كانون الأول': 12,
  'كانون الاول': 12,
};

const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** «2 ديسمبر 2019», «23 آذار/مارس 2021», «٢ كانون الثاني ٢٠٢٠» (digits of any script). */
export const ARABIC_DATE = new RegExp(`(\\p{Nd}{1,2})\\s+(${MONTH_PATTERN})(?:\\s*/\\s*(?:${MONTH_PATTERN}))?\\s+(\\p{Nd}{4})`, 'u');

/** The first Gregorian date written with an Arabic month name in `text`, as YYYY-MM-DD, or undefined. */
export function findArabicDate(text: string): { iso: string; index: number; length: number } | undefined {
  const match = ARABIC_DATE.exec(text);
  if (!match) return undefined;
  const day = Number(asciiDigits(match[1]!));
  const month = MONTHS[match[2]!]!;
  const year = Number(asciiDigits(match[3]!));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return { iso: date.toISOString().slice(0, 10), index: match.index, length: match[0].length };
}
