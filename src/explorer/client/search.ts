// The search box (a combobox with suggestions as you type), the list of all hits, and the home list of documents.
import { gql, lit } from './api';
import { $, fill, h, snippet, status } from './dom';
import { legend } from './graph-style';
import { isSheet } from './sheet';
import { setViewQuery, show } from './view-chrome';
import { KINDS, levelLabel, taskLabel, docLabel } from './vocab';

interface Hit {
  kind: 'UNIT' | 'TASK' | 'DOCUMENT';
  field: string;
  snippet: string;
  unit: { id: string; name: string; level: string } | null;
  task: { id: string; path: string; title: string; document: { id: string; number: string | null; title: string } } | null;
  document: { id: string; number: string | null; title: string } | null;
}

function searchQuery(q: string, first: number): string {
  return `{
  search(query: ${lit(q)}, first: ${first}) {
    totalCount
    nodes {
      kind field score snippet
      unit { id name level }
      task { id path title document { id number title } }
      document { id number title }
    }
  }
}`;
}

function hitHref(hit: Hit): string {
  if (hit.kind === 'UNIT') return `#/unit/${hit.unit!.id}`;
  if (hit.kind === 'TASK') return `#/chain/${hit.task!.id}`;
  return `#/matrix/${hit.document!.id}`;
}

function hitTitle(hit: Hit): string {
  if (hit.kind === 'UNIT') return `${hit.unit!.name}（${levelLabel(hit.unit!.level)}）`;
  if (hit.kind === 'TASK') return `${docLabel(hit.task!.document)} ${taskLabel(hit.task!)}`;
  return `${hit.document!.number ?? ''} ${hit.document!.title}`;
}

/** a hit as two lines: what it is (kind and title), then where the query stands in it */
const hitBody = (hit: Hit) => [
  h('span', { class: 'hit-title' }, h('span', { class: `kind kind-${hit.kind}` }, KINDS[hit.kind]), hitTitle(hit)),
  snippet(hit.snippet),
];

export async function searchView(q: string): Promise<void> {
  show('home');
  const query = searchQuery(q, 50);
  setViewQuery(query);
  const { search } = await gql(query);
  ($('q') as HTMLInputElement).value = q;
  fill($('home'),
    h('h2', {}, `“${q}” 的检索结果 / results: ${search.totalCount}`),
    h('ul', { class: 'items hits' }, (search.nodes as Hit[]).map((hit) => h('li', {}, h('a', { href: hitHref(hit), class: 'hit' }, hitBody(hit))))),
  );
  fill($('details'), h('h2', {}, '检索 / Search'), h('p', { class: 'meta' }, '单位打开邻域图，任务打开责任链，文件打开任务分工表 / units open their neighbourhood, tasks their chain, documents their matrix'));
  status('');
}

export async function homeView(): Promise<void> {
  show('home');
  const query = `{
  documents(first: 100) { totalCount nodes { id number title kind date jurisdiction { name level } } }
}`;
  setViewQuery(query);
  const { documents } = await gql(query);
  fill($('home'),
    h('h2', {}, `文件 / documents（${documents.totalCount}）`),
    h('ul', { class: 'doclist' }, documents.nodes.map((d: { id: string; number: string | null; title: string; date: string | null; jurisdiction: { name: string } | null }) => h('li', {},
      h('a', { href: `#/matrix/${d.id}` }, `${d.number ?? ''} ${d.title}`),
      h('span', { class: 'meta' }, [d.jurisdiction?.name, d.date].filter((x) => x !== null && x !== undefined).join(' · '))))),
  );
  fill($('details'),
    h('h2', {}, '责任图谱浏览器 / Explorer'),
    h('p', {}, '在上方检索单位（名称或别称）、任务或文号；选中一个单位看它的任务与合作单位，选中一个任务看它的责任链，选中一个文件看它的任务分工表。'),
    h('p', { class: 'meta' }, 'Search above for a unit (name or alias), a task or a document number. Every view has its own URL; the GraphQL link above opens the API itself.'),
    legend({ edges: ['link', 'covered'] }),
  );
  status('');
}

/** the search box: suggestions while typing (a pinyin IME's composition waits), arrows to choose, Enter to open */
export function initSearchBox(): void {
  const input = $('q') as HTMLInputElement;
  const list = $('suggestions');
  // a phone's box holds a shorter hint
  if (isSheet()) input.placeholder = '检索单位、任务或文号';
  let suggestSeq = 0;
  let suggestTimer = 0;
  let hits: Hit[] = [];
  let active = -1;

  const closeSuggestions = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const setActive = (i: number) => {
    const items = list.querySelectorAll('li');
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  };
  const choose = (i: number) => {
    const hit = hits[i];
    closeSuggestions();
    if (hit) location.hash = hitHref(hit);
  };
  const suggest = async (q: string) => {
    const seq = ++suggestSeq;
    try {
      const { search } = await gql(searchQuery(q, 8));
      if (seq !== suggestSeq || input.value.trim() !== q) return; // typed on meanwhile
      hits = search.nodes;
      list.replaceChildren(...hits.map((hit, i) => h('li', { id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false',
        onmousedown: (e: Event) => e.preventDefault(), onclick: () => choose(i) }, hitBody(hit))));
      if (!hits.length) list.append(h('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', id: 'suggestion-none' }, `没有结果 / nothing found for “${q}”`));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    } catch (error) {
      if (seq === suggestSeq) status(`检索出错 / search failed: ${(error as Error).message}`, true);
    }
  };

  input.addEventListener('input', (e) => {
    if ((e as InputEvent).isComposing) return; // a pinyin IME is still composing: wait for its characters
    clearTimeout(suggestTimer);
    const q = input.value.trim();
    if (!q) return closeSuggestions();
    suggestTimer = window.setTimeout(() => suggest(q), 200);
  });
  input.addEventListener('compositionend', () => input.dispatchEvent(new Event('input')));
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) return void (input.value.trim() && suggest(input.value.trim()));
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && active >= 0 && hits[active]) choose(active);
      else if (input.value.trim()) {
        closeSuggestions();
        location.hash = `#/search/${encodeURIComponent(input.value.trim())}`;
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) closeSuggestions();
      else input.value = '';
    }
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));
}
