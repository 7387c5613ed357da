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

/** A phrase that looks like a name to the tagger and is not one, with a real example of it. */
export interface NotName {
  text: string;
  example: string;
}

export interface GazetteerData {
  people: GazetteerEntry[];
  places: GazetteerEntry[];
  organizations: GazetteerEntry[];
  /** Words and phrases never reported as names (a tagged span inside one is dropped): «حفظه الله», «ريال». */
  notNames?: NotName[];
}

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

interface Match<T> {
  target: T;
  surface: string;
  start: number;
  end: number;
}

/** A word of a text, normalised, with its offsets. */
interface TextWord {
  word: string;
  start: number;
  end: number;
}

/**
 * The words of a text, normalised. A word that normalisation empties (a tatweel standing alone: «لمصر ـ») is
 * left out: it is no word of a phrase, and a match never ends on it.
 */
function textWords(text: string): TextWord[] {
  return segmentWords(text)
    .map((span) => ({ ...span, word: normalizeWord(span.word) }))
    .filter((span) => span.word !== '');
}

/** Phrases (normalised words) matched in a text through clitics and spellings, longest first at each word. */
class Phrases<T> {
  private readonly byKey = new Map<string, T>();
  /** The phrases' first words: a word none of whose forms is one begins no match (most words). */
  private readonly firstWords = new Set<string>();
  private maxWords = 1;

  /** The first to claim a form keeps it: more specific lists come first in the data. */
  add(form: string, target: T): void {
    const words = segmentWords(form).map((span) => normalizeWord(span.word));
    this.maxWords = Math.max(this.maxWords, words.length);
    const key = words.join(' ');
    this.firstWords.add(key.split(' ')[0]!);
    if (!this.byKey.has(key)) this.byKey.set(key, target);
  }

  /** Every match among the words of `text` (`textWords`), longest match first at each position, without overlaps. */
  find(text: string, spans: TextWord[]): Match<T>[] {
    const words = spans.map((span) => span.word);
    const found: Match<T>[] = [];
    for (let i = 0; i < spans.length; ) {
      const firsts = cliticForms(words[i]!).filter((form) => this.firstWords.has(form));
      let matched = 0;
      for (let n = Math.min(this.maxWords, spans.length - i); n >= 1 && matched === 0 && firsts.length > 0; n -= 1) {
        const rest = words.slice(i + 1, i + n).join(' ');
        for (const first of firsts) {
          const target = this.byKey.get(rest ? `${first} ${rest}` : first);
          if (target !== undefined) {
            const [start, end] = [spans[i]!.start, spans[i + n - 1]!.end];
            found.push({ target, surface: text.slice(start, end), start, end });
            matched = n;
            break;
          }
        }
      }
      i += matched || 1;
    }
    return found;
  }
}

export class Gazetteer {
  private readonly names = new Phrases<Target>();
  private readonly notNames = new Phrases<true>();

  constructor(data: GazetteerData) {
    for (const type of ['people', 'places', 'organizations'] as const) {
      for (const entry of data[type]) for (const form of [entry.name, ...entry.variants]) this.names.add(form, { type, name: entry.name });
    }
    for (const entry of data.notNames ?? []) this.notNames.add(entry.text, true);
  }

  /** Every mention in `text`, longest match first at each position, without overlaps. */
  find(text: string): Mention[] {
    return this.mentionsIn(text, textWords(text));
  }

  /** Where `text` holds a phrase that is not a name (see `GazetteerData.notNames`). */
  findNotNames(text: string): { start: number; end: number }[] {
    return this.notNamesIn(text, textWords(text));
  }

  /** `find` and `findNotNames` at once, the text segmented and normalised once for both. */
  scan(text: string): { mentions: Mention[]; notNames: { start: number; end: number }[] } {
    const words = textWords(text);
    return { mentions: this.mentionsIn(text, words), notNames: this.notNamesIn(text, words) };
  }

  private mentionsIn(text: string, words: TextWord[]): Mention[] {
    return this.names.find(text, words).map(({ target, ...span }) => ({ ...target, ...span }));
  }

  private notNamesIn(text: string, words: TextWord[]): { start: number; end: number }[] {
    return this.notNames.find(text, words).map(({ start, end }) => ({ start, end }));
  }
}
