/**
 * npm run train:clusters -- <articles.jsonl …> --licence "<the text's licence>" [--out <file>] [--min-count <n>]
 * npm run train:clusters -- --saudinewsnet [--out <file>] [--min-count <n>]
 *
 * Learns word clusters (services/enricher/src/ner/clusters.ts) from unlabelled Arabic news text, for
 * `npm run train:ner -- --clusters <file>`. Input: JSON lines with `text` (or `content`) and optionally
 * `title`, such as the output of `pipeline clean` over a newsroom's own archive. `--saudinewsnet` reads the
 * 31,030 articles in ../shared/data instead: measurement only, its licence (CC BY-NC-SA) forbids shipping
 * anything derived from it. Writes .data/clusters.json unless --out says otherwise.
 */
import { closeSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildClusters } from '../services/enricher/src/ner/clusters.js';
import { readSaudiNews } from '../tests/support/corpus.js';

const { values: options, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    saudinewsnet: { type: 'boolean' },
    licence: { type: 'string' },
    out: { type: 'string', default: '.data/clusters.json' },
    'min-count': { type: 'string', default: '5' },
  },
});
const out = resolve(options.out);
const minCount = Number(options['min-count']);
if (!Number.isInteger(minCount) || minCount < 1) throw new Error('--min-count needs a whole number ≥ 1');
const started = Date.now();
const log = (message: string) => console.error(`${((Date.now() - started) / 1000).toFixed(1)} s  ${message}`);

/** The lines of a file, read in 1 MiB chunks (an archive may be larger than memory would like). */
function* lines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const parts = (rest + buffer.toString('utf8', 0, read)).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** Bad lines are counted and reported on the first of the two passes. */
let pass = 0;
let skipped = 0;
function* articleTexts(file: string): Generator<string> {
  let lineNumber = 0;
  for (const line of lines(file)) {
    lineNumber += 1;
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as { title?: unknown; text?: unknown; content?: unknown };
      const body = typeof record.text === 'string' ? record.text : record.content;
      if (typeof body !== 'string') throw new Error('no "text" or "content" string');
      yield `${typeof record.title === 'string' ? `${record.title} .\n` : ''}${body}`;
    } catch (error) {
      if (pass > 1) continue;
      skipped += 1;
      if (skipped <= 10) log(`${file}:${lineNumber}: skipped (${(error as Error).message})`);
    }
  }
}

let texts: () => Iterable<string>;
let describe: { source: string; licence: string };
if (options.saudinewsnet) {
  const articles = readSaudiNews();
  texts = () => articles.map((a) => `${a.title} .\n${a.content}`);
  describe = {
    source: `SaudiNewsNet (${articles.length} articles, 2015)`,
    licence: 'CC BY-NC-SA 4.0 (SaudiNewsNet): non-commercial research use only, never to be shipped',
  };
} else {
  const { licence } = options;
  if (files.length === 0 || !licence) {
    console.error('usage: npm run train:clusters -- <articles.jsonl …> --licence "<licence of the text>" [--out <file>] [--min-count <n>]');
    console.error('       npm run train:clusters -- --saudinewsnet [--out <file>]   (measurement only)');
    process.exit(2);
  }
  texts = function* () {
    pass += 1;
    for (const file of files) yield* articleTexts(file);
  };
  describe = { source: files.join(', '), licence };
}

const clusters = buildClusters(texts, describe, { minCount, onProgress: log });
if (skipped > 0) log(`${skipped} bad lines skipped`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(clusters));
log(`${Object.keys(clusters.words).length} words in ${clusters.sizes.join(' / ')} clusters → ${out}`);
