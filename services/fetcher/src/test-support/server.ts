/** A local HTTP server for the fetcher's tests and benchmark: routes are plain handlers, requests are logged. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  origin: string;
  /** Every request: path and time. */
  requests: { path: string; at: number; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, at: Date.now(), headers: request.headers });
    const route = routes[path.split('?')[0]!];
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const html =
  (body: string, type = 'text/html; charset=utf-8'): Route =>
  (_, response) =>
    response.writeHead(200, { 'content-type': type }).end(body);

export const articlePage = (title: string, paragraph: string, extraHead = '') =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title>${extraHead}</head><body><article><h1>${title}</h1><p>${paragraph}</p><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
