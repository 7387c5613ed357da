export { extractDates, hijriToGregorian, type DateMention } from '@arabic-news/shared';
export {
  createEnricher,
  enrichArticle,
  loadDefaultGazetteer,
  loadDefaultTagger,
  loadTagger,
  taggedMentions,
  type EnricherDeps,
} from './enricher.js';
export { Gazetteer, type GazetteerData, type Mention } from './gazetteer.js';
export { keywords } from './keywords.js';
export { Tagger, TAGS, type StoredModel, type Tag } from './ner/perceptron.js';
export { addCounts, countSpans, f1, gazetteerMarks, spansOf, wordOffsets, type Counts, type Span } from './ner/spans.js';
export { detectLanguage } from '@arabic-news/shared';
