/**
 * The enricher step: language and direction; people, places and organisations (a trained tagger and the
 * gazetteer, canonical names, surface forms kept); dates mentioned; keywords; word count and reading time.
 * Pure: the model and the gazetteer come in through the factory.
 */
import { readFileSync } from 'node:fs';
import {
  detectLanguage,
  extractDates,
  ConfigError,
  normalizeArabic,
  ok,
  segmentWords,
  type EnrichedArticle,
  type Entity,
  type Stage,
  type UniqueArticle,
} from '@arabic-news/shared';
import { cliticForms, Gazetteer, type EntityType, type GazetteerData, type Mention } from './gazetteer.js';
import defaultGazetteer from './gazetteer.json' with { type: 'json' };
import { keywords } from './keywords.js';
import { Tagger, TOKEN, type StoredModel } from './ner/perceptron.js';
import { marksFromMentions, spansOf } from './ner/spans.js';

const MODEL_FILE = new URL('../model/ner-model.json', import.meta.url);
/** Arabic news is read at about 180 words a minute. */
const WORDS_PER_MINUTE = 180;

export function loadDefaultGazetteer(): Gazetteer {
  return new Gazetteer(defaultGazetteer as unknown as GazetteerData);
}

/**
 * The tagger in `file` (ENRICHER_NER_MODEL), else the one trained by `npm run train:ner` that ships in the
 * package (CC BY-SA 4.0, derived from ANERcorp). A file that cannot be read or is not a model is a
 * configuration error that names it, at start-up.
 */
export function loadTagger(file?: string): Tagger {
  const where = file ?? MODEL_FILE;
  try {
    const stored = JSON.parse(readFileSync(where, 'utf8')) as Partial<StoredModel> | null;
    if (!stored?.weights || !stored.lexicon || !Array.isArray(stored.common) || !stored.meta) {
      throw new Error('not a tagger model (weights, lexicon, common and meta expected)');
    }
    return new Tagger(stored as StoredModel);
  } catch (error) {
    const problem = `cannot load the NER model ${String(where)}: ${(error as Error).message}`;
    throw file ? new ConfigError([`ENRICHER_NER_MODEL: ${problem}`]) : new Error(problem, { cause: error });
  }
}

export const loadDefaultTagger = (): Tagger => loadTagger();

const TYPE_OF_TAG: Record<string, EntityType> = { PERS: 'people', LOC: 'places', ORG: 'organizations' };
const SENTENCE_END = /^[.؟!?]$/u;

/**
 * Names for tagged spans the gazetteer does not know: the text of the span, without the clitics its first
 * word carries («وبوتين» → «بوتين», «للأمم المتحدة» → «الأمم المتحدة»), but only when something says the
 * letters are clitics and not the name's own («فرنسا», «فيصل», «وليد», «واشنطن» stay): the bare form is a
 * word of another name in the article; or it begins with the article and begins names in the tagger's
 * training data at least as often as the written form; or it begins names there twice as often (not after
 * «ف», rare before a name).
 */
function nameMentions(mentions: Omit<Mention, 'name'>[], known: Mention[], tagger: Tagger): Mention[] {
  const inNames = new Set([...known, ...mentions].flatMap((m) => m.surface.split(/\s+/u).map((word) => normalizeArabic(word))));
  return mentions.map((mention) => {
    const [first = '', ...rest] = mention.surface.split(/(?=\s)/u);
    const bare = cliticForms(first).filter((form) => form !== first && form.length >= 3);
    const seen = tagger.nameStarts(first);
    const name =
      bare.find((form) => inNames.has(normalizeArabic(form))) ??
      bare.find((form) => /^ال\p{L}{3}/u.test(form) && !first.startsWith('ال') && tagger.nameStarts(form) >= seen) ??
      // «ف» before a name is rare in news («فريد» is not «ف» + «ريد»), «و» and the prepositions are not.
      bare.find((form) => !first.startsWith('ف') && tagger.nameStarts(form) >= Math.max(2, 2 * seen)) ??
      first;
    return { ...mention, name: name + rest.join('') };
  });
}

/**
 * Tagger mentions, with character offsets into `text`: the article is tagged sentence by sentence, then as
 * a whole (a name found in one sentence is tagged where the article repeats it). The gazetteer's mentions
 * of the whole text (`known`) give the tagger its gazetteer feature.
 */
export function taggedMentions(text: string, tagger: Tagger, gazetteer: Gazetteer, known: Mention[] = gazetteer.find(text)): Mention[] {
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
  const sentences: (typeof tokens)[] = [];
  // A sentence ends at «.», «؟», «!» or a line break (a title, a dateline, a list item: no name spans one).
  const endsSentence = (i: number) =>
    SENTENCE_END.test(tokens[i]!.word) || (i + 1 < tokens.length && text.slice(tokens[i]!.end, tokens[i + 1]!.start).includes('\n'));
  for (let from = 0; from < tokens.length; ) {
    let to = from;
    while (to < tokens.length && !endsSentence(to)) to += 1;
    sentences.push(tokens.slice(from, Math.min(to + 1, tokens.length)));
    from = to + 1;
  }
  const tags = tagger.tagDocument(
    sentences.map((sentence) => sentence.map((t) => t.word)),
    sentences.map((sentence) => marksFromMentions(sentence, known)),
  );
  const mentions: Omit<Mention, 'name'>[] = [];
  sentences.forEach((sentence, s) => {
    for (const span of spansOf(tags[s]!)) {
      const type = TYPE_OF_TAG[span.type];
      if (!type) continue;
      const start = sentence[span.start]!.start;
      const end = sentence[span.end - 1]!.end;
      mentions.push({ type, surface: text.slice(start, end), start, end });
    }
  });
  return nameMentions(mentions, known, tagger);
}

function collect(mentions: Mention[], type: EntityType): Entity[] {
  const byName = new Map<string, Entity>();
  for (const mention of mentions) {
    if (mention.type !== type) continue;
    const entity = byName.get(mention.name) ?? { name: mention.name, mentions: 0, surfaces: [] };
    entity.mentions += 1;
    if (!entity.surfaces.includes(mention.surface)) entity.surfaces.push(mention.surface);
    byName.set(mention.name, entity);
  }
  return [...byName.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}

export interface EnricherDeps {
  gazetteer: Gazetteer;
  tagger?: Tagger;
  now?: () => Date;
}

export function enrichArticle(article: UniqueArticle, deps: EnricherDeps): EnrichedArticle {
  const text = `${article.title}\n${article.text}`;
  const language = detectLanguage(text);
  // Gazetteer names win (they carry canonical spellings); tagged spans fill in what it does not know.
  const { mentions: known, notNames } = deps.gazetteer.scan(text);
  const tagged = deps.tagger && language.language === 'ar' ? taggedMentions(text, deps.tagger, deps.gazetteer, known) : [];
  const overlaps = (m: Mention) => known.some((k) => m.start < k.end && k.start < m.end);
  // «حفظه الله», «ريال» alone: words and phrases the tagger takes for names and the gazetteer knows are not.
  const notAName = (m: Mention) => notNames.some((n) => n.start <= m.start && m.end <= n.end);
  const mentions = [...known, ...tagged.filter((m) => !overlaps(m) && !notAName(m))];
  // Relative dates («أمس», «العام الماضي») are read from the publication date (its UTC day), when known.
  const datesFrom = (publishedAt?: string) => extractDates(article.text, publishedAt ? { reference: new Date(publishedAt) } : {});
  let dates = datesFrom(article.publishedAt);
  let publishedAt = article.publishedAt;
  // A date in the first words of the text is the dateline's, when the cleaner found no date.
  const datelineDate = publishedAt ? undefined : dates.find((d) => d.start < 60 && d.value.length === 10);
  if (datelineDate) {
    publishedAt = `${datelineDate.value}T00:00:00.000Z`;
    dates = datesFrom(publishedAt);
  }
  const wordCount = segmentWords(article.text).length;
  return {
    ...article,
    publishedAt,
    language: language.language,
    languageConfidence: language.confidence,
    direction: language.direction,
    entities: {
      people: collect(mentions, 'people'),
      places: collect(mentions, 'places'),
      organizations: collect(mentions, 'organizations'),
    },
    dates: dates.map(({ text: written, value, until, calendar }) => ({ text: written, value, ...(until && { until }), calendar })),
    keywords: keywords(text),
    wordCount,
    readingTimeMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    enrichedAt: (deps.now ?? (() => new Date()))().toISOString(),
  };
}

export function createEnricher(deps: EnricherDeps): Stage<UniqueArticle> {
  return {
    name: 'enricher',
    input: 'unique',
    step: (article) => {
      const enriched = enrichArticle(article, deps);
      return ok({ topic: 'enriched', key: enriched.id, value: enriched });
    },
  };
}
