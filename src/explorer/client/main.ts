// dutygraph explorer: a browser client of the public GraphQL API (POST /graphql), drawn with cytoscape.js.
// Views are deep-linked by the URL fragment: #/search/<q>, #/unit/<id>, #/chain/<taskId>, #/matrix/<documentId>.
import { $, status } from './dom';
import { renderElementList } from './evidence-panel';
import { draw, graph, handlers, hasGraph, ringsLayout, whenSettled } from './graph';
import { chainView } from './chain-view';
import { matrixView } from './matrix-view';
import { homeView, initSearchBox, searchView } from './search';
import { initSheet, setSheetTitle } from './sheet';
import { unitView } from './unit-view';

async function route(): Promise<void> {
  const [, view = '', ...rest] = location.hash.replace(/^#/, '').split('/');
  const arg = decodeURIComponent(rest.join('/'));
  status('正在加载… / loading…');
  try {
    if (view === 'unit' && arg) await unitView(arg);
    else if (view === 'chain' && arg) await chainView(arg);
    else if (view === 'matrix' && arg) await matrixView(arg, () => void route());
    else if (view === 'search' && arg) await searchView(arg);
    else await homeView();
    // what was typed has been answered: the view's heading says what it shows
    if (view !== 'search') ($('q') as HTMLInputElement).value = '';
    const title = $('details').querySelector('h2')?.textContent ?? '';
    document.title = `${title} — dutygraph 责任图谱`;
    setSheetTitle(title);
  } catch (error) {
    status(`出错 / error: ${(error as Error).message}`, true);
  }
}

handlers.expanded = () => {
  renderElementList();
  status(`已展开，图中共 ${graph().nodes().length} 个节点 / expanded; ${graph().nodes().length} nodes`);
};

initSearchBox();
initSheet();

declare global {
  interface Window {
    dutygraphExplorer: unknown;
  }
}
// for the browser tests and the console: the live graph, the drawing path with its size-dependent
// choices, and a promise for the moment the layout has settled and the labels are placed
window.dutygraphExplorer = {
  get cy() {
    return hasGraph() ? graph() : null;
  },
  draw,
  ringsLayout,
  settled: whenSettled,
};

// a view opened by link or by the back button moves focus to it, so keyboard users land in the content
window.addEventListener('hashchange', () => route().then(() => $('stage').focus({ preventScroll: true })));
void route();
