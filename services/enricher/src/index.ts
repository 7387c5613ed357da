export { createEnricher, enrichArticle, loadDefaultGazetteer } from './enricher.js';
export { Gazetteer, type GazetteerData, type Mention } from './gazetteer.js';
export { detectLanguage } from '@arabic-news/shared';
