import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../paths.js';
import { scriptLiteral, staticAssets, type StaticAsset } from '../static-assets.js';
import { pageHeaders } from '../graphql/security-headers.js';

/** where the explorer lives; its assets are under `${EXPLORER_PATH}/assets/` */
export const EXPLORER_PATH = '/explorer';
const ASSET_BASE = `${EXPLORER_PATH}/assets`;

const CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const styles = staticAssets({
  'explorer.css': { path: () => join(PACKAGE_ROOT, 'src/explorer/explorer.css'), contentType: 'text/css; charset=utf-8' },
});

/** the client's entry: TypeScript modules under client/, bundled with cytoscape into one ES module */
export const CLIENT_ENTRY = join(PACKAGE_ROOT, 'src/explorer/client/main.ts');
const BUNDLE_NAME = 'explorer.js';
let bundle: Promise<StaticAsset> | undefined;
let bundledAt = 0;

/** the newest change to the client's sources (a dozen files: cheap to look at per page load) */
function clientChangedAt(): number {
  const dir = dirname(CLIENT_ENTRY);
  return Math.max(...readdirSync(dir).map((name) => statSync(join(dir, name)).mtimeMs));
}

/**
 * The client bundle, built in memory by esbuild when first asked for and kept while its sources
 * stay as they were: a fresh clone serves it with no build step, the browser tests always run the
 * sources, and an edited source is bundled again on the next page load.
 */
export function clientBundle(): Promise<StaticAsset> {
  const changedAt = clientChangedAt();
  if (bundle && changedAt <= bundledAt) return bundle;
  bundledAt = changedAt;
  const building: Promise<StaticAsset> = build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  }).then(
    (result) => {
      const body = Buffer.from(result.outputFiles[0].contents);
      return { body, contentType: 'text/javascript; charset=utf-8', version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
    },
    (error: unknown) => {
      // a broken source is fixed and asked for again without a restart
      if (bundle === building) bundle = undefined;
      throw error;
    },
  );
  bundle = building;
  return building;
}

/** the HTML shell; everything it shows is fetched by the client from the public GraphQL endpoint */
export function renderExplorerPage(opts: { endpoint: string; scriptVersion: string }): string {
  const config = {
    endpoint: opts.endpoint,
    // GraphiQL bundled with the server, so the link works with no internet
    graphqlExplorer: opts.endpoint,
    exportPath: '/export',
  };
  const css = `${ASSET_BASE}/explorer.css?v=${styles('explorer.css')!.version}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dutygraph 责任图谱 — 浏览器 Explorer</title>
<style>:root { --cjk-fonts: ${CJK_FONTS}; }</style>
<link rel="stylesheet" href="${css}">
</head>
<body>
<a class="skip" href="#stage">跳到内容 / Skip to content</a>
<header class="bar">
  <a class="brand" href="#/">dutygraph <span class="brand-long">责任图谱</span></a>
  <nav class="links" aria-label="链接 / Links">
    <a id="api-link" href="${config.graphqlExplorer}" title="GraphQL API 与 GraphiQL / the GraphQL API and GraphiQL">GraphQL</a>
    <a id="graphql-link" href="${config.graphqlExplorer}" title="在 GraphQL 浏览器中打开此视图的查询 / Open this view's query in the GraphQL explorer">本视图查询<span class="wide-only"> / this view's query</span></a>
  </nav>
  <div class="search" role="search">
    <label for="q" class="visually-hidden">检索单位、别称、任务或文号 / Search units, aliases, tasks, document numbers</label>
    <input id="q" type="text" role="combobox" autocomplete="off" spellcheck="false" enterkeyhint="search"
      aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions" aria-describedby="search-help"
      placeholder="检索单位、别称、任务或文号（如 省应急厅、煤矿、晋政发〔2024〕1号）">
    <span id="search-help" class="visually-hidden">输入后用上下方向键选择建议，回车打开，Esc 关闭 / Arrow keys to choose, Enter to open, Escape to close</span>
    <ul id="suggestions" role="listbox" aria-label="检索建议 / Suggestions" hidden></ul>
  </div>
</header>
<div id="status" role="status" aria-live="polite"></div>
<main class="layout">
  <section id="stage" tabindex="-1" aria-label="视图 / View">
    <div id="graph" role="img" aria-label="关系图 / Graph" hidden></div>
    <div id="matrix" hidden></div>
    <div id="home" hidden></div>
    <div id="tip" role="tooltip" hidden></div>
  </section>
  <aside id="panel" aria-label="详情与依据 / Details and evidence">
    <!-- on a phone the panel is a sheet over the bottom of the view: this handle opens and closes it -->
    <button id="sheet-handle" class="sheet-handle" type="button" aria-expanded="false" aria-controls="panel-body">
      <span class="grip" aria-hidden="true"></span><span id="sheet-title">详情与依据 / Details</span>
    </button>
    <div id="panel-body">
      <div id="details"></div>
      <section id="evidence" aria-label="原文依据 / Evidence" aria-live="polite" hidden></section>
      <nav id="element-list" aria-label="图中元素 / Elements of the graph"></nav>
      <details id="query-box">
        <summary>本视图的 GraphQL 查询 / This view's GraphQL query</summary>
        <pre id="query-text"></pre>
      </details>
    </div>
  </aside>
</main>
<script id="explorer-config" type="application/json">${scriptLiteral(config)}</script>
<script type="module" src="${ASSET_BASE}/${BUNDLE_NAME}?v=${opts.scriptVersion}"></script>
</body>
</html>
`;
}

/** answers GET/HEAD for the explorer page and its assets; anything under the path that is not one is a 404 */
export async function serveExplorer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('the explorer answers GET only');
  }
  const isPage = url.pathname === EXPLORER_PATH || url.pathname === `${EXPLORER_PATH}/`;
  let script: StaticAsset | undefined;
  if (isPage || url.pathname === `${ASSET_BASE}/${BUNDLE_NAME}`) {
    try {
      script = await clientBundle();
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(`the explorer's client could not be bundled: ${(error as Error).message}`);
    }
  }
  if (isPage) {
    const page = renderExplorerPage({ endpoint: '/graphql', scriptVersion: script!.version });
    // its scripts are files of this server; the config is a JSON data block, which no policy runs
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...pageHeaders() });
    return void res.end(req.method === 'HEAD' ? undefined : page);
  }
  const found = script ?? (url.pathname.startsWith(`${ASSET_BASE}/`) ? styles(url.pathname.slice(ASSET_BASE.length + 1)) : undefined);
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end(`not found: the explorer is at ${EXPLORER_PATH}`);
  }
  // versioned URLs: a changed file gets a new URL, so the old one may be cached for long
  res.writeHead(200, { 'content-type': found.contentType, 'cache-control': 'public, max-age=86400' });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}

/** whether a request path belongs to the explorer */
export function isExplorerPath(pathname: string): boolean {
  return pathname === EXPLORER_PATH || pathname.startsWith(`${EXPLORER_PATH}/`);
}
