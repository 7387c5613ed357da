/**
 * Gazetteer matching through Arabic clitics and spelling: names and text are compared after the
 * analyzer's normalisation (alef/hamza, ta marbuta, alef maksura, tashkeel), and a text word may carry
 * the conjunctions و/ف and the prepositions ب/ل/ك before the name («وبوتين», «لبكين», «بالأمم المتحدة»).
 */
import { normalizeArabic, segmentWords } from '@arabic-news/shared';

export type EntityType = 'people' | 'places' | 'organizations';

export interface GazetteerEntry {
  name: string;
  variants: string[];
}

export type GazetteerData = Record<EntityType, GazetteerEntry[]>;

export interface Mention {
  type: EntityType;
  name: string;
  surface: string;
  start: number;
  end: number;
}

interface Target {
  type: EntityType;
  name: string;
}

const normalizeWord = (word: string) => normalizeArabic(word);

/**
 * Forms a text word may have once its clitics are taken off, the word itself first («بالأمم» → «بالأمم»,
 * «الأمم»; «للصين» → «للصين», «الصين», «لصين»).
 */
export function cliticForms(word: string): string[] {
  const forms = new Set([word]);
  for (const form of [...forms]) if (/^[وف]/.test(form) && form.length > 2) forms.add(form.slice(1));
  for (const form of [...forms]) {
    if (form.startsWith('لل') && form.length > 3) forms.add(`ال${form.slice(2)}`);
    if (/^[بلك]/.test(form) && form.length > 2) forms.add(form.slice(1));
  }
  return [...forms];
}

export class Gazetteer {
  private readonly phrases = new Map<string, Target>();
  private readonly maxWords: number;

  constructor(data: GazetteerData) {
    let maxWords = 1;
    for (const type of ['people', 'places', 'organizations'] as const) {
      for (const entry of data[type]) {
        for (const form of [entry.name, ...entry.variants]) {
          const words = segmentWords(form).map((span) => normalizeWord(span.word));
          maxWords = Math.max(maxWords, words.length);
          const key = words.join(' ');
          // The first entry to claim a form keeps it: more specific lists come first in the data.
          if (!this.phrases.has(key)) this.phrases.set(key, { type, name: entry.name });
        }
      }
    }
    this.maxWords = maxWords;
  }

  /** Every mention in `text`, longest match first at each position, without overlaps. */
  find(text: string): Mention[] {
    const spans = segmentWords(text);
    const words = spans.map((span) => normalizeWord(span.word));
    const mentions: Mention[] = [];
    for (let i = 0; i < spans.length; ) {
      let matched = 0;
      for (let n = Math.min(this.maxWords, spans.length - i); n >= 1 && matched === 0; n -= 1) {
        const rest = words.slice(i + 1, i + n).join(' ');
        for (const first of cliticForms(words[i]!)) {
          const target = this.phrases.get(rest ? `${first} ${rest}` : first);
          if (target) {
            const start = spans[i]!.start;
            const end = spans[i + n - 1]!.end;
            mentions.push({ ...target, surface: text.slice(start, end), start, end });
            matched = n;
            break;
          }
        }
      }
      i += matched || 1;
    }
    return mentions;
  }
}
