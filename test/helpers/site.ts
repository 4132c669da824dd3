import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestSite {
  url: string;
  /** Paths with query, in the order they were asked for (robots.txt left out). */
  hits: string[];
  close(): Promise<void>;
  server: Server;
}

/** A real HTTP server on 127.0.0.1 whose pages a test swaps as the site "changes". */
export async function startSite(route: (url: URL) => Reply | undefined): Promise<TestSite> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/robots.txt') hits.push(`${url.pathname}${url.search}`);
    const reply = route(url) ?? { status: 404, type: 'text/plain', body: 'not found' };
    res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'text/html; charset=utf-8', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
