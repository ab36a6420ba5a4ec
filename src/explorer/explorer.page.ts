import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { scriptLiteral, staticAssets } from '../static-assets.js';
import { pageHeaders } from '../graphql/security-headers.js';

/** where the explorer lives; its assets are under `${EXPLORER_PATH}/assets/` */
export const EXPLORER_PATH = '/explorer';
const ASSET_BASE = `${EXPLORER_PATH}/assets`;

const CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const require = createRequire(import.meta.url);
const SOURCES: Record<string, { path: () => string; contentType: string }> = {
  // the page's own files are served from the source folder: they are browser code, not compiled by tsc
  'explorer.client.js': { path: () => join(PACKAGE_ROOT, 'src/explorer/explorer.client.js'), contentType: 'text/javascript; charset=utf-8' },
  'explorer.css': { path: () => join(PACKAGE_ROOT, 'src/explorer/explorer.css'), contentType: 'text/css; charset=utf-8' },
  'cytoscape.min.js': {
    // the UMD build: a plain script that defines window.cytoscape
    path: () => require.resolve('cytoscape/dist/cytoscape.min.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
};
const asset = staticAssets(SOURCES);

function assetUrl(name: string): string {
  return `${ASSET_BASE}/${name}?v=${asset(name)!.version}`;
}

/** the HTML shell; everything it shows is fetched by the client from the public GraphQL endpoint */
export function renderExplorerPage(opts: { endpoint: string }): string {
  const config = {
    endpoint: opts.endpoint,
    // GraphiQL bundled with the server, so the link works with no internet
    graphqlExplorer: opts.endpoint,
    exportPath: '/export',
  };
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dutygraph 责任图谱 — 浏览器 Explorer</title>
<style>:root { --cjk-fonts: ${CJK_FONTS}; }</style>
<link rel="stylesheet" href="${assetUrl('explorer.css')}">
</head>
<body>
<a class="skip" href="#stage">跳到内容 / Skip to content</a>
<header class="bar">
  <a class="brand" href="#/">dutygraph 责任图谱</a>
  <div class="search" role="search">
    <label for="q" class="visually-hidden">检索单位、别称、任务或文号 / Search units, aliases, tasks, document numbers</label>
    <input id="q" type="text" role="combobox" autocomplete="off" spellcheck="false"
      aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions" aria-describedby="search-help"
      placeholder="检索单位、别称、任务或文号（如 省应急厅、煤矿、晋政发〔2024〕1号）">
    <span id="search-help" class="visually-hidden">输入后用上下方向键选择建议，回车打开，Esc 关闭 / Arrow keys to choose, Enter to open, Escape to close</span>
    <ul id="suggestions" role="listbox" aria-label="检索建议 / Suggestions" hidden></ul>
  </div>
  <nav class="links" aria-label="链接 / Links">
    <a id="graphql-link" href="${config.graphqlExplorer}">在 GraphQL 浏览器中打开此查询 / Open this query in the GraphQL explorer</a>
  </nav>
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
    <div id="details"></div>
    <section id="evidence" aria-label="原文依据 / Evidence" aria-live="polite" hidden></section>
    <nav id="element-list" aria-label="图中元素 / Elements of the graph"></nav>
    <details id="query-box">
      <summary>本视图的 GraphQL 查询 / This view's GraphQL query</summary>
      <pre id="query-text"></pre>
    </details>
  </aside>
</main>
<script id="explorer-config" type="application/json">${scriptLiteral(config)}</script>
<script src="${assetUrl('cytoscape.min.js')}"></script>
<script type="module" src="${assetUrl('explorer.client.js')}"></script>
</body>
</html>
`;
}

/** answers GET/HEAD for the explorer page and its assets; anything under the path that is not one is a 404 */
export function serveExplorer(req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('the explorer answers GET only');
  }
  if (url.pathname === EXPLORER_PATH || url.pathname === `${EXPLORER_PATH}/`) {
    const page = renderExplorerPage({ endpoint: '/graphql' });
    // its scripts are files of this server; the config is a JSON data block, which no policy runs
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...pageHeaders() });
    return void res.end(req.method === 'HEAD' ? undefined : page);
  }
  const found = url.pathname.startsWith(`${ASSET_BASE}/`) ? asset(url.pathname.slice(ASSET_BASE.length + 1)) : undefined;
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
