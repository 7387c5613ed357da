/**
 * The Arabic analysis in shared/ (used by the embedded index and by dedup) must give the tokens the search
 * engine's analysis chain gives. Checked with `_analyze` on the index template's `arabic_news` analyzer
 * and on the built-in `arabic` analyzer, for 400 sentences of SaudiNewsNet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeArabic, createElasticsearchClient, ElasticsearchIndex, segmentWords } from '@arabic-news/shared';
import { readSaudiNews } from '../support/corpus.js';
import { engines, enginesMissing, testLogger, uniqueName } from '../support/engines.js';

const SENTENCES = 400;

function sampleSentences(): string[] {
  const sentences: string[] = [];
  // Two days from different weeks, every 7th article, so that several newspapers are represented.
  const articles = readSaudiNews(2).filter((_, i) => i % 7 === 0);
  for (const article of articles) {
    for (const sentence of `${article.title}\n${article.content}`.split(/(?<=[.!؟?\n])/u)) {
      const trimmed = sentence.trim();
      if (trimmed.length >= 20) sentences.push(trimmed);
      if (sentences.length >= SENTENCES) return sentences;
    }
  }
  return sentences;
}

describe.skipIf(enginesMissing())('Arabic analysis parity with the search engine', () => {
  const alias = uniqueName('parity');
  let client: ReturnType<typeof createElasticsearchClient>;
  let sentences: string[];

  beforeAll(async () => {
    client = createElasticsearchClient({ url: engines().elasticsearchUrl! });
    const index = new ElasticsearchIndex({ client, alias, version: 1, log: testLogger(), bulk: { flushBytes: 1e6, concurrency: 1 } });
    await index.ensureReady();
    sentences = sampleSentences();
  });

  afterAll(async () => {
    await client?.indices.delete({ index: `${alias}-v1` }).catch(() => {});
    await client?.close();
  });

  it("segments words like the engine's standard tokenizer on the edge cases of UAX #29", async () => {
    const samples = [
      'حملاتها\u202fالتسويقية', // U+202F joins (ExtendNumLet)
      '٢١٫٠٠٠ مريض و١٬٥ مليون', // Arabic decimal and thousands separators
      '5.\u200f7 درجة', // a bidi mark inside a number
      'من _ وجهة __abc a_b',
      "U.S. don't 1,000.5 a:b",
      '他的法律 ひらがな カタカナ',
      'قال:"نعم" 2022م و٣٠٪',
    ];
    for (const text of samples) {
      const response = await client.indices.analyze({ tokenizer: 'standard', text });
      expect(
        segmentWords(text).map((span) => span.word),
        text,
      ).toEqual((response.tokens ?? []).map((t) => t.token));
    }
  });

  for (const analyzer of ['arabic_news', 'arabic'] as const) {
    it(`gives the same tokens as the engine's "${analyzer}" analyzer on ${SENTENCES} corpus sentences`, async () => {
      expect(sentences.length).toBe(SENTENCES);
      const mismatches: string[] = [];
      let tokens = 0;
      // Eight at a time: the engine's analyze thread pool queues only 16.
      for (let i = 0; i < sentences.length; i += 8) {
        const slice = sentences.slice(i, i + 8);
        const results = await Promise.all(
          slice.map((text) =>
            client.indices.analyze({ index: `${alias}-v1`, analyzer, text }).then((r) => (r.tokens ?? []).map((t) => t.token)),
          ),
        );
        results.forEach((expected, j) => {
          const actual = analyzeArabic(slice[j]!);
          tokens += expected.length;
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            mismatches.push(`${slice[j]}\n  engine: ${expected.join(' ')}\n  ours:   ${actual.join(' ')}`);
        });
      }
      expect(tokens).toBeGreaterThan(SENTENCES * 5);
      expect(mismatches, mismatches.slice(0, 5).join('\n')).toEqual([]);
    });
  }
});
