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

/** Lucene's standard tokenizer drops tokens longer than this (it splits them; they never occur in news). */
const MAX_TOKEN_LENGTH = 255;

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** A word of the original text with its UTF-16 offsets, before any filter. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/** UAX #29 word segmentation (what Lucene's StandardTokenizer implements), keeping only word-like segments. */
export function segmentWords(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const seg of wordSegmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const word = seg.segment.length > MAX_TOKEN_LENGTH ? seg.segment.slice(0, MAX_TOKEN_LENGTH) : seg.segment;
    spans.push({ word, start: seg.index, end: seg.index + seg.segment.length });
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
