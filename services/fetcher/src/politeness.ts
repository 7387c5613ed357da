/**
 * Politeness per host: robots.txt honoured (Disallow and Crawl-delay, for our User-Agent), at most
 * `concurrency` requests at a time to one host, and at least `minDelayMs` (or the Crawl-delay, if longer)
 * between the starts of two requests to it.
 */
import robotsParser from 'robots-parser';
import type { HttpClient } from './http-client.js';

type Robots = ReturnType<typeof robotsParser>;

interface HostState {
  active: number;
  nextStart: number;
  waiting: (() => void)[];
}

export interface PolitenessOptions {
  http: HttpClient;
  userAgent: string;
  concurrency: number;
  minDelayMs: number;
  /** How long a robots.txt is trusted before it is fetched again. */
  robotsTtlMs?: number;
}

export class Politeness {
  private readonly hosts = new Map<string, HostState>();
  private readonly robots = new Map<string, { robots: Robots | 'allow-all' | 'disallow-all'; fetchedAt: number }>();
  private readonly robotsTtlMs: number;

  constructor(private readonly options: PolitenessOptions) {
    this.robotsTtlMs = options.robotsTtlMs ?? 24 * 3600 * 1000;
  }

  /** Whether robots.txt lets us fetch `url`, and the host's Crawl-delay in ms. */
  async check(url: string, allowPrivate: boolean): Promise<{ allowed: boolean; crawlDelayMs: number }> {
    const { origin } = new URL(url);
    let entry = this.robots.get(origin);
    if (!entry || Date.now() - entry.fetchedAt > this.robotsTtlMs) {
      entry = { robots: await this.fetchRobots(origin, allowPrivate), fetchedAt: Date.now() };
      this.robots.set(origin, entry);
    }
    if (entry.robots === 'allow-all') return { allowed: true, crawlDelayMs: 0 };
    if (entry.robots === 'disallow-all') return { allowed: false, crawlDelayMs: 0 };
    const allowed = entry.robots.isAllowed(url, this.options.userAgent) !== false;
    const delay = entry.robots.getCrawlDelay(this.options.userAgent);
    return { allowed, crawlDelayMs: delay ? delay * 1000 : 0 };
  }

  /** Runs `task` for `url` within the host's concurrency and spacing limits. */
  async schedule<T>(url: string, crawlDelayMs: number, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, waiting: [] };
      this.hosts.set(host, state);
    }
    while (state.active >= this.options.concurrency) await new Promise<void>((resolve) => state!.waiting.push(resolve));
    state.active += 1;
    const spacing = Math.max(this.options.minDelayMs, crawlDelayMs);
    const wait = state.nextStart - Date.now();
    state.nextStart = Math.max(Date.now(), state.nextStart) + spacing;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await task();
    } finally {
      state.active -= 1;
      state.waiting.shift()?.();
    }
  }

  private async fetchRobots(origin: string, allowPrivate: boolean): Promise<Robots | 'allow-all' | 'disallow-all'> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await this.options.http.get(robotsUrl, { allowPrivate, accept: 'text/plain' });
      return robotsParser(robotsUrl, response.body);
    } catch (err) {
      // A refused address is the source's problem, not the site's: report it as such.
      if ((err as { code?: string }).code === 'PRIVATE_ADDRESS') throw err;
      const status = (err as { status?: number }).status;
      // No robots.txt (4xx) means no restrictions; a server error means "come back later" (RFC 9309).
      if (status !== undefined && status >= 400 && status < 500) return 'allow-all';
      return 'disallow-all';
    }
  }
}
