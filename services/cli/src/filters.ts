/**
 * Steps as JSON-lines filters: one JSON object per line on stdin, results on stdout, a bad line reported
 * on stderr with its line number and reason while the rest go on.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { cleanArticle } from '@arabic-news/cleaner';
import { contentHash, createDedupIndex, decideDuplicate } from '@arabic-news/dedup';
import { enrichArticle, loadDefaultGazetteer, loadTagger } from '@arabic-news/enricher';
import {
  CleanArticleV1,
  describeZodError,
  RawInputV1,
  toRawArticle,
  UniqueArticleV1,
  type Config,
  type StepResult,
} from '@arabic-news/shared';
import { z } from 'zod';

export class LineError extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LineError(describeZodError(parsed.error));
  return parsed.data;
}

function onlyOutput(result: StepResult): unknown {
  if (result.kind === 'dead-letter') throw new LineError(`${result.error.code}: ${result.error.message}`);
  if (result.kind === 'drop') throw new LineError(`dropped: ${result.reason}`);
  return result.outputs[0]!.value;
}

export type Transform = (input: unknown) => unknown;

export function createFilter(name: 'clean' | 'dedup' | 'enrich', options: Pick<Config, 'dedup' | 'enricher'>): Transform {
  switch (name) {
    case 'clean':
      return (input) => onlyOutput(cleanArticle(toRawArticle(parse(RawInputV1, input), { source: 'stdin' })));
    case 'dedup': {
      const index = createDedupIndex(options.dedup);
      return (input) => {
        const article = parse(CleanArticleV1, input);
        const decision = decideDuplicate(article, index);
        if (decision.kind === 'duplicate') return decision.article;
        // The same article (same id) given twice is not a copy of itself.
        const unique = decision.kind === 'unique' ? decision.article : { ...article, contentHash: contentHash(article.text) };
        return { ...unique, duplicateOf: null };
      };
    }
    case 'enrich': {
      const deps = { gazetteer: loadDefaultGazetteer(), tagger: loadTagger(options.enricher.nerModel) };
      return (input) => {
        const withHash =
          input && typeof input === 'object' && !('contentHash' in input) && typeof (input as { text?: unknown }).text === 'string'
            ? { ...input, contentHash: contentHash((input as { text: string }).text) }
            : input;
        // Output of `pipeline dedup` is accepted too: its duplicate fields are not part of an article to enrich.
        const { duplicateOf: _duplicateOf, similarity: _similarity, reason: _reason, ...rest } = withHash as Record<string, unknown>;
        return enrichArticle(parse(UniqueArticleV1, rest), deps);
      };
    }
  }
}

/** Runs a transform over JSON lines; returns the number of bad lines. */
export async function runFilter(transform: Transform, input: Readable, output: Writable, errors: Writable): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new LineError(`not JSON: ${(err as Error).message}`);
      }
      const result = transform(value);
      if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    } catch (err) {
      bad += 1;
      const reason = err instanceof LineError ? err.message : `${(err as Error).name}: ${(err as Error).message}`;
      errors.write(`line ${lineNumber}: ${reason}\n`);
    }
  }
  return bad;
}
