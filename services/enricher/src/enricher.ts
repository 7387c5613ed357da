/** The enricher step: language and direction, people / places / organisations, word count. Pure. */
import { ok, segmentWords, type EnrichedArticle, type Entity, type Stage, type UniqueArticle } from '@arabic-news/shared';
import { Gazetteer, type EntityType, type GazetteerData } from './gazetteer.js';
import { detectLanguage } from '@arabic-news/shared';
import defaultGazetteer from './gazetteer.json' with { type: 'json' };

export function loadDefaultGazetteer(): Gazetteer {
  return new Gazetteer(defaultGazetteer as unknown as GazetteerData);
}

function collect(mentions: ReturnType<Gazetteer['find']>, type: EntityType): Entity[] {
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

export function enrichArticle(article: UniqueArticle, gazetteer: Gazetteer, now: () => Date = () => new Date()): EnrichedArticle {
  const text = `${article.title}\n${article.text}`;
  const language = detectLanguage(text);
  const mentions = gazetteer.find(text);
  return {
    ...article,
    language: language.language,
    languageConfidence: language.confidence,
    direction: language.direction,
    entities: {
      people: collect(mentions, 'people'),
      places: collect(mentions, 'places'),
      organizations: collect(mentions, 'organizations'),
    },
    wordCount: segmentWords(article.text).length,
    enrichedAt: now().toISOString(),
  };
}

export function createEnricher(options: { gazetteer: Gazetteer }): Stage<UniqueArticle> {
  return {
    name: 'enricher',
    input: 'unique',
    step: (article) => {
      const enriched = enrichArticle(article, options.gazetteer);
      return ok({ topic: 'enriched', key: enriched.id, value: enriched });
    },
  };
}
