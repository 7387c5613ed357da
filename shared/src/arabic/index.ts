export {
  analyzeArabic,
  analyzeWithOffsets,
  asciiDigits,
  normalizeArabic,
  normalizeForMatching,
  segmentWords,
  stemArabic,
  type AnalyzedToken,
  type WordSpan,
} from './analyzer.js';
export { extractDates, findArabicDate, hijriToGregorian, type DateMention } from './dates.js';
export { detectLanguage, type LanguageGuess } from './language.js';
