import { analyzeArabic, analyzeWithOffsets } from '../arabic/index.js';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './search-index.js';

/**
 * A passage of about `size` characters around the first word that matches the query through the Arabic
 * analyzer (so «الصين» highlights «والصينية»), matched words wrapped in the highlight marks.
 */
export function highlightSnippet(text: string, query: string, size = 160): string {
  const wanted = new Set(analyzeArabic(query));
  const matches = analyzeWithOffsets(text).filter((token) => wanted.has(token.term));
  const first = matches[0];
  if (!first) return text.slice(0, size).trim();
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, first.start - size / 4)) + 1);
  const end = Math.min(text.length, start + size);
  let snippet = '';
  let cursor = start;
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    snippet += text.slice(cursor, match.start) + HIGHLIGHT_OPEN + text.slice(match.start, match.end) + HIGHLIGHT_CLOSE;
    cursor = match.end;
  }
  snippet += text.slice(cursor, end);
  return `${start > 0 ? '…' : ''}${snippet.replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
