/** Script-based language guess, shared by the cleaner and the enricher: enough to route and to set the text direction. */
export interface LanguageGuess {
  language: string;
  confidence: number;
  direction: 'rtl' | 'ltr';
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const PERSIAN_URDU_LETTER = /[پچژگکی]/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/gu;
const ENGLISH_WORD = /\b(?:the|and|of|to|in|is|that|for|with|on)\b/giu;

/** Looking at the first few thousand characters is enough to tell the script, and keeps long pages cheap. */
const SAMPLE = 4000;

export function detectLanguage(fullText: string): LanguageGuess {
  const text = fullText.slice(0, SAMPLE);
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  const letters = arabic + latin;
  if (letters === 0) return { language: 'und', confidence: 0, direction: 'ltr' };
  if (arabic >= latin) {
    const persian = text.match(PERSIAN_URDU_LETTER)?.length ?? 0;
    // Letters Arabic does not use mark Persian or Urdu text written in the same script.
    const language = persian > arabic * 0.02 ? 'fa' : 'ar';
    return { language, confidence: Number((arabic / letters).toFixed(3)), direction: 'rtl' };
  }
  const english = text.match(ENGLISH_WORD)?.length ?? 0;
  const words = text.split(/\s+/).length;
  return english / words > 0.05
    ? { language: 'en', confidence: Number((latin / letters).toFixed(3)), direction: 'ltr' }
    : { language: 'und', confidence: 0, direction: 'ltr' };
}
