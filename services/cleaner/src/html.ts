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

interface TextParts {
  parts: string[];
  linkChars: number;
  chars: number;
}

/** Text of a DOM subtree with a line break at every block boundary, so paragraphs survive. */
function blockText(node: DomNode, out: TextParts, inLink = false): void {
  if (node.nodeType === 3) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ');
    out.parts.push(text);
    const length = text.trim().length;
    out.chars += length;
    if (inLink) out.linkChars += length;
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  if (node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE' || node.nodeName === 'NOSCRIPT') return;
  const block = BLOCK.has(node.nodeName);
  if (block) out.parts.push('\n');
  for (let i = 0; i < node.childNodes.length; i += 1) blockText(node.childNodes[i]!, out, inLink || node.nodeName === 'A');
  if (block) out.parts.push('\n');
}

export interface HtmlExtraction {
  title?: string;
  text: string;
  publishedAt?: string;
  author?: string;
  direction?: string;
  language?: string;
  /** Share of the extracted text inside links: high on section fronts and link lists. */
  linkDensity: number;
}

type LinkedDocument = ReturnType<typeof parseHTML>['document'];

/** Every `<meta>` of the page by its property, name or itemprop, read in one pass over the document. */
function metaTags(document: LinkedDocument): (...keys: string[]) => string | undefined {
  const tags = new Map<string, string>();
  for (const element of document.querySelectorAll('meta')) {
    const key = element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop');
    const content = element.getAttribute('content')?.trim();
    if (key && content && !tags.has(key.toLowerCase())) tags.set(key.toLowerCase(), content);
  }
  return (...keys) => keys.map((key) => tags.get(key)).find(Boolean);
}

/** A field of the page's JSON-LD (`datePublished`, `author.name`…), read by pattern: pages often hold invalid JSON. */
function jsonLdField(scripts: string[], pattern: RegExp): string | undefined {
  for (const script of scripts) {
    const match = pattern.exec(script);
    if (match?.[1]?.trim()) return match[1].trim();
  }
  return undefined;
}

/** `/2013/08/28/` or `/2013-08-28/` in the URL path. */
function urlDate(url: string | undefined): string | undefined {
  const match = url ? /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(url) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.toISOString() : undefined;
}

/**
 * Main text of an HTML page with Readability on linkedom, paragraphs kept; title and date from the
 * page's metadata. Returns empty text when Readability finds no article.
 */
export function extractFromHtml(html: string, url?: string, selector?: string): HtmlExtraction {
  const { document } = parseHTML(html);
  const meta = metaTags(document);
  const jsonLd = [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? '');
  const title =
    meta('og:title', 'twitter:title') ??
    document.querySelector('h1')?.textContent?.trim() ??
    document.querySelector('title')?.textContent?.trim();
  const publishedAt =
    meta('article:published_time', 'pubdate', 'date', 'datepublished') ??
    jsonLdField(jsonLd, /"datePublished"\s*:\s*"([^"]+)"/) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    urlDate(url);
  const author = meta('author', 'article:author') ?? jsonLdField(jsonLd, /"author"\s*:\s*(?:\[\s*)?\{[^}]*"name"\s*:\s*"([^"]+)"/);
  const direction = document.documentElement?.getAttribute('dir') ?? undefined;
  const language = document.documentElement?.getAttribute('lang')?.split('-')[0]?.toLowerCase() || undefined;
  // A source's own selector for the article body, when it has one and it matches, wins over Readability.
  const chosen = selector ? (document.querySelector(selector) as unknown as DomNode | null) : null;
  if (chosen) {
    const text: TextParts = { parts: [], linkChars: 0, chars: 0 };
    blockText(chosen, text);
    return {
      title,
      text: text.parts.join(''),
      publishedAt,
      author,
      direction,
      language,
      linkDensity: text.chars > 0 ? text.linkChars / text.chars : 0,
    };
  }
  // Readability mutates the document; metadata above is read first.
  // The serializer hands back the article element itself, so its text is read without parsing HTML again.
  const article = new Readability<DomNode>(document as never, {
    charThreshold: 200,
    serializer: (node) => node as unknown as DomNode,
  }).parse();
  if (!article?.content) return { title, text: '', publishedAt, author, direction, language, linkDensity: 0 };
  const text: TextParts = { parts: [], linkChars: 0, chars: 0 };
  blockText(article.content, text);
  return {
    title: title ?? article.title ?? undefined,
    text: text.parts.join(''),
    publishedAt,
    author: author ?? article.byline ?? undefined,
    direction: article.dir ?? direction,
    language,
    linkDensity: text.chars > 0 ? text.linkChars / text.chars : 0,
  };
}
