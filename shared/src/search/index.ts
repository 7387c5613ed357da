export { EmbeddedIndex } from './embedded-index.js';
export { articlesTemplate, createElasticsearchClient, ElasticsearchIndex, type ElasticsearchIndexOptions } from './elasticsearch-index.js';
export { highlightSnippet } from './highlight.js';
export type { ArticleDocument, IndexOperation, IndexRejection, SearchHit, SearchIndex } from './search-index.js';
