import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scriptLiteral, staticAssets } from '../static-assets.js';

const DEFAULT_QUERY = `# 省应急厅 leads or shares which tasks? / 省应急厅牵头或分工负责哪些任务？
query {
  unit(name: "省应急厅") {
    name aliases level kind sector
    assignments(first: 5) {
      totalCount
      nodes {
        role
        mention
        clause { text }
        task { path title document { number title } }
      }
    }
  }
}
`;

const CJK_FONTS = '"PingFang SC","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei"';

/**
 * The page a browser gets at the endpoint: the bundled GraphiQL, served by this server — no
 * script from a CDN, so a strict Content-Security-Policy holds. Returns the page and its one
 * inline script (for the policy's hash).
 */
export function landingPage(opts: { endpoint: string; assetBase: string }): { html: string; inlineScripts: string[] } {
  const base = opts.assetBase.replace(/\/+$/, '');
  const config = {
    endpoint: opts.endpoint,
    defaultQuery: DEFAULT_QUERY,
    css: `${base}/graphiql.min.css`,
    // Order matters: the GraphiQL UMD bundle reads window.React / window.ReactDOM.
    scripts: [
      `${base}/react.production.min.js`,
      `${base}/react-dom.production.min.js`,
      `${base}/graphiql.min.js`,
    ],
  };

  const script = `
(function () {
  var cfg = ${scriptLiteral(config)};
  // a query handed over in the fragment (#query=…, as the /explorer page links): the fragment never reaches the server
  var handed = new URLSearchParams(location.hash.slice(1)).get('query');
  var $ = function (id) { return document.getElementById(id); };

  function status(text) { $('status').textContent = text; $('status').hidden = false; }

  function loadScript(src, onload, onerror) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = onload;
    s.onerror = onerror;
    document.head.appendChild(s);
  }

  var link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = cfg.css;
  document.head.appendChild(link);
  var fail = function () { status('GraphiQL 资源加载失败 / failed to load GraphiQL assets'); };
  (function next(i) {
    if (i < cfg.scripts.length) return loadScript(cfg.scripts[i], function () { next(i + 1); }, fail);
    var fetcher = GraphiQL.createFetcher({ url: cfg.endpoint });
    $('status').hidden = true;
    $('graphiql').hidden = false;
    ReactDOM.createRoot($('graphiql')).render(
      React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: cfg.defaultQuery, query: handed || undefined }));
  })(0);
})();
`;
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dutygraph — 责任图谱 GraphQL API</title>
<style>
  html, body { margin: 0; height: 100%; }
  body { font-family: ${CJK_FONTS}, system-ui, sans-serif; }
  header { position: fixed; top: 0; left: 0; right: 0; height: 40px; box-sizing: border-box;
    display: flex; align-items: center; gap: 16px; padding: 0 16px;
    background: #1f2937; color: #f9fafb; font-size: 14px; z-index: 10; }
  header strong { flex: 1; font-weight: 600; }
  header a { color: #93c5fd; text-decoration: none; }
  header a:hover { text-decoration: underline; }
  main { position: fixed; top: 40px; left: 0; right: 0; bottom: 0; }
  #graphiql { width: 100%; height: 100%; }
  #status { padding: 24px; color: #374151; }
  /* GraphiQL's own stack (Roboto / Fira Code) has no CJK glyphs. */
  body .graphiql-container, body .CodeMirror-info, body .CodeMirror-lint-tooltip, body .graphiql-dialog,
  body .graphiql-dialog-overlay, body .graphiql-tooltip, body [data-radix-popper-content-wrapper] {
    --font-family: "Roboto", ${CJK_FONTS}, sans-serif;
    --font-family-mono: "Fira Code", "Noto Sans Mono CJK SC", ${CJK_FONTS}, monospace;
  }
</style>
</head>
<body>
<header>
  <strong>dutygraph — 责任图谱 GraphQL API</strong>
  <a href="/explorer">责任图谱浏览器 / explorer</a>
</header>
<main>
  <div id="status">正在加载… / Loading…</div>
  <div id="graphiql" hidden></div>
</main>
<script>${script}</script>
</body>
</html>
`;
  return { html, inlineScripts: [script] };
}

export function renderLandingPage(opts: { endpoint: string; assetBase: string }): string {
  return landingPage(opts).html;
}

const require = createRequire(import.meta.url);
/** a file of an installed package */
const inPackage = (pkg: string, file: string) => () => join(dirname(require.resolve(`${pkg}/package.json`)), file);

export const explorerAsset = staticAssets({
  'react.production.min.js': { path: inPackage('react', 'umd/react.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { path: inPackage('react-dom', 'umd/react-dom.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.js': { path: inPackage('graphiql', 'graphiql.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { path: inPackage('graphiql', 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
});
