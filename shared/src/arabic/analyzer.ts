/**
 * The Arabic analysis chain of Lucene's `ArabicAnalyzer` (Elasticsearch's built-in `arabic` analyzer),
 * re-implemented so that the embedded index and dedup see exactly the tokens Elasticsearch indexes:
 *
 *   standard tokenizer (UAX #29 words) → lowercase → decimal digits to ASCII → `_arabic_` stop words
 *   → arabic_normalization → arabic_stem
 *
 * Parity with the engine is checked by `tests/integration/analyzer-parity.test.ts` against `_analyze`.
 */
import { readFileSync } from 'node:fs';

const STOPWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./lucene-arabic-stopwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** A word of the original text with its UTF-16 offsets, before any filter. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/*
 * UAX #29 word boundaries (what Lucene's StandardTokenizer implements) as one regular expression, because
 * Intl.Segmenter is ~25× slower on this corpus. A word is a run of letters, digits and "_" with their
 * combining marks; a MidLetter/MidNumLet character joins two letters («U.S», «don't»), a MidNum/MidNumLet
 * character joins two digits («1,000», «3.5», «١٬٠٠٠»); letters and digits join each other («2022م»).
 * Han and Hiragana characters are words of one character, as in Lucene. Checked against the engine's
 * tokenizer by the parity test. Not handled: emoji tokens and Hebrew-letter quote rules.
 */
const LETTER = String.raw`(?![\p{sc=Han}\p{sc=Hiragana}])[\p{L}\p{Nl}]`;
// U+066B ARABIC DECIMAL SEPARATOR is Numeric in UAX #29.
const DIGIT = String.raw`[\p{Nd}\u066B]`;
// ExtendNumLet: connector punctuation and U+202F NARROW NO-BREAK SPACE join whatever they touch.
const NUMLET = String.raw`[\p{Pc}\u202F]`;
// Extend and Format characters (marks, ZWJ/ZWNJ, bidi marks) belong to the character before them (WB4).
const EXTEND = String.raw`(?:(?!\u200B)[\p{M}\p{Cf}])*`;
const MID_LETTER = String.raw`[:\u00B7\u0387\u055F\u05F4\u2027\uFE13\uFE55\uFF1A'.\u2018\u2019\u2024\uFE52\uFF07\uFF0E]`;
const MID_NUM = String.raw`[,;\u037E\u0589\u060C\u060D\u066C\u07F8\u2044\uFE10\uFE14\uFE50\uFE54\uFF0C\uFF1B'.\u2018\u2019\u2024\uFE52\uFF07\uFF0E]`;
const UNIT = `(?:${LETTER}|${DIGIT}|${NUMLET})${EXTEND}`;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{Nl}\p{Nd}]/u;
const WORD = new RegExp(
  `[\\p{sc=Han}\\p{sc=Hiragana}]${EXTEND}|${UNIT}(?:${UNIT}|(?<=${LETTER}${EXTEND})${MID_LETTER}${EXTEND}(?=${LETTER})|(?<=${DIGIT}${EXTEND})${MID_NUM}${EXTEND}(?=${DIGIT}))*`,
  'gu',
);

/** Lucene's standard tokenizer splits longer tokens; they never occur in news. */
const MAX_TOKEN_LENGTH = 255;

/** UAX #29 word segmentation (Lucene's StandardTokenizer), word-like segments only, with offsets. */
export function segmentWords(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    // A run of connectors alone («_», «__») is not a word.
    if (!HAS_LETTER_OR_DIGIT.test(match[0])) continue;
    const start = match.index;
    const word = match[0].length > MAX_TOKEN_LENGTH ? match[0].slice(0, MAX_TOKEN_LENGTH) : match[0];
    spans.push({ word, start, end: start + match[0].length });
  }
  return spans;
}

const ALEF_FORMS = /[\u0622\u0623\u0625]/g;
const DOTLESS_YEH = /\u0649/g;
const TEH_MARBUTA = /\u0629/g;
/** Tatweel and the eight harakat Lucene removes (fathatan … sukun). */
// eslint-disable-next-line no-misleading-character-class -- the class is meant to match lone combining marks
const TATWEEL_AND_HARAKAT = /[\u0640\u064B-\u0652]/g;

/**
 * Lucene's ArabicNormalizer: alef with madda/hamza → bare alef, alef maksura → yeh, teh marbuta → heh,
 * tatweel and harakat removed. Used for matching only; stored text is never rewritten with it.
 */
export function normalizeArabic(token: string): string {
  return token.replace(TATWEEL_AND_HARAKAT, '').replace(ALEF_FORMS, '\u0627').replace(DOTLESS_YEH, '\u064A').replace(TEH_MARBUTA, '\u0647');
}

const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/**
 * Lucene's ArabicStemmer (Larkey's light stemming): the first matching prefix is removed, then every
 * suffix of the list that matches is removed in turn, each only while two or more letters remain.
 */
export function stemArabic(token: string): string {
  let word = token;
  for (const prefix of PREFIXES) {
    const minLength = prefix.length === 1 ? 4 : prefix.length + 2;
    if (word.length >= minLength && word.startsWith(prefix)) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.length >= suffix.length + 2 && word.endsWith(suffix)) word = word.slice(0, -suffix.length);
  }
  return word;
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const digitValues = new Map<string, string>();

/**
 * Any Unicode decimal digit → its ASCII value (Lucene's DecimalDigitFilter). Unicode lays out every
 * decimal digit set as runs of ten from zero, so a digit's value is its distance from the start of its
 * run, modulo ten (some runs, like the mathematical digits, hold several sets back to back).
 */
export function asciiDigits(token: string): string {
  // Most words hold no digit, and a test is several times cheaper than a replace with a callback.
  if (!DECIMAL_DIGIT.test(token)) return token;
  return token.replace(/\p{Nd}/gu, (digit) => {
    let ascii = digitValues.get(digit);
    if (ascii === undefined) {
      const code = digit.codePointAt(0)!;
      let runStart = code;
      while (DECIMAL_DIGIT.test(String.fromCodePoint(runStart - 1))) runStart -= 1;
      ascii = String((code - runStart) % 10);
      digitValues.set(digit, ascii);
    }
    return ascii;
  });
}

/** An analysed token with the offsets of the word it came from. */
export interface AnalyzedToken extends WordSpan {
  term: string;
}

/** The full `arabic` analyzer chain, keeping offsets (used for highlighting). */
export function analyzeWithOffsets(text: string): AnalyzedToken[] {
  const tokens: AnalyzedToken[] = [];
  for (const span of segmentWords(text)) {
    const lowered = asciiDigits(span.word.toLowerCase());
    if (STOPWORDS.has(lowered)) continue;
    const term = stemArabic(normalizeArabic(lowered));
    if (term !== '') tokens.push({ ...span, term });
  }
  return tokens;
}

/** The full `arabic` analyzer chain: the terms Elasticsearch would index for `text`. */
export function analyzeArabic(text: string): string[] {
  return analyzeWithOffsets(text).map((token) => token.term);
}

/**
 * Normalised form of a whole text for exact-duplicate hashing: the analyzer's normalisation applied to
 * every word (punctuation, whitespace, tashkeel and letter variants no longer matter), no stemming or
 * stop words, so that different wording still hashes differently.
 */
export function normalizeForMatching(text: string): string {
  return segmentWords(text)
    .map((span) => normalizeArabic(asciiDigits(span.word.toLowerCase())))
    .filter((word) => word !== '')
    .join(' ');
}
