/**
 * npm run bench:fetch [-- pages hosts minDelayMs]
 *
 * The fetcher against local HTTP servers: 5,000 article pages over 50 hosts (one server per port, each its
 * own host for politeness), listed in one news sitemap per host, politeness on (robots.txt read, 2 requests
 * at a time per host, FETCH_MIN_DELAY_MS between starts). Next to it, in the same run, the raw HTTP client
 * (undici, 64 requests in flight, no politeness) on the same pages. Pages/s and memory; then the heap
 * that the fetcher's state takes per remembered article id (1,000,000 ids).
 */
import { request, Agent } from 'undici';
import { createFetcher, FetchState } from '@arabic-news/fetcher';
import { createLogger, loadConfig } from '@arabic-news/shared';
import { articlePage, html, startServer, type TestServer } from '../services/fetcher/src/test-support/server.js';

const PAGES = Number(process.argv[2] ?? 5000);
const HOSTS = Number(process.argv[3] ?? 50);
const MIN_DELAY_MS = Number(process.argv[4] ?? 100);
const perHost = Math.ceil(PAGES / HOSTS);
const paragraph = 'قال الرئيس الصيني شي جين بينغ إن العلاقات بين الصين وروسيا دخلت عصرا جديدا من التعاون الاستراتيجي الشامل. '.repeat(8);

const servers: TestServer[] = [];
for (let h = 0; h < HOSTS; h += 1) {
  const routes: Record<string, ReturnType<typeof html>> = { '/robots.txt': html('User-agent: *\nDisallow: /private/\n', 'text/plain') };
  const urls: string[] = [];
  for (let p = 0; p < perHost; p += 1) {
    routes[`/article/${p}`] = html(articlePage(`خبر ${h}-${p}`, paragraph));
    urls.push(`<url><loc>/article/${p}</loc></url>`);
  }
  routes['/sitemap.xml'] = html(`<urlset>${urls.join('')}</urlset>`, 'application/xml');
  servers.push(await startServer(routes));
}
const pageUrls = servers.flatMap((s) => Array.from({ length: perHost }, (_, p) => `${s.origin}/article/${p}`));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

// Raw client: the ceiling of the HTTP stack and the servers on this machine.
{
  const agent = new Agent({ connections: 8 });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < pageUrls.length) {
        const response = await request(pageUrls[next++]!, { dispatcher: agent });
        await response.body.text();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `| raw HTTP client (undici, 64 in flight, no politeness) | ${pageUrls.length} | ${(pageUrls.length / seconds).toFixed(0)} | ${mb(process.memoryUsage().rss)} |`,
  );
  await agent.close();
}

{
  const config = loadConfig({ FETCH_MIN_DELAY_MS: String(MIN_DELAY_MS), FETCH_CONCURRENCY_PER_HOST: '2' });
  let failures = 0;
  const { fetcher, http } = createFetcher({ config: config.fetch, log: createLogger({ level: 'silent' }), onError: () => (failures += 1) });
  let emitted = 0;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const started = process.hrtime.bigint();
  await Promise.all(
    servers.map((server, i) =>
      fetcher.pollSource({ name: `host-${i}`, type: 'sitemap', url: `${server.origin}/sitemap.xml`, allowPrivate: true }, async () => {
        emitted += 1;
      }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const ceiling = (HOSTS * 1000) / Math.max(1, MIN_DELAY_MS);
  console.log(
    `| fetcher (politeness on: robots.txt, 2 per host, ${MIN_DELAY_MS} ms between starts per host) | ${emitted} | ${(emitted / seconds).toFixed(0)} | peak ${mb(peak)} |`,
  );
  console.log(
    `\n${emitted} emitted, ${failures} failures, ${seconds.toFixed(1)} s; politeness ceiling ${HOSTS} hosts × 1000/${MIN_DELAY_MS} ms = ${ceiling.toFixed(0)} pages/s`,
  );
  await http.close();
}
await Promise.all(servers.map((server) => server.close()));

{
  // Heap per remembered id: the seen table of FetchState, filled with article-shaped ids (16 hex digits).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:fetch does)');
  gc();
  const before = process.memoryUsage().heapUsed;
  const state = new FetchState();
  const ids = 1_000_000;
  for (let start = 0; start < ids; start += 10_000) {
    await state.markSeen(...Array.from({ length: 10_000 }, (_, i) => (start + i).toString(16).padStart(16, '0')));
  }
  gc();
  const perId = (process.memoryUsage().heapUsed - before) / state.seenCount;
  console.log(`\nfetch state: ${state.seenCount} remembered ids, ${perId.toFixed(0)} bytes of heap each`);
}
