import type { ArticleDocument } from '../contracts.js';

export type { ArticleDocument };

export interface SearchHit {
  id: string;
  score: number;
  title: string;
  source: string;
  url?: string;
  publishedAt?: string;
  /** A passage of the text with the matched words between ** and ** (Arabic text uses «» itself). */
  snippet: string;
}

/** A document the index refused for good (mapping error…); retriable failures are thrown instead. */
export interface IndexRejection {
  id: string;
  code: string;
  message: string;
}

/** One interface over Elasticsearch and the embedded on-disk index. */
export interface SearchIndex {
  readonly kind: 'elasticsearch' | 'embedded';
  /** Creates the template, the versioned index and the alias (Elasticsearch) or opens the files (embedded). */
  ensureReady(): Promise<void>;
  /** Writes documents by id (a second write of the same id replaces it); returns the refused ones. */
  write(documents: ArticleDocument[]): Promise<IndexRejection[]>;
  /** Makes what was written durable and visible to searches (embedded: saves the file; Elasticsearch: refresh). */
  flush(): Promise<void>;
  search(query: string, options?: { size?: number }): Promise<SearchHit[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export const HIGHLIGHT_OPEN = '**';
export const HIGHLIGHT_CLOSE = '**';
