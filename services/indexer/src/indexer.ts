/** The indexer step: enriched article → the search document, keyed by article id. Pure; the sink writes. */
import { ok, type ArticleDocument, type EnrichedArticle, type Stage } from '@arabic-news/shared';

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
    mentionedDates: [...new Set(article.dates.map((date) => date.value))],
    wordCount: article.wordCount,
    readingTimeMinutes: article.readingTimeMinutes,
    contentHash: article.contentHash,
  };
}

export function createIndexer(): Stage<EnrichedArticle> {
  return { name: 'indexer', input: 'enriched', step: (article) => ok({ topic: 'index', key: article.id, value: toDocument(article) }) };
}
