import { describe, expect, it } from 'vitest';
import { FetchState, type FetchStateRecord } from './fetch-state.js';

const DAY = 86_400_000;

function clocked(seenDays = 180) {
  let now = Date.UTC(2026, 0, 1);
  const written: FetchStateRecord[] = [];
  const state = new FetchState({ persist: async (records) => void written.push(...records), seenDays, now: () => now });
  return { state, written, advance: (days: number) => (now += days * DAY), at: () => now };
}

describe('FetchState', () => {
  it('forgets an id no source lists any more after the window, and not before', async () => {
    const { state, written, advance } = clocked();
    await state.markSeen('a', 'b');
    expect(written.map((r) => r.kind === 'seen' && r.id)).toEqual(['a', 'b']);
    advance(179);
    expect(state.expire()).toBe(0);
    expect(state.hasSeen('a')).toBe(true);
    advance(2);
    expect(state.expire()).toBe(2);
    expect(state.hasSeen('a')).toBe(false);
    expect([state.seenCount, state.expiredCount]).toEqual([0, 2]);
  });

  it('keeps remembering an id that a source still lists, writing it again only after half the window', async () => {
    const { state, written, advance } = clocked();
    await state.markSeen('listed', 'dropped');
    advance(30);
    await state.markSeen('listed'); // seen recently: nothing written
    expect(written).toHaveLength(2);
    advance(70); // day 100: the record is older than 90 days, so it is written again
    await state.markSeen('listed');
    expect(written).toHaveLength(3);
    advance(150); // day 250
    await state.markSeen('other');
    expect(state.hasSeen('listed')).toBe(true);
    expect(state.hasSeen('dropped')).toBe(false);
  });

  it('rebuilt from its records, skips those already expired and keeps the newest time of each id', () => {
    const { state, at } = clocked();
    const iso = (daysAgo: number) => new Date(at() - daysAgo * DAY).toISOString();
    state.apply({ kind: 'seen', id: 'old', at: iso(200) });
    state.apply({ kind: 'seen', id: 'recent', at: iso(10) });
    state.apply({ kind: 'seen', id: 'refreshed', at: iso(200) });
    state.apply({ kind: 'seen', id: 'refreshed', at: iso(5) });
    state.apply({ kind: 'seen', id: 'garbled', at: 'yesterday' });
    expect(['old', 'recent', 'refreshed', 'garbled'].map((id) => state.hasSeen(id))).toEqual([false, true, true, false]);
  });

  it('sends validators only while the last full read of a source is recent', async () => {
    const { state, advance } = clocked();
    expect(state.validators('feed')).toEqual({});
    await state.listed('feed', { etag: '"v1"', lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT' });
    await state.updateSource('feed', { nextPollAt: 1 }); // a later poll answered 304
    expect(state.validators('feed')).toEqual({ etag: '"v1"', lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT' });
    advance(91); // a feed unchanged for half the window is read in full, re-listing its articles
    expect(state.validators('feed')).toEqual({});
  });
});
