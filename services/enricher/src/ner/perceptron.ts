/**
 * A greedy left-to-right averaged perceptron tagger for BIO named-entity tags (Collins 2002), with word,
 * affix, shape, context, clitic and gazetteer features. Small, fast and trained here by
 * `npm run train:ner` from ANERcorp's training lines; the weights ship in `services/enricher/model/`.
 * A model trained with word clusters (clusters.ts) also has cluster features; the shipped one has none.
 */
import { normalizeArabic, stemArabic } from '@arabic-news/shared';
import { propagate } from './document.js';

export const TAGS = ['O', 'B-PERS', 'I-PERS', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];

export interface Model {
  /** feature → weights, one per tag (only features with a non-zero weight after averaging). */
  weights: Record<string, number[]>;
  /** Entity lexicon learnt from the training data: bare word → its usual tag there (B-PERS, I-ORG…). */
  lexicon: Record<string, string>;
  /** Bare words that are usually not names in the training data: never propagated through an article. */
  common: string[];
  /**
   * How often each written word (normalised, clitics kept) begins a name in the training data: tells the
   * name's own first letter from a clitic («فرنسا», «وزارة» begin names; «وبوتين» is «بوتين» after «و»).
   * Absent from models trained before it was added.
   */
  firstWords?: Record<string, number>;
  /** Word clusters learnt from unlabelled text (`npm run train:clusters`), when the model was trained with them. */
  clusters?: WordClusters;
  meta: { trainedOn: string; epochs: number; features: number; licence: string };
}

/** Word clusters at three levels, coarse to fine (see clusters.ts). */
export interface WordClusters {
  /** Number of clusters at each level. */
  sizes: number[];
  /** Bare word → its cluster at each level. */
  words: Record<string, number[]>;
  meta: { source: string; tokens: number; licence: string };
}
export const CLUSTER_LEVELS = 3;
const NO_CLUSTER = [-1, -1, -1];

/** Tokens as ANERcorp has them: words, and each punctuation mark on its own. */
export const TOKEN = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;

const CLITICS = /^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?/u;
const bareOf = (norm: string) => (norm.length > 3 ? norm.replace(CLITICS, '') || norm : norm);
/** A word normalised and without its clitics («وبالصين» → «صين»): the key of the lexicon and the clusters. */
export const bareWord = (word: string): string => bareOf(normalizeArabic(word.toLowerCase()));
const shape = (word: string) =>
  /^\p{Nd}+$/u.test(word)
    ? 'digits'
    : /\p{Nd}/u.test(word)
      ? 'has-digit'
      : /[A-Za-z]/.test(word)
        ? 'latin'
        : /^\p{P}+$/u.test(word)
          ? 'punct'
          : 'arabic';

/** Per-token context computed once per sentence. */
export interface TokenView {
  word: string;
  norm: string;
  bare: string;
  stem: string;
  /** The word's cluster at each level (-1: a word the clusters do not know); absent without clusters. */
  clusters?: number[];
}

export function view(words: string[], clusters?: Record<string, number[]>): TokenView[] {
  return words.map((word) => {
    const norm = normalizeArabic(word.toLowerCase());
    const bare = bareOf(norm);
    const token: TokenView = { word, norm, bare, stem: stemArabic(norm) };
    if (clusters) token.clusters = clusters[bare] ?? NO_CLUSTER;
    return token;
  });
}

/** What a feature template's value depends on, and so how often the tagger computes it. */
type Group =
  /** The word alone: once per distinct word. */
  | 'word'
  /** The word and the previous tag: once per distinct word and previous tag. */
  | 'wordTag'
  /**
   * One property of the word at an offset: once per distinct word and offset. Past the sentence's ends the
   * value is «<s>» / «</s>», when the token itself has the property (a model without word clusters has no
   * cluster features at all).
   */
  | 'neighbour'
  /** The sentence around the word as pairs, its gazetteer and lexicon marks, its word clusters: once per token. */
  | 'context'
  /** The tags chosen before, with a mark or cluster: once per token and previous tags. */
  | 'tag';

const stemOf = (t: TokenView) => t.stem;
const normOf = (t: TokenView) => t.norm;
const bareIn = (t: TokenView) => t.bare;
const clusterOf = (level: number) => (t: TokenView) => t.clusters && String(t.clusters[level]);

/**
 * The feature templates (a feature is `template=value`; 'b' is the bias), in the order training adds a
 * token's weights up, which `train:ner` keeps so as to rewrite the shipped model byte for byte
 * (floating-point sums depend on their order). Each group's value function lists its values in this order.
 */
const TEMPLATES = [
  { name: 'b', group: 'word' },
  { name: 'w', group: 'word' },
  { name: 'bare', group: 'word' },
  { name: 'stem', group: 'word' },
  { name: 'p1', group: 'word' },
  { name: 'p2', group: 'word' },
  { name: 'p3', group: 'word' },
  { name: 's1', group: 'word' },
  { name: 's2', group: 'word' },
  { name: 's3', group: 'word' },
  { name: 's4', group: 'word' },
  { name: 'bp2', group: 'word' },
  { name: 'bs2', group: 'word' },
  { name: 'bs3', group: 'word' },
  { name: 'stem-1', group: 'neighbour', offset: -1, of: stemOf },
  { name: 'stem+1', group: 'neighbour', offset: 1, of: stemOf },
  { name: 'w-1|w+1', group: 'context' },
  { name: 'shape', group: 'word' },
  { name: 'len', group: 'word' },
  { name: 'al', group: 'word' },
  { name: 'w-1', group: 'neighbour', offset: -1, of: normOf },
  { name: 'w+1', group: 'neighbour', offset: 1, of: normOf },
  { name: 'w-2', group: 'neighbour', offset: -2, of: normOf },
  { name: 'w+2', group: 'neighbour', offset: 2, of: normOf },
  { name: 'bare-1', group: 'neighbour', offset: -1, of: bareIn },
  { name: 'bare+1', group: 'neighbour', offset: 1, of: bareIn },
  { name: 'w-1|w', group: 'context' },
  { name: 'w|w+1', group: 'context' },
  { name: 't-1', group: 'tag' },
  { name: 't-2|t-1', group: 'tag' },
  { name: 't-1|w', group: 'wordTag' },
  { name: 't-1|bare', group: 'wordTag' },
  { name: 'gaz', group: 'context' },
  { name: 'gaz|t-1', group: 'tag' },
  { name: 'gaz+1', group: 'context' },
  { name: 'lex', group: 'context' },
  { name: 'lex-1', group: 'context' },
  { name: 'lex+1', group: 'context' },
  { name: 'lex|t-1', group: 'tag' },
  { name: 'c0', group: 'context' },
  { name: 'c1', group: 'context' },
  { name: 'c2', group: 'context' },
  { name: 'c1-1', group: 'neighbour', offset: -1, of: clusterOf(1) },
  { name: 'c1+1', group: 'neighbour', offset: 1, of: clusterOf(1) },
  { name: 'c2-1', group: 'neighbour', offset: -1, of: clusterOf(2) },
  { name: 'c2+1', group: 'neighbour', offset: 1, of: clusterOf(2) },
  { name: 'c2|t-1', group: 'tag' },
] as const satisfies readonly { name: string; group: Group; offset?: number; of?: (t: TokenView) => string | undefined }[];
type Template = (typeof TEMPLATES)[number]['name'];
type Neighbour = Extract<(typeof TEMPLATES)[number], { group: 'neighbour' }>;

const namesIn = (group: Group): Template[] => TEMPLATES.filter((t) => t.group === group).map((t) => t.name);
const WORD_TEMPLATES = namesIn('word');
const WORD_TAG_TEMPLATES = namesIn('wordTag');
const NEIGHBOURS = TEMPLATES.filter((t): t is Neighbour => t.group === 'neighbour');
const CONTEXT_TEMPLATES = namesIn('context');
const TAG_TEMPLATES = namesIn('tag');
const OFFSETS = [-2, -1, 1, 2] as const;
const boundary = (offset: number) => (offset < 0 ? '<s>' : '</s>');

/** Values of the word group's templates for a token. */
function wordValues(t: TokenView): string[] {
  const n = t.norm;
  return [
    '',
    n,
    t.bare,
    t.stem,
    n.slice(0, 1),
    n.slice(0, 2),
    n.slice(0, 3),
    n.slice(-1),
    n.slice(-2),
    n.slice(-3),
    n.slice(-4),
    t.bare.slice(0, 2),
    t.bare.slice(-2),
    t.bare.slice(-3),
    shape(t.word),
    String(Math.min(n.length, 8)),
    String(n.startsWith('ال')),
  ];
}

/**
 * A template's value for a token: a string, a pair of strings (the feature's value is the two joined by
 * «|»; the tagger looks the pair up without building that string), or nothing.
 */
type Value = string | Pair | undefined;
type Pair = [string, string];

/** Values of the wordTag group's templates for a token after the tag `prev`. */
const wordTagValues = (t: TokenView, prev: string): Value[] => [
  [prev, t.norm],
  [prev, t.bare],
];

/** Values of the neighbour group's templates for token `i`. */
const neighbourValues = (tokens: TokenView[], i: number): Value[] =>
  NEIGHBOURS.map(({ offset, of }) => {
    const token = tokens[i + offset];
    return token ? of(token) : of(tokens[i]!) === undefined ? undefined : boundary(offset);
  });

/** Values of the context group's templates for token `i`; without word clusters, the cluster templates have no value. */
function contextValues(tokens: TokenView[], i: number, gaz: string[], lex: string[]): Value[] {
  const c = tokens[i]!.clusters;
  const at = (k: number) => tokens[i + k]?.norm ?? boundary(k);
  return [
    [at(-1), at(1)],
    [at(-1), at(0)],
    [at(0), at(1)],
    gaz[i] ?? 'O',
    gaz[i + 1] ?? 'O',
    lex[i] ?? '-',
    lex[i - 1] ?? '-',
    lex[i + 1] ?? '-',
    c && String(c[0]),
    c && String(c[1]),
    c && String(c[2]),
  ];
}

/** Values of the tag group's templates for token `i` after the tags `prev2`, `prev`. */
function tagValues(tokens: TokenView[], i: number, prev: string, prev2: string, gaz: string[], lex: string[]): Value[] {
  const c = tokens[i]!.clusters;
  return [prev, [prev2, prev], [gaz[i] ?? 'O', prev], [lex[i] ?? '-', prev], c && [String(c[2]), prev]];
}

/** The features of token `i` as `template=value` strings, in TEMPLATES order (training and the stored model use these). */
export function features(tokens: TokenView[], i: number, prev: string, prev2: string, gaz: string[], lex: string[] = []): string[] {
  const t = tokens[i]!;
  const values: Record<Group, Value[]> = {
    word: wordValues(t),
    wordTag: wordTagValues(t, prev),
    neighbour: neighbourValues(tokens, i),
    context: contextValues(tokens, i, gaz, lex),
    tag: tagValues(tokens, i, prev, prev2, gaz, lex),
  };
  const next: Record<Group, number> = { word: 0, wordTag: 0, neighbour: 0, context: 0, tag: 0 };
  const out: string[] = [];
  for (const { name, group } of TEMPLATES) {
    const value = values[group][next[group]++];
    if (value !== undefined) out.push(name === 'b' ? 'b' : `${name}=${typeof value === 'string' ? value : value.join('|')}`);
  }
  return out;
}

/** An I- tag may only follow a B- or I- tag of its type: the decoder never emits broken spans. */
function allowed(tag: Tag, prev: string): boolean {
  return !tag.startsWith('I-') || prev.slice(2) === tag.slice(2);
}

/** On disk, each feature keeps only its non-zero weights as [tag index, weight, …] (a third of the size). */
export interface StoredModel extends Omit<Model, 'weights'> {
  weights: Record<string, number[]>;
}

export function toStored(model: Model): StoredModel {
  const weights: Record<string, number[]> = {};
  for (const [feature, w] of Object.entries(model.weights)) {
    const sparse = w.flatMap((value, k) => (Math.abs(value) >= 0.0005 ? [k, Number(value.toFixed(3))] : []));
    if (sparse.length > 0) weights[feature] = sparse;
  }
  return { ...model, weights };
}

/** The tags a token can follow: the sentence start or a tag. */
const PREVIOUS = ['<s>', ...TAGS] as const;
/** ALLOWED[p][k]: may TAGS[k] follow PREVIOUS[p]? */
const ALLOWED = PREVIOUS.map((prev) => TAGS.map((tag) => allowed(tag, prev)));
/**
 * How many words met lately the tagger keeps with their view and scores (and as many met before them; a
 * worker runs for months). About 1 kB a word (measured: 37,426 words held 35.8 MB), so at most ~19 MB.
 */
const WORDS_KEPT = 10_000;

/**
 * Weights, one per tag: plain arrays of numbers (a typed array keeps its numbers outside the heap, with
 * ~150 bytes of bookkeeping each, which for hundreds of thousands of short arrays is most of their memory).
 */
type Vector = number[];
const zeros = (): Vector => TAGS.map(() => 0);

/**
 * A template's weights by value. A value that joins two strings with «|» is also kept under each way of
 * cutting it at a «|» (a token may be «|» itself; the wrong cuts leave a part that is no token, never asked
 * for), so that a pair is looked up without building the joined string.
 */
class Table {
  readonly byValue = new Map<string, Vector>();
  private readonly byPair = new Map<string, Map<string, Vector>>();

  set(value: string, weights: Vector): void {
    this.byValue.set(value, weights);
    for (let cut = value.indexOf('|'); cut >= 0; cut = value.indexOf('|', cut + 1)) {
      const [left, right] = [value.slice(0, cut), value.slice(cut + 1)];
      const rights = this.byPair.get(left) ?? new Map<string, Vector>();
      rights.set(right, weights);
      this.byPair.set(left, rights);
    }
  }

  get(value: string | Pair): Vector | undefined {
    return typeof value === 'string' ? this.byValue.get(value) : this.byPair.get(value[0])?.get(value[1]);
  }
}

/** What the tagger keeps of a word: its view, its summed weights alone and as a neighbour, and after each previous tag. */
interface KnownWord {
  token: TokenView;
  /**
   * In one array: the summed weights of the word group's templates, then those of the neighbour group's
   * when the word stands at each of OFFSETS from the token tagged, TAGS.length each.
   */
  scores: Vector;
  afterTag: (Vector | undefined)[];
}

export class Tagger {
  /**
   * One Table per template, keyed by the feature's value: lookups in a 100,000-key object are several times
   * slower, and a value is most often a word whose hash the engine has already computed.
   */
  private readonly tables = new Map<Template, Table>(TEMPLATES.map(({ name }) => [name, new Table()]));
  /** Words met lately and, before them, the words met before: frequent words stay, rare ones go. */
  private words = new Map<string, KnownWord>();
  private wordsBefore = new Map<string, KnownWord>();
  private readonly wordTables = WORD_TEMPLATES.map((template) => this.tables.get(template)!);
  private readonly wordTagTables = WORD_TAG_TEMPLATES.map((template) => this.tables.get(template)!);
  private readonly contextTables = CONTEXT_TEMPLATES.map((template) => this.tables.get(template)!);
  private readonly tagTables = TAG_TEMPLATES.map((template) => this.tables.get(template)!);
  /** NEIGHBOURS' weights at each of OFFSETS past the sentence's ends. */
  private readonly beyond: Vector[];
  private readonly lexicon: Record<string, string>;
  private readonly common: Set<string>;
  private readonly firstWords: Record<string, number>;
  private readonly clusters?: Record<string, number[]>;

  constructor(stored: StoredModel) {
    if (stored.clusters && stored.clusters.sizes.length !== CLUSTER_LEVELS) {
      throw new Error(`the NER model's word clusters have ${stored.clusters.sizes.length} levels, not ${CLUSTER_LEVELS}`);
    }
    for (const [feature, sparse] of Object.entries(stored.weights)) {
      const w = zeros();
      for (let j = 0; j < sparse.length; j += 2) w[sparse[j]!] = sparse[j + 1]!;
      const equals = feature.indexOf('=');
      const table = this.tables.get(equals < 0 ? 'b' : (feature.slice(0, equals) as Template));
      if (!table) throw new Error(`the NER model has a feature of an unknown template: ${feature}`);
      table.set(equals < 0 ? '' : feature.slice(equals + 1), w);
    }
    this.lexicon = stored.lexicon;
    this.common = new Set(stored.common);
    this.firstWords = stored.firstWords ?? {};
    this.clusters = stored.clusters?.words;
    this.beyond = OFFSETS.map((offset) => this.neighbourScores(offset));
  }

  /** How often the training data begins a name with `word` (as written, normalised). */
  nameStarts(word: string): number {
    return this.firstWords[normalizeArabic(word.toLowerCase())] ?? 0;
  }

  /**
   * Tags the sentences of one article: each sentence on its own, then the names found are carried to
   * their other mentions in the article (see `propagate`). `gaz` holds each sentence's gazetteer marks.
   */
  tagDocument(sentences: string[][], gaz: string[][] = []): Tag[][] {
    const known = sentences.map((words) => words.map((word) => this.known(word)));
    const tags = known.map((words, s) => this.tagWords(words, gaz[s]));
    return propagate(
      known.map((words) => words.map((w) => w.token.bare)),
      tags,
      (bare) => this.common.has(bare),
    );
  }

  tag(words: string[], gaz: string[] = []): Tag[] {
    return this.tagWords(
      words.map((word) => this.known(word)),
      gaz,
    );
  }

  /** The word's view and scores: from the words met lately, else from those met before them, else computed. */
  private known(word: string): KnownWord {
    let known = this.words.get(word);
    if (known) return known;
    known = this.wordsBefore.get(word);
    if (!known) {
      const [token] = view([word], this.clusters) as [TokenView];
      known = {
        token,
        scores: [
          ...this.add(zeros(), this.wordTables, wordValues(token)),
          ...OFFSETS.flatMap((offset) => this.neighbourScores(offset, token)),
        ],
        afterTag: [],
      };
    }
    if (this.words.size >= WORDS_KEPT) [this.wordsBefore, this.words] = [this.words, new Map()];
    this.words.set(word, known);
    return known;
  }

  /** The summed weights of NEIGHBOURS at `offset` for a word there, or past the sentence's end without `token`. */
  private neighbourScores(offset: number, token?: TokenView): Vector {
    const scores = zeros();
    for (const neighbour of NEIGHBOURS) {
      if (neighbour.offset !== offset) continue;
      const value = token ? neighbour.of(token) : boundary(offset);
      if (value !== undefined) this.add(scores, [this.tables.get(neighbour.name)!], [value]);
    }
    return scores;
  }

  /** Adds the weights of the templates' features to `scores`. */
  private add(scores: Vector, tables: Table[], values: Value[]): Vector {
    for (let f = 0; f < tables.length; f += 1) {
      const value = values[f];
      if (value === undefined) continue;
      const weights = tables[f]!.get(value);
      if (weights) for (let k = 0; k < TAGS.length; k += 1) scores[k] = scores[k]! + weights[k]!;
    }
    return scores;
  }

  private tagWords(words: KnownWord[], gaz: string[] = []): Tag[] {
    const tokens = words.map((w) => w.token);
    const lex = lexiconMarks(tokens, this.lexicon);
    const tags: Tag[] = [];
    const scores = zeros();
    for (let i = 0; i < tokens.length; i += 1) {
      const prev = tags[i - 1] ?? '<s>';
      const word = words[i]!;
      const p = PREVIOUS.indexOf(prev);
      const afterTag = (word.afterTag[p] ??= this.add(zeros(), this.wordTagTables, wordTagValues(word.token, prev)));
      for (let k = 0; k < TAGS.length; k += 1) scores[k] = word.scores[k]! + afterTag[k]!;
      OFFSETS.forEach((offset, o) => {
        const neighbour = words[i + offset];
        const [around, from] = neighbour ? [neighbour.scores, (o + 1) * TAGS.length] : [this.beyond[o]!, 0];
        for (let k = 0; k < TAGS.length; k += 1) scores[k] = scores[k]! + around[from + k]!;
      });
      this.add(scores, this.contextTables, contextValues(tokens, i, gaz, lex));
      this.add(scores, this.tagTables, tagValues(tokens, i, prev, tags[i - 2] ?? '<s>', gaz, lex));
      const may = ALLOWED[p]!;
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < TAGS.length; k += 1) {
        if (scores[k]! > bestScore && may[k]) [best, bestScore] = [k, scores[k]!];
      }
      tags.push(TAGS[best]!);
    }
    return tags;
  }
}

/** Bare words seen at least three times in the training data, mostly outside names. */
export function commonWords(sentences: { words: string[]; tags: readonly string[] }[]): string[] {
  const counts = new Map<string, { outside: number; inside: number }>();
  for (const sentence of sentences) {
    view(sentence.words).forEach((token, i) => {
      const c = counts.get(token.bare) ?? { outside: 0, inside: 0 };
      c[sentence.tags[i] === 'O' ? 'outside' : 'inside'] += 1;
      counts.set(token.bare, c);
    });
  }
  return [...counts].filter(([, c]) => c.outside >= 3 && c.outside > c.inside).map(([word]) => word);
}

/** Each written word (normalised) that begins a name in the training data, with how often it does. */
export function nameFirstWords(sentences: { words: string[]; tags: readonly string[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sentence of sentences) {
    sentence.tags.forEach((tag, i) => {
      if (!tag.startsWith('B-') || tag === 'B-MISC') return;
      const word = normalizeArabic(sentence.words[i]!.toLowerCase());
      counts[word] = (counts[word] ?? 0) + 1;
    });
  }
  return counts;
}

/** Lexicon tags of a sentence's tokens. */
export function lexiconMarks(tokens: TokenView[], lexicon: Record<string, string>): string[] {
  return tokens.map((t) => lexicon[t.bare] ?? '-');
}

/**
 * The lexicon of a set of sentences: words seen at least twice as part of entities, mostly (≥ 60 %) with
 * one tag. For training, each fold's lexicon comes from the other folds (jackknifing), so that the feature
 * is as reliable in training as it will be on unseen text.
 */
export function buildLexicon(sentences: { words: string[]; tags: readonly string[] }[]): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const sentence of sentences) {
    view(sentence.words).forEach((token, i) => {
      const byTag = counts.get(token.bare) ?? new Map<string, number>();
      byTag.set(sentence.tags[i]!, (byTag.get(sentence.tags[i]!) ?? 0) + 1);
      counts.set(token.bare, byTag);
    });
  }
  const lexicon: Record<string, string> = {};
  for (const [word, byTag] of counts) {
    const total = [...byTag.values()].reduce((a, b) => a + b, 0);
    const [tag, count] = [...byTag].sort((a, b) => b[1] - a[1])[0]!;
    if (tag !== 'O' && count >= 2 && count / total >= 0.6) lexicon[word] = tag;
  }
  return lexicon;
}

/** Trains with averaged weights (lazy averaging with timestamps), sentences shuffled each epoch. */
export function train(
  sentences: { tokens: TokenView[]; tags: Tag[]; gaz: string[]; lex: string[] }[],
  epochs: number,
  random: () => number,
): Model['weights'] {
  const weights = new Map<string, Float64Array>();
  const totals = new Map<string, Float64Array>();
  const stamps = new Map<string, Float64Array>();
  let clock = 0;
  const update = (feature: string, tag: number, delta: number) => {
    let w = weights.get(feature);
    if (!w) {
      w = new Float64Array(TAGS.length);
      weights.set(feature, w);
      totals.set(feature, new Float64Array(TAGS.length));
      stamps.set(feature, new Float64Array(TAGS.length));
    }
    const total = totals.get(feature)!;
    const stamp = stamps.get(feature)!;
    total[tag]! += (clock - stamp[tag]!) * w[tag]!;
    stamp[tag] = clock;
    w[tag]! += delta;
  };
  const order = sentences.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const { tokens, tags: gold, gaz, lex } = sentences[index]!;
      const predicted: Tag[] = [];
      for (let i = 0; i < tokens.length; i += 1) {
        clock += 1;
        const prev = predicted[i - 1] ?? '<s>';
        const feats = features(tokens, i, prev, predicted[i - 2] ?? '<s>', gaz, lex);
        const scores = new Float64Array(TAGS.length);
        for (const feature of feats) {
          const w = weights.get(feature);
          if (w) for (let k = 0; k < TAGS.length; k += 1) scores[k] = scores[k]! + w[k]!;
        }
        let best = 0;
        for (let k = 1; k < TAGS.length; k += 1) if (scores[k]! > scores[best]!) best = k;
        const truth = TAGS.indexOf(gold[i]!);
        if (best !== truth) {
          for (const feature of feats) {
            update(feature, truth, 1);
            update(feature, best, -1);
          }
        }
        // The history is the gold tags (on its own predictions, the tagger scored lower: see BENCHMARKS.md).
        predicted.push(gold[i]!);
      }
    }
  }
  const averaged: Model['weights'] = {};
  for (const [feature, w] of weights) {
    const total = totals.get(feature)!;
    const stamp = stamps.get(feature)!;
    const avg = Array.from(w, (value, k) => Number(((total[k]! + (clock - stamp[k]!) * value) / clock).toFixed(4)));
    if (avg.some((value) => value !== 0)) averaged[feature] = avg;
  }
  return averaged;
}
