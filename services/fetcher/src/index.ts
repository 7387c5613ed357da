export { parseFeed, type FeedItem } from './feed.js';
export { createHttpGet, Fetcher, rawFromFile, type FetcherOptions, type HttpGet } from './fetcher.js';
