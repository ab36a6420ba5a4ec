import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import { createContext, type Context } from './graphql/context.js';
import { acquireReadPool, type ReadPool, releaseReadPool } from './graphql/read-pool.js';
import { explorerAsset, landingPage } from './graphql/landing-page.js';
import { BASE_HEADERS, pageHeaders } from './graphql/security-headers.js';
import { isExplorerPath, serveExplorer } from './explorer/explorer.page.js';
import { LIMITS } from './graphql/limits.js';
import { authenticateRequest } from './modules/auth/auth.service.js';
import { SERVICE_UNAVAILABLE, RETRY_AFTER_SECONDS, sendError } from './graphql/errors.js';
import { handleExport } from './modules/export/export.http.js';
import { envFlag } from './env.js';

/** DUTYGRAPH_REQUIRE_TOKEN=1: reads need a viewer token too */
const tokenRequired = () => envFlag('DUTYGRAPH_REQUIRE_TOKEN');

const ENDPOINT = '/graphql';
const ASSETS = '/graphql/assets';
const MAX_BODY = LIMITS.maxBodyBytes;

/** the HTTP face of the API: POST/GET /graphql, the explorer page for browsers, its assets */
export function createHttpServer(apollo: ApolloServer<Context>, orm: MikroORM): Server {
  const readPool = acquireReadPool(orm);
  const server = createServer((req, res) => {
    handle(apollo, orm, readPool, req, res).catch((error) => {
      if (!res.headersSent) sendError(res, 500, 'internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      else res.end();
      process.emitWarning(String(error?.stack ?? error));
    });
  });
  if (readPool) server.on('close', () => void releaseReadPool(orm));
  return server;
}

async function handle(apollo: ApolloServer<Context>, orm: MikroORM, readPool: ReadPool | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
  const url = new URL(req.url ?? '/', 'http://localhost');
  // for load balancers: /health — the process answers; /ready — and its database answers too
  if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/ready') return ready(orm, res);
  if (url.pathname === '/' ) {
    res.writeHead(302, { location: ENDPOINT });
    return void res.end();
  }
  if (url.pathname.startsWith(`${ASSETS}/`)) {
    const asset = explorerAsset(url.pathname.slice(ASSETS.length + 1));
    if (!asset) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' });
    return void res.end(asset.body);
  }
  // the graph explorer 责任图谱浏览器: a page that is a client of the public API below
  if (isExplorerPath(url.pathname)) return serveExplorer(req, res, url);
  // downloads: 任务分工表 (xlsx, csv), JSON-LD, GraphML
  if (url.pathname === '/export') return handleExport(orm, req, res, url, tokenRequired());
  if (url.pathname !== ENDPOINT) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end(`not found: the API is at ${ENDPOINT}`);
  }
  if (req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
    const page = landingPage({ endpoint: ENDPOINT, assetBase: ASSETS });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...pageHeaders(page.inlineScripts) });
    return void res.end(page.html);
  }

  const auth = await authenticateRequest(orm, req, res, tokenRequired());
  if (auth === undefined) return;
  // an editor may send a whole file to ingestDocument (base64); everyone else a query
  const limit = auth && auth.role !== 'viewer' ? LIMITS.maxUploadBodyBytes : MAX_BODY;
  const raw = await readBody(req, limit);
  if (raw === null) {
    return sendError(res, 413, `request body larger than ${limit} bytes`, { code: 'BAD_REQUEST' });
  }
  let body: string;
  try {
    body = UTF8.decode(raw);
  } catch {
    return sendError(res, 400, 'request body is not valid UTF-8', { code: 'BAD_REQUEST' });
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let parsed: unknown = undefined;
  if (body.length && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'request body is not valid JSON', { code: 'BAD_REQUEST' });
    }
  }
  const request: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body: parsed ?? body };
  // a client that leaves before its answer: what it asked for stops
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: request,
    context: async () => createContext(orm, auth, { readPool, gone: gone.signal, client: req.socket.remoteAddress ?? null }),
  });
  const outHeaders: Record<string, string> = {};
  for (const [key, value] of response.headers) outHeaders[key] = value;
  res.writeHead(response.status ?? 200, outHeaders);
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}


function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** ready when one trivial statement comes back within a second */
async function ready(orm: MikroORM, res: ServerResponse): Promise<void> {
  const dialect = orm.config.get('clientUrl') ? 'postgresql' : 'sqlite';
  try {
    await Promise.race([
      orm.em.getConnection().execute('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1000).unref()),
    ]);
    sendJson(res, 200, { status: 'ready', database: dialect });
  } catch {
    sendJson(res, 503, { status: 'unavailable', database: dialect, code: SERVICE_UNAVAILABLE }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
  }
}

// bytes that are not UTF-8 are refused rather than read as U+FFFD and matched against the graph
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // past the limit the rest is read and dropped, so the client gets its 413 rather than a reset
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
