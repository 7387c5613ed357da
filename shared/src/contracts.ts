/**
 * One versioned zod schema per topic message; TypeScript types are inferred from them. Every message is
 * keyed on Kafka by its article `id`. A breaking change bumps `schemaVersion` and gets a new schema beside
 * the old one, so that consumers can read both while producers move over.
 */
import { z } from 'zod';

const isoDate = z.string().datetime({ offset: true });
const articleIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'an article id is 16 lowercase hex digits');

export const RawArticleV1 = z.object({
  schemaVersion: z.literal(1),
  id: articleIdSchema,
  url: z.string().url().optional(),
  source: z.string().min(1),
  contentType: z.enum(['text/html', 'text/plain']),
  body: z.string(),
  fetchedAt: isoDate,
  languageHint: z.string().optional(),
  /** CSS selector of the article body, from the source's configuration. */
  selector: z.string().optional(),
});
export type RawArticle = z.infer<typeof RawArticleV1>;

/**
 * A raw article as people and files give it (`pipeline clean` input, `.jsonl` lines): only the content and
 * its type are required; id, source and fetch time are filled in by `toRawArticle`.
 */
export const RawInputV1 = RawArticleV1.omit({ schemaVersion: true }).partial({ id: true, source: true, fetchedAt: true });
export type RawInput = z.infer<typeof RawInputV1>;

export const CleanArticleV1 = z.object({
  schemaVersion: z.literal(1),
  id: articleIdSchema,
  url: z.string().optional(),
  source: z.string().min(1),
  title: z.string(),
  text: z.string().min(1),
  publishedAt: isoDate.optional(),
  dateline: z.string().optional(),
  agency: z.string().optional(),
  author: z.string().optional(),
  /** From the page's `lang`, else guessed from the script. */
  language: z.string().optional(),
  direction: z.enum(['rtl', 'ltr']).optional(),
  fetchedAt: isoDate,
  cleanedAt: isoDate,
});
export type CleanArticle = z.infer<typeof CleanArticleV1>;

export const UniqueArticleV1 = CleanArticleV1.extend({
  /** SHA-256 prefix of the Arabic-normalised text: equal for exact duplicates. */
  contentHash: z.string().regex(/^[0-9a-f]{16}$/),
});
export type UniqueArticle = z.infer<typeof UniqueArticleV1>;

export const DuplicateArticleV1 = UniqueArticleV1.extend({
  /** Id of the first article of the story, which went on to `articles.unique`. */
  duplicateOf: articleIdSchema,
  /** Estimated Jaccard similarity of the two texts' word shingles (1 for exact copies). */
  similarity: z.number().min(0).max(1),
  reason: z.enum(['same-url', 'same-text', 'near-duplicate', 'rewrite']),
});
export type DuplicateArticle = z.infer<typeof DuplicateArticleV1>;

/** What dedup remembers of a story's first article; the compacted `dedup.state` topic keeps one per id. */
export const DedupStateV1 = z.object({
  schemaVersion: z.literal(1),
  id: articleIdSchema,
  seenAt: isoDate,
  contentHash: z.string().regex(/^[0-9a-f]{16}$/),
  urlHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  /** MinHash signature: 16-bit values, little-endian, base64. */
  signature: z.string(),
  shingles: z.number().int().nonnegative(),
  /** The article's opening: its first distinct shingle hashes, 32-bit, little-endian, base64 (absent in older records). */
  lead: z.string().optional(),
  /** The weighted sketch of the article's words: 16-bit values, little-endian, base64 (absent in older records). */
  weighted: z.string().optional(),
  /** When the article was published, or else seen (absent in older records). */
  publishedAt: isoDate.optional(),
  /** 32-bit hash of the article's source (absent when unknown, and in older records). */
  source: z.number().int().min(1).max(0xffffffff).optional(),
  /** For a rewrite remembered as a member of a story: the id of the story's first article. */
  storyOf: articleIdSchema.optional(),
});
export type DedupState = z.infer<typeof DedupStateV1>;

/** The fetcher's memory, in the compacted `fetch.state` topic: articles emitted, and per-source HTTP state. */
export const FetchStateV1 = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('seen'), id: z.string(), at: z.string() }),
  z.object({
    kind: z.literal('source'),
    name: z.string(),
    etag: z.string().optional(),
    lastModified: z.string().optional(),
    nextPollAt: z.number().optional(),
    /** When the source was last read in full (not a 304), ms since the epoch. */
    listedAt: z.number().optional(),
  }),
]);
export type FetchStateRecord = z.infer<typeof FetchStateV1>;

const entity = z.object({ name: z.string(), mentions: z.number().int().positive(), surfaces: z.array(z.string()) });
export type Entity = z.infer<typeof entity>;

const ISO_DAY_MONTH_OR_YEAR = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export const EnrichedArticleV1 = UniqueArticleV1.extend({
  language: z.string(),
  languageConfidence: z.number().min(0).max(1),
  direction: z.enum(['rtl', 'ltr']),
  entities: z.object({ people: z.array(entity), places: z.array(entity), organizations: z.array(entity) }),
  /** Dates mentioned in the text: YYYY-MM-DD, or YYYY-MM / YYYY when no day (month) is given; a range has `until`. */
  dates: z.array(
    z.object({
      text: z.string(),
      value: z.string().regex(ISO_DAY_MONTH_OR_YEAR),
      until: z.string().regex(ISO_DAY_MONTH_OR_YEAR).optional(),
      calendar: z.enum(['gregorian', 'hijri']),
    }),
  ),
  keywords: z.array(z.string()),
  wordCount: z.number().int().nonnegative(),
  readingTimeMinutes: z.number().int().nonnegative(),
  enrichedAt: isoDate,
});
export type EnrichedArticle = z.infer<typeof EnrichedArticleV1>;

/** Another site's copy of a story, recorded on the first article's document ("also published by"). */
export const PublicationV1 = z.object({
  id: articleIdSchema,
  source: z.string(),
  url: z.string().optional(),
  title: z.string(),
  similarity: z.number().min(0).max(1),
});
export type Publication = z.infer<typeof PublicationV1>;

/** The document the indexer writes per article (Elasticsearch and the embedded index alike). */
export const ArticleDocumentV1 = z.object({
  id: articleIdSchema,
  url: z.string().optional(),
  source: z.string(),
  title: z.string(),
  text: z.string(),
  publishedAt: isoDate.optional(),
  fetchedAt: isoDate,
  indexedAt: isoDate,
  dateline: z.string().optional(),
  agency: z.string().optional(),
  language: z.string(),
  direction: z.enum(['rtl', 'ltr']),
  people: z.array(z.string()),
  places: z.array(z.string()),
  organizations: z.array(z.string()),
  keywords: z.array(z.string()),
  mentionedDates: z.array(z.string()),
  wordCount: z.number().int().nonnegative(),
  readingTimeMinutes: z.number().int().nonnegative(),
  contentHash: z.string(),
  /** Never written by the article's own upsert, so that copies recorded earlier are kept. */
  alsoPublishedBy: z.array(PublicationV1).optional(),
});
export type ArticleDocument = z.infer<typeof ArticleDocumentV1>;

/** What the indexer asks of the search index: write an article, or record a copy on the story's first article. */
export const IndexOperationV1 = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), document: ArticleDocumentV1 }),
  z.object({ op: z.literal('add-copy'), id: articleIdSchema, copy: PublicationV1 }),
]);
export type IndexOperation = z.infer<typeof IndexOperationV1>;

export const DeadLetterV1 = z.object({
  schemaVersion: z.literal(1),
  stage: z.string(),
  topic: z.string(),
  partition: z.number().int().optional(),
  offset: z.string().optional(),
  key: z.string().nullable(),
  /** The original message bytes, base64, exactly as consumed. */
  value: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
  attempts: z.number().int().positive(),
  failedAt: isoDate,
});
export type DeadLetter = z.infer<typeof DeadLetterV1>;

/** Turns a zod error into one line per problem: `path: message`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
