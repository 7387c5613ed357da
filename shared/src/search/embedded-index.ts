import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import { analyzeArabic } from '../arabic/index.js';
import { highlightSnippet } from './highlight.js';
import type { ArticleDocument, IndexOperation, IndexRejection, SearchHit, SearchIndex } from './search-index.js';

const STORED_FIELDS: (keyof ArticleDocument)[] = [
  'id',
  'url',
  'source',
  'title',
  'text',
  'publishedAt',
  'fetchedAt',
  'indexedAt',
  'dateline',
  'agency',
  'language',
  'direction',
  'people',
  'places',
  'organizations',
  'keywords',
  'mentionedDates',
  'wordCount',
  'readingTimeMinutes',
  'contentHash',
  'alsoPublishedBy',
];

/**
 * The index options: the same Arabic analysis chain as the Elasticsearch template (the tokenizer runs the
 * whole chain, so MiniSearch's own term processing is the identity), BM25 ranking, title boosted ×2.
 */
const OPTIONS: Options<ArticleDocument> = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: STORED_FIELDS,
  tokenize: analyzeArabic,
  processTerm: (term) => term,
  searchOptions: { boost: { title: 2 }, combineWith: 'OR' },
  // Documents are replaced with `remove` + `add`, never `discard`, so there is nothing to vacuum.
  autoVacuum: false,
};

function stub(id: string): ArticleDocument {
  const epoch = new Date(0).toISOString();
  return {
    id,
    source: '',
    title: '',
    text: '',
    fetchedAt: epoch,
    indexedAt: epoch,
    language: 'und',
    direction: 'rtl',
    people: [],
    places: [],
    organizations: [],
    keywords: [],
    mentionedDates: [],
    wordCount: 0,
    readingTimeMinutes: 0,
    contentHash: '',
  };
}

/** Rewriting the whole file after every batch would make indexing quadratic: save at most this often. */
const SAVE_INTERVAL_MS = 2000;

/**
 * The embedded default's search index: MiniSearch (an inverted index with BM25) kept on disk as one JSON
 * file under `DATA_DIR`, rewritten atomically at most every two seconds while writes come in, and on
 * `flush()` and `close()`. Meant for a single process and up to some tens of thousands of articles;
 * production uses Elasticsearch.
 */
export class EmbeddedIndex implements SearchIndex {
  readonly kind = 'embedded' as const;
  private index = new MiniSearch<ArticleDocument>(OPTIONS);
  private readonly file: string;
  private dirty = false;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: { dataDir: string; alias: string }) {
    this.file = join(options.dataDir, `${options.alias}.index.json`);
  }

  async ensureReady(): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true });
    let json: string;
    try {
      json = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    this.index = MiniSearch.loadJSON<ArticleDocument>(json, OPTIONS);
  }

  async apply(operations: IndexOperation[]): Promise<IndexRejection[]> {
    for (const operation of operations) {
      const existing = this.index.getStoredFields(operation.op === 'upsert' ? operation.document.id : operation.id) as
        | ArticleDocument
        | undefined;
      let next: ArticleDocument;
      if (operation.op === 'upsert') {
        next = { ...operation.document, alsoPublishedBy: existing?.alsoPublishedBy ?? operation.document.alsoPublishedBy };
      } else {
        const copies = existing?.alsoPublishedBy ?? [];
        if (copies.some((copy) => copy.id === operation.copy.id)) continue;
        // A copy that arrives before its original leaves a stub, completed by the original's upsert.
        next = { ...(existing ?? stub(operation.id)), alsoPublishedBy: [...copies, operation.copy] };
      }
      // `remove` with the stored fields (every indexed field is stored) rather than `discard`: discarding
      // starts MiniSearch's background vacuuming, which once crashed a run (bench:pipeline, 5,000 articles)
      // with a TypeError inside its tree iterator while writes kept coming.
      if (existing) this.index.remove(existing);
      this.index.add(next);
    }
    if (operations.length > 0) {
      this.dirty = true;
      this.saveTimer ??= setTimeout(() => void this.flush(), SAVE_INTERVAL_MS);
    }
    return [];
  }

  async search(query: string, options: { size?: number } = {}): Promise<SearchHit[]> {
    return this.index
      .search(query)
      .slice(0, options.size ?? 10)
      .map((result) => {
        const doc = result as unknown as ArticleDocument & { score: number };
        return {
          id: doc.id,
          score: result.score,
          title: doc.title,
          source: doc.source,
          url: doc.url,
          publishedAt: doc.publishedAt,
          alsoPublishedBy: (doc.alsoPublishedBy ?? []).map((copy) => copy.source),
          snippet: highlightSnippet(doc.text, query),
        };
      });
  }

  async count(): Promise<number> {
    return this.index.documentCount;
  }

  /** Writes the index to disk now if anything changed (atomically: temporary file, then rename). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(this.index));
      await rename(temporary, this.file);
    });
    return this.saving;
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
