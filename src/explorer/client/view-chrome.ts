// What every view sets besides its content: which of graph / matrix / list is shown, the view's
// GraphQL query (shown in the panel and linked to GraphiQL), export links.
import { config } from './api';
import { $, h } from './dom';
import { destroyGraph } from './graph';
import { hideEvidence, setListGroups } from './evidence-panel';
import { openSheet } from './sheet';

export function show(which: 'graph' | 'matrix' | 'home'): void {
  for (const id of ['graph', 'matrix', 'home']) $(id).hidden = id !== which;
  if (which !== 'graph') destroyGraph();
  setListGroups(() => []);
  $('tip').hidden = true;
  hideEvidence();
  openSheet(false);
}

export function setViewQuery(query: string): void {
  $('query-text').textContent = query.trim();
  // GraphiQL convention: the query travels in the URL fragment, so the server serves the page rather than running it
  ($('graphql-link') as HTMLAnchorElement).href = `${config.graphqlExplorer}#query=${encodeURIComponent(query.trim())}`;
}

export function exportLinks(param: string, value: string): HTMLElement {
  const formats = [['xlsx', 'Excel'], ['csv', 'CSV'], ['jsonld', 'JSON-LD'], ['graphml', 'GraphML']];
  return h('p', { class: 'exports' }, '导出 / Export: ',
    formats.map(([format, label]) => h('a', { href: `${config.exportPath}?format=${format}&${param}=${encodeURIComponent(value)}`, download: true }, label)));
}
