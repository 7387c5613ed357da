/**
 * The sources file (`sources.yaml` or `.json`): what to fetch and how often. Validated as a whole, with
 * every problem listed; re-read when it changes, keeping the previous list if the new one is invalid.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '@arabic-news/shared';

export const SourceSchema = z
  .object({
    name: z.string().min(1),
    /** `feed`: RSS 2.0 or Atom. `sitemap`: a (news) sitemap or sitemap index. `page`: one article URL. `auto`: decided from the content. */
    type: z.enum(['feed', 'sitemap', 'page', 'folder', 'auto']),
    url: z.string().url().optional(),
    path: z.string().min(1).optional(),
    intervalSeconds: z.number().int().positive().optional(),
    language: z.string().min(2).optional(),
    /** CSS selector of the article body, when Readability needs help on this site. */
    selector: z.string().min(1).optional(),
    /** Allow private/loopback addresses for this source (an intranet site, a test server). */
    allowPrivate: z.boolean().default(false),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.type === 'folder' && !source.path) ctx.addIssue({ code: 'custom', message: 'a folder source needs "path"', path: ['path'] });
    if (source.type !== 'folder' && !source.url)
      ctx.addIssue({ code: 'custom', message: `a ${source.type} source needs "url"`, path: ['url'] });
  });
export type Source = z.infer<typeof SourceSchema>;

const SourcesFileSchema = z.object({ sources: z.array(SourceSchema).min(1, 'list at least one source') }).strict();

/** Duplicate names, found on the raw data so that they are reported with the other problems. */
function duplicateNames(data: unknown): string[] {
  const sources = (data as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  sources.forEach((source: unknown, i) => {
    const name = (source as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    if (seen.has(name)) problems.push(`sources.${i}.name: duplicate source name "${name}"`);
    seen.add(name);
  });
  return problems;
}

export class SourcesFileError extends Error {}

/** Parses and validates a sources file's text; throws SourcesFileError listing every problem. */
export function parseSources(text: string, fileName: string): Source[] {
  let data: unknown;
  try {
    data = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SourcesFileError(`${fileName}: not valid ${fileName.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  const parsed = SourcesFileSchema.safeParse(data);
  const problems = [...(parsed.success ? [] : [describeZodError(parsed.error)]), ...duplicateNames(data)];
  if (problems.length > 0 || !parsed.success) throw new SourcesFileError(`${fileName}: ${problems.join('; ')}`);
  return parsed.data.sources;
}

/** Sources from FETCH_SOURCES (or the command line): folders, and URLs whose type is decided by their content. */
export function sourcesFromList(entries: string[]): Source[] {
  return entries.map((entry) =>
    /^https?:\/\//i.test(entry)
      ? { name: new URL(entry).host, type: 'auto', url: entry, allowPrivate: false }
      : { name: entry, type: 'folder', path: entry, allowPrivate: false },
  );
}

/** Re-reads the file when its modification time changes. */
export class SourcesFile {
  private mtimeMs = -1;
  private current: Source[] = [];

  constructor(private readonly path: string) {}

  /** The sources, re-read if the file changed; throws at the first load if invalid, logs later. */
  async load(onInvalid: (error: Error) => void): Promise<Source[]> {
    const { mtimeMs } = await stat(this.path);
    if (mtimeMs === this.mtimeMs) return this.current;
    try {
      this.current = parseSources(await readFile(this.path, 'utf8'), this.path);
      this.mtimeMs = mtimeMs;
    } catch (err) {
      if (this.mtimeMs < 0) throw err;
      this.mtimeMs = mtimeMs; // report the broken version once, keep the last good list
      onInvalid(err as Error);
    }
    return this.current;
  }
}

/**
 * The sources this replica polls when several share one sources file: each source belongs to exactly one
 * replica, by a hash of its name, so that replicas never fetch the same source twice.
 */
export function sourcesOfShard(sources: Source[], shard: { index: number; count: number }): Source[] {
  if (shard.count <= 1) return sources;
  return sources.filter((source) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < source.name.length; i += 1) hash = Math.imul(hash ^ source.name.charCodeAt(i), 0x01000193);
    return (hash >>> 0) % shard.count === shard.index;
  });
}
