/**
 * npm run train:ner [-- epochs] [--dev | --cv] [--clusters <file> [--out <file>]]
 * Trains the enricher's named-entity tagger on ANERcorp's training lines (never the test lines) and writes
 * services/enricher/model/ner-model.json. ANERcorp is CC BY-SA 4.0: so is the model (see README).
 *
 * --clusters adds word-cluster features from a file that `npm run train:clusters` wrote from unlabelled news
 * text, and stores the clusters in the model. Such a model also carries the licence of that text, so it is
 * written to .data/ner-model-clusters.json (or --out), never over the shipped model; the enricher loads it
 * when ENRICHER_NER_MODEL names it.
 *
 * To try a feature or a setting without touching the test lines, and without writing the model:
 *   --dev  trains on the first 90 % of the training sentences and scores the last 10 % (quick, noisy);
 *   --cv   5-fold cross-validation over the training sentences (about 2 minutes; decide by this).
 * Both score whole pseudo-articles (see ner-data.ts); add --sentences to tag each sentence on its own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDefaultGazetteer } from '../services/enricher/src/enricher.js';
import {
  buildLexicon,
  commonWords,
  lexiconMarks,
  nameFirstWords,
  Tagger,
  toStored,
  train,
  view,
  type Model,
  type WordClusters,
} from '../services/enricher/src/ner/perceptron.js';
import { addCounts, f1, gazetteerMarks, microCounts, type Counts } from '../services/enricher/src/ner/spans.js';
import { evaluateTagger, readAnercorp, type Sentence } from './ner-data.js';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dev: { type: 'boolean' },
    cv: { type: 'boolean' },
    sentences: { type: 'boolean' },
    clusters: { type: 'string' },
    out: { type: 'string' },
  },
});
const epochs = Number(positionals.find((a) => /^\d+$/.test(a)) ?? 12);
const gazetteer = loadDefaultGazetteer();
const FOLDS = 5;
const clusters = options.clusters ? (JSON.parse(readFileSync(options.clusters, 'utf8')) as WordClusters) : undefined;

function fit(corpus: Sentence[]): Model {
  // Jackknifed lexicon features: each fold sees the lexicon of the other four, so that the feature is as
  // reliable in training as on unseen text.
  const foldLexicons = Array.from({ length: FOLDS }, (_, fold) => buildLexicon(corpus.filter((_, i) => i % FOLDS !== fold)));
  const sentences = corpus.map((s, i) => {
    const tokens = view(s.words, clusters?.words);
    return { tokens, tags: s.tags, gaz: gazetteerMarks(s.words, gazetteer), lex: lexiconMarks(tokens, foldLexicons[i % FOLDS]!) };
  });
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const weights = train(sentences, epochs, random);
  return {
    weights,
    lexicon: buildLexicon(corpus),
    common: commonWords(corpus),
    firstWords: nameFirstWords(corpus),
    ...(clusters && { clusters }),
    meta: {
      trainedOn: `ANERcorp lines 1-125,305 (${sentences.length} sentences), ${epochs} epochs${
        clusters ? `, word clusters from ${clusters.meta.source}` : ''
      }`,
      epochs,
      features: Object.keys(weights).length,
      licence: `CC BY-SA 4.0 (derived from ANERcorp, Benajiba et al. 2007; CAMeL Lab split)${
        clusters ? `; word clusters: ${clusters.meta.licence}` : ''
      }`,
    },
  };
}

const corpus = readAnercorp('train');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
if (options.dev || options.cv) {
  const splits: { train: Sentence[]; held: Sentence[] }[] = options.dev
    ? [{ train: corpus.slice(0, Math.floor(corpus.length * 0.9)), held: corpus.slice(Math.floor(corpus.length * 0.9)) }]
    : Array.from({ length: FOLDS }, (_, fold) => {
        const [from, to] = [Math.floor((fold * corpus.length) / FOLDS), Math.floor(((fold + 1) * corpus.length) / FOLDS)];
        return { train: [...corpus.slice(0, from), ...corpus.slice(to)], held: corpus.slice(from, to) };
      });
  const total: Record<string, Counts> = {};
  for (const split of splits) {
    const { counts } = evaluateTagger(new Tagger(toStored(fit(split.train))), split.held, gazetteer, {
      articles: !options.sentences,
    });
    for (const [type, c] of Object.entries(counts)) total[type] = addCounts(total[type] ?? { tp: 0, fp: 0, fn: 0 }, c);
  }
  const micro = microCounts(total);
  const show = (c: Counts) =>
    Object.values(f1(c))
      .map((v) => v.toFixed(3))
      .join(' / ');
  const held = splits.reduce((n, s) => n + s.held.length, 0);
  console.log(
    `${splits.length > 1 ? `${FOLDS}-fold cross-validation` : 'dev split'}: ${held} sentences scored, ${seconds()} s; P / R / F1`,
  );
  for (const [type, c] of Object.entries(total)) console.log(`  ${type}: ${show(c)}`);
  console.log(`  micro: ${show(micro)}`);
} else {
  const model = fit(corpus);
  const shipped = fileURLToPath(new URL('../services/enricher/model/ner-model.json', import.meta.url));
  const out = resolve(options.out ?? (clusters ? '.data/ner-model-clusters.json' : shipped));
  if (clusters && out === shipped)
    throw new Error('a model with word clusters carries their licence: write it elsewhere than the shipped model');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(toStored(model)));
  console.log(`trained on ${corpus.length} sentences in ${seconds()} s: ${model.meta.features} features → ${out}`);
}
