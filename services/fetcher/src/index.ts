export { isPrivateAddress } from './address-policy.js';
export { documentKind, parseFeed, parseSitemap, type FeedItem, type Sitemap } from './feed.js';
export { FetchState, stateKey, type FetchStateRecord, type SourceState } from './fetch-state.js';
export { createFetcher } from './create-fetcher.js';
export { Fetcher, pageCanonicalUrl, rawFromFile, type Emit, type FetcherOptions } from './fetcher.js';
export { DEFAULT_HTTP_OPTIONS, FetchError, HttpClient, decodeBody, detectCharset, type HttpClientOptions } from './http-client.js';
export { Politeness } from './politeness.js';
export { parseSources, SourcesFile, SourcesFileError, sourcesFromList, sourcesOfShard, type Source } from './sources.js';
