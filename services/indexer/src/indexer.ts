/**
 * The indexer's steps, pure; the search-index sink writes. Articles are upserted by id; each copy from
 * `articles.duplicates` is recorded on its story's first article ("also published by").
 */
import { ok, type ArticleDocument, type DuplicateArticle, type EnrichedArticle, type Stage } from '@arabic-news/shared';

export function toDocument(article: EnrichedArticle, now: () => Date = () => new Date()): ArticleDocument {
  return {
    id: article.id,
    url: article.url,
    source: article.source,
    title: article.title,
    text: article.text,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    indexedAt: now().toISOString(),
    dateline: article.dateline,
    agency: article.agency,
    language: article.language,
    direction: article.direction,
    people: article.entities.people.map((entity) => entity.name),
    places: article.entities.places.map((entity) => entity.name),
    organizations: article.entities.organizations.map((entity) => entity.name),
    keywords: article.keywords,
    // A range counts by both ends: a filter on either year finds it.
    mentionedDates: [...new Set(article.dates.flatMap((date) => (date.until ? [date.value, date.until] : [date.value])))],
    wordCount: article.wordCount,
    readingTimeMinutes: article.readingTimeMinutes,
    contentHash: article.contentHash,
  };
}

export function createIndexer(): Stage<EnrichedArticle> {
  return {
    name: 'indexer',
    input: 'enriched',
    step: (article) => ok({ topic: 'index', key: article.id, value: { op: 'upsert', document: toDocument(article) } }),
  };
}

/** Records each copy of a story on the story's first article. */
export function createCopyRecorder(): Stage<DuplicateArticle> {
  return {
    name: 'indexer-copies',
    input: 'duplicates',
    step: (copy) =>
      ok({
        topic: 'index',
        key: copy.duplicateOf,
        value: {
          op: 'add-copy',
          id: copy.duplicateOf,
          copy: { id: copy.id, source: copy.source, url: copy.url, title: copy.title, similarity: copy.similarity },
        },
      }),
  };
}
