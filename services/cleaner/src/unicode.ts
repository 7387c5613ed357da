/**
 * Unicode clean-up of stored text: NFC, tatweel, zero-width and bidi controls removed, spaces normalised.
 * The letters themselves are never changed (matching normalisation belongs to the analyzer).
 */
const INVISIBLE = /[\u0640\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

export function cleanUnicode(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(SPACES, ' ');
}

/** Splits into trimmed, non-empty paragraphs with runs of spaces collapsed. */
export function toParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter(Boolean);
}
