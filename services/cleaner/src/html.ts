import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of a DOM subtree with a line break at every block boundary, so paragraphs survive. */
function blockText(node: DomNode, out: string[]): void {
  if (node.nodeType === 3) {
    out.push((node.textContent ?? '').replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  if (node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE' || node.nodeName === 'NOSCRIPT') return;
  const block = BLOCK.has(node.nodeName);
  if (block) out.push('\n');
  for (let i = 0; i < node.childNodes.length; i += 1) blockText(node.childNodes[i]!, out);
  if (block) out.push('\n');
}

export interface HtmlExtraction {
  title?: string;
  text: string;
  publishedAt?: string;
  author?: string;
  direction?: string;
}

type LinkedDocument = ReturnType<typeof parseHTML>['document'];

function meta(document: LinkedDocument, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content') ?? undefined;
    if (value?.trim()) return value.trim();
  }
  return undefined;
}

function jsonLdDate(document: LinkedDocument): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const match = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Main text of an HTML page with Readability on linkedom, paragraphs kept; title and date from the
 * page's metadata. Returns empty text when Readability finds no article.
 */
export function extractFromHtml(html: string): HtmlExtraction {
  const { document } = parseHTML(html);
  const title =
    meta(document, 'meta[property="og:title"]', 'meta[name="twitter:title"]') ??
    document.querySelector('h1')?.textContent?.trim() ??
    document.querySelector('title')?.textContent?.trim();
  const publishedAt =
    meta(
      document,
      'meta[property="article:published_time"]',
      'meta[name="pubdate"]',
      'meta[name="date"]',
      'meta[itemprop="datePublished"]',
    ) ??
    jsonLdDate(document) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const direction = document.documentElement?.getAttribute('dir') ?? undefined;
  // Readability mutates the document; metadata above is read first.
  const article = new Readability(document as never, { charThreshold: 200 }).parse();
  if (!article?.content) return { title, text: '', publishedAt, direction };
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const parts: string[] = [];
  blockText(content.body as unknown as DomNode, parts);
  return {
    title: title ?? article.title ?? undefined,
    text: parts.join(''),
    publishedAt,
    author: article.byline ?? undefined,
    direction: article.dir ?? direction,
  };
}
