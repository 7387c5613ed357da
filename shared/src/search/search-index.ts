import type { ArticleDocument, IndexOperation } from '../contracts.js';

export type { ArticleDocument, IndexOperation };

export interface SearchHit {
  id: string;
  score: number;
  title: string;
  source: string;
  url?: string;
  publishedAt?: string;
  /** Sources that republished the story (from `alsoPublishedBy`). */
  alsoPublishedBy: string[];
  /** A passage of the text with the matched words between ** and ** (Arabic text uses «» itself). */
  snippet: string;
}

/** An operation the index refused for good (mapping error…); retriable failures are thrown instead. */
export interface IndexRejection {
  /** Position of the operation in the list given to `apply`. */
  position: number;
  code: string;
  message: string;
}

/** One interface over Elasticsearch and the embedded on-disk index. */
export interface SearchIndex {
  readonly kind: 'elasticsearch' | 'embedded';
  /** Creates the template, the versioned index and the alias (Elasticsearch) or opens the files (embedded). */
  ensureReady(): Promise<void>;
  /**
   * Applies operations in order: `upsert` writes an article by id (a second write of the same id replaces
   * its fields but keeps the copies recorded on it); `add-copy` records another site's copy on the story's
   * first article (creating a stub when the copy arrives first). Returns the refused operations.
   */
  apply(operations: IndexOperation[]): Promise<IndexRejection[]>;
  /** Makes what was written durable and visible to searches (embedded: saves the file; Elasticsearch: refresh). */
  flush(): Promise<void>;
  search(query: string, options?: { size?: number }): Promise<SearchHit[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export const HIGHLIGHT_OPEN = '**';
export const HIGHLIGHT_CLOSE = '**';
