/**
 * The fetcher's HTTP client (undici): every safety limit of a crawler that runs for months against sites
 * it does not control — connect-time address check (SSRF, also against DNS rebinding), redirects followed
 * one by one and re-checked, timeouts, a cap on downloaded and on decompressed bytes (gzip/deflate/brotli
 * bombs), retries with backoff and jitter on 429/5xx/timeouts honouring Retry-After, conditional GET, and
 * decoding from the declared, sniffed or BOM charset to UTF-8.
 */
import { lookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { backoffDelay, sleep } from '@arabic-news/shared';
import { isPrivateAddress } from './address-policy.js';

export class FetchError extends Error {
  constructor(
    readonly code:
      | 'PRIVATE_ADDRESS'
      | 'TOO_MANY_REDIRECTS'
      | 'TOO_LARGE'
      | 'DECOMPRESSED_TOO_LARGE'
      | 'TIMEOUT'
      | 'HTTP_STATUS'
      | 'UNSUPPORTED_URL'
      | 'ROBOTS_DISALLOWED'
      | 'NETWORK',
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
  get retriable(): boolean {
    return (
      this.code === 'TIMEOUT' ||
      this.code === 'NETWORK' ||
      (this.code === 'HTTP_STATUS' && (this.status === 429 || (this.status ?? 0) >= 500))
    );
  }
}

export interface HttpClientOptions {
  userAgent: string;
  timeoutMs: number;
  /** Largest body accepted, compressed or not, in bytes. */
  maxBytes: number;
  /** Largest body after decompression, in bytes. */
  maxDecompressedBytes: number;
  maxRedirects: number;
  /** Attempts for retriable failures (429, 5xx, timeouts, resets), the first included. */
  attempts: number;
  retry: { initialMs: number; maxMs: number };
  /** Longest Retry-After honoured; a longer one fails the request (it is retried at the next poll). */
  maxRetryAfterMs: number;
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpClientOptions, 'userAgent'> = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxDecompressedBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  attempts: 3,
  retry: { initialMs: 500, maxMs: 30_000 },
  maxRetryAfterMs: 120_000,
};

export interface GetOptions {
  /** Allow private/loopback/link-local addresses (a source that names an intranet host on purpose). */
  allowPrivate?: boolean;
  etag?: string;
  lastModified?: string;
  accept?: string;
}

export interface HttpResponse {
  status: number;
  /** The URL after redirects. */
  url: string;
  headers: Record<string, string>;
  /** Decoded to a JavaScript (UTF-16) string from the page's charset; written out as UTF-8. */
  body: string;
  charset: string;
  notModified: boolean;
}

function checkedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused) {
        const error = Object.assign(new Error(`refusing to connect to ${hostname} (${refused.address}): private address`), {
          code: 'EPRIVATE',
        });
        return callback(error, '');
      }
      if ((options as { all?: boolean }).all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Charset from Content-Type, else the BOM, else `<meta charset>` / http-equiv in the first 2 KB, else UTF-8. */
export function detectCharset(contentType: string, bytes: Buffer): string {
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1];
  if (declared) return declared.toLowerCase();
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = bytes.subarray(0, 2048).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  return (meta ?? 'utf-8').toLowerCase();
}

export function decodeBody(bytes: Buffer, charset: string): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes); // the decoder drops a BOM of its own encoding
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readCapped(stream: Readable, cap: number, code: 'TOO_LARGE' | 'DECOMPRESSED_TOO_LARGE'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > cap) {
      stream.destroy();
      throw new FetchError(code, `${code === 'TOO_LARGE' ? 'body' : 'decompressed body'} larger than ${cap} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decompressor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

export class HttpClient {
  private readonly agents = new Map<boolean, Agent>();
  readonly options: HttpClientOptions;

  constructor(options: Partial<HttpClientOptions> & { userAgent: string }) {
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
  }

  private agent(allowPrivate: boolean): Dispatcher {
    let agent = this.agents.get(allowPrivate);
    if (!agent) {
      agent = new Agent({
        connect: { lookup: checkedLookup(allowPrivate) as never, timeout: this.options.timeoutMs },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        connections: 16,
      });
      this.agents.set(allowPrivate, agent);
    }
    return agent;
  }

  /** GET with retries for retriable failures; throws FetchError. A 304 answers `notModified`. */
  async get(url: string, options: GetOptions = {}): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.getOnce(url, options);
      } catch (err) {
        const error = err instanceof FetchError ? err : new FetchError('NETWORK', (err as Error).message, undefined, { cause: err });
        if (!error.retriable || attempt >= this.options.attempts) throw error;
        const wait = (error as FetchError & { retryAfterMs?: number }).retryAfterMs ?? backoffDelay(attempt, this.options.retry);
        if (wait > this.options.maxRetryAfterMs) throw error;
        await sleep(wait);
      }
    }
  }

  private async getOnce(startUrl: string, options: GetOptions): Promise<HttpResponse> {
    let url = startUrl;
    for (let redirects = 0; ; redirects += 1) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new FetchError('UNSUPPORTED_URL', `not an http(s) URL: ${url}`);
      // An IP literal is connected to without a DNS lookup, so the lookup hook never sees it: check it here.
      const literal = parsed.hostname.replace(/^\[|\]$/g, '');
      if (!options.allowPrivate && isIP(literal) && isPrivateAddress(literal))
        throw new FetchError('PRIVATE_ADDRESS', `refusing to connect to ${literal}: private address`);
      const headers: Record<string, string> = {
        'user-agent': this.options.userAgent,
        accept:
          options.accept ?? 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (options.etag && redirects === 0) headers['if-none-match'] = options.etag;
      if (options.lastModified && redirects === 0) headers['if-modified-since'] = options.lastModified;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: 'GET',
          headers,
          dispatcher: this.agent(options.allowPrivate ?? false),
          maxRedirections: 0,
        });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'EPRIVATE' || (err as { cause?: { code?: string } }).cause?.code === 'EPRIVATE')
          throw new FetchError('PRIVATE_ADDRESS', (err as Error).message, undefined, { cause: err });
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
          throw new FetchError('TIMEOUT', `timed out after ${this.options.timeoutMs} ms: ${url}`, undefined, { cause: err });
        throw new FetchError('NETWORK', `${code ?? 'error'}: ${(err as Error).message}`, undefined, { cause: err });
      }
      const flat = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const status = response.statusCode;
      if (status >= 300 && status < 400 && status !== 304 && flat.location) {
        await response.body.dump();
        if (redirects >= this.options.maxRedirects)
          throw new FetchError('TOO_MANY_REDIRECTS', `more than ${this.options.maxRedirects} redirects from ${startUrl}`);
        url = new URL(flat.location, url).toString();
        continue;
      }
      if (status === 304) {
        await response.body.dump();
        return { status, url, headers: flat, body: '', charset: 'utf-8', notModified: true };
      }
      if (status !== 200) {
        await response.body.dump();
        const error = new FetchError('HTTP_STATUS', `HTTP ${status} from ${url}`, status);
        const wait = retryAfterMs(flat['retry-after']);
        if (wait !== undefined) Object.assign(error, { retryAfterMs: wait });
        throw error;
      }
      const declaredLength = Number(flat['content-length'] ?? 0);
      if (declaredLength > this.options.maxBytes) {
        await response.body.destroy();
        throw new FetchError('TOO_LARGE', `Content-Length ${declaredLength} is over ${this.options.maxBytes} bytes`);
      }
      const raw = response.body as unknown as Readable;
      const inflate = decompressor(flat['content-encoding']);
      let bytes: Buffer;
      if (inflate) {
        // Count the bytes on the wire and, separately, what they inflate to.
        let wire = 0;
        raw.on('data', (chunk: Buffer) => {
          wire += chunk.length;
          if (wire > this.options.maxBytes) raw.destroy(new FetchError('TOO_LARGE', `body larger than ${this.options.maxBytes} bytes`));
        });
        raw.on('error', (err) => inflate.destroy(err));
        raw.pipe(inflate);
        bytes = await readCapped(inflate, this.options.maxDecompressedBytes, 'DECOMPRESSED_TOO_LARGE');
      } else {
        bytes = await readCapped(raw, this.options.maxBytes, 'TOO_LARGE');
      }
      const charset = detectCharset(flat['content-type'] ?? '', bytes);
      return { status, url, headers: flat, body: decodeBody(bytes, charset), charset, notModified: false };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    this.agents.clear();
  }
}
