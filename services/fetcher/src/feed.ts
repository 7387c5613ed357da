/** RSS 2.0 and Atom parsing (pure). fast-xml-parser never resolves external entities (no XXE). */
import { XMLParser } from 'fast-xml-parser';

export interface FeedItem {
  url: string;
  title?: string;
  publishedAt?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Only the five XML entities are expanded; DOCTYPE entities are not, so entity bombs cannot expand.
  processEntities: false,
  htmlEntities: false,
});

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name.startsWith('#')
      ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : XML_ENTITIES[name.toLowerCase()]!,
  );

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined => {
  const raw = typeof value === 'object' && value && '#text' in value ? (value as Record<string, unknown>)['#text'] : value;
  return typeof raw === 'string' || typeof raw === 'number' ? decodeXml(String(raw)).trim() : undefined;
};

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Parses a feed or sitemap. They have no reason to declare entities: refusing them rules out XXE and entity bombs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML has no static shape; callers check fields
function parseXml(xml: string, what: string): Record<string, any> {
  if (/<!ENTITY/i.test(xml)) throw new Error(`${what} declares entities in a DOCTYPE (refused: external entity / expansion risk)`);
  return parser.parse(xml);
}

/** Items of an RSS or Atom document; throws with the reason when it is neither. */
export function parseFeed(xml: string): FeedItem[] {
  const doc = parseXml(xml, 'feed');
  if (doc.rss?.channel) {
    return asArray(doc.rss.channel.item)
      .map((item: Record<string, unknown>) => ({
        url: text(item.link) ?? '',
        title: text(item.title),
        publishedAt: isoDate(text(item.pubDate)),
      }))
      .filter((item) => item.url);
  }
  if (doc.feed) {
    return (
      asArray(doc.feed.entry)
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
        .map((entry: Record<string, any>) => {
          const links = asArray(entry.link) as Record<string, string>[];
          const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
          return {
            url: decodeXml(link?.['@href'] ?? ''),
            title: text(entry.title),
            publishedAt: isoDate(text(entry.published) ?? text(entry.updated)),
          };
        })
        .filter((item) => item.url)
    );
  }
  throw new Error('not an RSS 2.0 or Atom feed (no <rss><channel> or <feed> root)');
}

export interface SitemapEntry {
  url: string;
  /** `<news:publication_date>`, else `<lastmod>`. */
  publishedAt?: string;
}

export type Sitemap = { kind: 'index'; sitemaps: SitemapEntry[] } | { kind: 'urlset'; urls: SitemapEntry[] };

/** A sitemap (`<urlset>`, news extension included) or a sitemap index; throws with the reason otherwise. */
export function parseSitemap(xml: string): Sitemap {
  const doc = parseXml(xml, 'sitemap');
  const entry = (node: Record<string, unknown>): SitemapEntry => {
    const news = node['news:news'] as Record<string, unknown> | undefined;
    return { url: text(node.loc) ?? '', publishedAt: isoDate(text(news?.['news:publication_date']) ?? text(node.lastmod)) };
  };
  const entries = (nodes: unknown) =>
    asArray(nodes as Record<string, unknown>[])
      .map(entry)
      .filter((e) => e.url);
  if (doc.sitemapindex) return { kind: 'index', sitemaps: entries(doc.sitemapindex.sitemap) };
  if (doc.urlset) return { kind: 'urlset', urls: entries(doc.urlset.url) };
  throw new Error('not a sitemap (no <urlset> or <sitemapindex> root)');
}

/** What a fetched document is, from its first tags. */
export function documentKind(body: string): 'feed' | 'sitemap' | 'page' {
  const head = body.slice(0, 2000);
  if (/<(rss|feed)[\s>]/i.test(head) || /<rdf:RDF/i.test(head)) return 'feed';
  if (/<(urlset|sitemapindex)[\s>]/i.test(head)) return 'sitemap';
  return 'page';
}
