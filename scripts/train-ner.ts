/**
 * npm run train:ner [-- epochs]
 * Trains the enricher's named-entity tagger on ANERcorp's training lines (never the test lines) and writes
 * services/enricher/model/ner-model.json. ANERcorp is CC BY-SA 4.0: so is the model (see README).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDefaultGazetteer } from '../services/enricher/src/enricher.js';
import { buildLexicon, lexiconMarks, toStored, train, view, type Model } from '../services/enricher/src/ner/perceptron.js';
import { gazetteerMarks } from '../services/enricher/src/ner/spans.js';
import { readAnercorp } from './ner-data.js';

const epochs = Number(process.argv[2] ?? 12);
const gazetteer = loadDefaultGazetteer();
const FOLDS = 5;
const corpus = readAnercorp('train');
// Jackknifed lexicon features: each fold sees the lexicon of the other four.
const foldLexicons = Array.from({ length: FOLDS }, (_, fold) => buildLexicon(corpus.filter((_, i) => i % FOLDS !== fold)));
const sentences = corpus.map((s, i) => ({
  ...s,
  gaz: gazetteerMarks(s.words, gazetteer),
  lex: lexiconMarks(view(s.words), foldLexicons[i % FOLDS]!),
}));
let seed = 7;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const started = Date.now();
const weights = train(sentences, epochs, random);
const model: Model = {
  weights,
  lexicon: buildLexicon(corpus),
  meta: {
    trainedOn: `ANERcorp lines 1-125,305 (${sentences.length} sentences), ${epochs} epochs`,
    epochs,
    features: Object.keys(weights).length,
    licence: 'CC BY-SA 4.0 (derived from ANERcorp, Benajiba et al. 2007; CAMeL Lab split)',
  },
};
const out = fileURLToPath(new URL('../services/enricher/model/ner-model.json', import.meta.url));
writeFileSync(out, JSON.stringify(toStored(model)));
console.log(
  `trained on ${sentences.length} sentences in ${((Date.now() - started) / 1000).toFixed(1)} s: ${model.meta.features} features → ${out}`,
);
