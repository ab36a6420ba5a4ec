// The side panel's lower half: the evidence of what was chosen (the clause, marked in the document's
// full text), and the list of the graph's elements as buttons, for keyboard and screen readers.
import type cytoscape from 'cytoscape';
import { gql, lit } from './api';
import { $, type Child, h } from './dom';
import { expand, fullLabel, graph, handlers } from './graph';
import { roleBadge, roleLabel } from './graph-style';
import { isSheet, openSheet } from './sheet';
import type { DocumentRef, Span } from './types';
import { docLabel, levelLabel, relationLabel, taskLabel } from './vocab';

export interface EvidenceItem {
  label: string;
  span: Span | null | undefined;
  basis?: Span | null;
  document?: DocumentRef | null;
  /** shown under the item's heading (review status and buttons, for instance) */
  extra?: Child;
}

interface FullDocument {
  id: string;
  number: string | null;
  title: string;
  text: string;
}

const documentTexts = new Map<string, Promise<FullDocument>>();
function documentText(id: string): Promise<FullDocument> {
  if (!documentTexts.has(id)) {
    documentTexts.set(id, gql(`{ node(id: ${lit(id)}) { ... on Document { id number title text } } }`).then((d) => d.node));
  }
  return documentTexts.get(id)!;
}

/** the document text with the given spans marked; offsets are UTF-16 code units, as JavaScript counts */
function markedText(text: string, spans: (Span & { cls?: string })[]): HTMLPreElement {
  const pre = h('pre', { class: 'doctext', tabindex: '0' });
  const sorted = spans.filter((s) => s && s.end > s.start).sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, at);
    if (start >= s.end) continue;
    pre.append(text.slice(at, start), h('mark', { class: s.cls ?? '' }, text.slice(start, s.end)));
    at = s.end;
  }
  pre.append(text.slice(at));
  return pre;
}

let evidenceSeq = 0;
export async function showEvidence(title: string, items: EvidenceItem[], extra: Child[] = []): Promise<void> {
  const seq = ++evidenceSeq;
  const box = $('evidence');
  box.hidden = false;
  box.replaceChildren(h('h2', {}, '依据 / Evidence'), h('p', { class: 'evidence-title' }, title));
  for (const child of extra) if (child) box.append(child as Node);
  // on a phone the sheet comes up with it; either way the panel, not the page, scrolls to it
  if (isSheet()) openSheet(true);
  $('panel-body').scrollTop = box.offsetTop - 8;
  for (const item of items) {
    if (!item.span) continue;
    const block = h('div', { class: 'evidence-item' },
      h('h3', {}, item.label),
      item.extra ?? null,
      h('blockquote', { class: 'sentence' }, item.span.text),
      item.basis && item.basis.text !== item.span.text ? h('p', { class: 'meta' }, '推定依据 / basis: ', h('q', {}, item.basis.text)) : null);
    box.append(block);
    if (!item.document?.id) continue;
    const doc = await documentText(item.document.id);
    if (seq !== evidenceSeq) return; // another element was chosen meanwhile
    const spans: (Span & { cls?: string })[] = [{ ...item.span, cls: 'clause' }];
    if (item.basis && (item.basis.start < item.span.start || item.basis.end > item.span.end)) spans.push({ ...item.basis, cls: 'basis' });
    const pre = markedText(doc.text, spans);
    pre.setAttribute('aria-label', `${docLabel(doc)} 原文 / document text`);
    block.append(h('p', { class: 'meta' }, `原文 · ${doc.number ?? ''} ${doc.title}`), pre);
    const mark = pre.querySelector<HTMLElement>('mark.clause');
    if (mark) pre.scrollTop = mark.offsetTop - pre.clientHeight / 3;
  }
}

export function hideEvidence(): void {
  evidenceSeq++;
  $('evidence').hidden = true;
  $('evidence').replaceChildren();
}

/** what the panel shows for a chosen element of the graph */
export function selectElement(el: cytoscape.SingularElementArgument): void {
  const cy = graph();
  cy.elements().unselect();
  el.select();
  document.querySelectorAll('.item.selected').forEach((b) => b.classList.remove('selected'));
  document.querySelector(`.item[data-el="${CSS.escape(el.id())}"]`)?.classList.add('selected');
  const d = el.data();
  if (d.kind === 'assignment') {
    void showEvidence(`${d.unit.name} · ${roleLabel(d.role)} · ${taskLabel(d.task)}`, [
      { label: '分工依据 / clause', span: d.evidence, basis: d.basis, document: d.document },
    ], [
      h('a', { class: 'action', href: `#/unit/${d.unit.id}` }, `打开单位 ${d.unit.name}`),
      h('a', { class: 'action', href: `#/chain/${d.task.id}` }, '责任链 / chain'),
    ]);
  } else if (d.kind === 'link') {
    const { link, parent, task } = d;
    void showEvidence(`${taskLabel(parent)} → ${docLabel(task.document)} ${taskLabel(task)}（${relationLabel(link.relation)} · ${link.method}${link.score != null ? ` ${link.score}` : ''}）`, [
      { label: `上级或先前任务 / implemented · ${docLabel(parent.document)}`, span: link.evidence.implemented, document: parent.document },
      { label: `${relationLabel(link.relation)} · ${docLabel(task.document)}`, span: link.evidence.implementer, document: task.document },
    ]);
  } else if (d.kind === 'covered') {
    void showEvidence(`${d.collective.name} 包括 ${d.unit.name}`, [], [h('p', { class: 'meta' }, '集合单位展开（按行政区划代码）/ a member of the collective, by GB/T 2260 code')]);
  } else if (d.kind === 'unit') {
    void showEvidence(d.unit.name, [], [
      h('p', { class: 'meta' }, `${levelLabel(d.unit.level)}级 · ${d.unit.kind ?? ''}`),
      h('a', { class: 'action', href: `#/unit/${d.unit.id}` }, '打开单位视图 / open unit'),
    ]);
  } else if (d.kind === 'task') {
    void showEvidence(`${docLabel(d.task.document)} ${taskLabel(d.task)}`, [], [
      h('a', { class: 'action', href: `#/chain/${d.task.id}` }, '责任链 / chain'),
      d.task.document?.id ? h('a', { class: 'action', href: `#/matrix/${d.task.document.id}` }, '任务分工表 / matrix') : null,
    ]);
  }
}

export function openNode(node: cytoscape.NodeSingular): void {
  const d = node.data();
  if (d.kind === 'unit') location.hash = `#/unit/${d.unit.id}`;
  else if (d.kind === 'task') location.hash = `#/chain/${d.task.id}`;
}

// ---------- the element list: the graph's content as buttons ----------

export interface ListGroup {
  title: string;
  elements: cytoscape.SingularElementArgument[];
}
let listGroups: () => ListGroup[] = () => [];

export function setListGroups(groups: () => ListGroup[]): void {
  listGroups = groups;
  renderElementList();
}

export function renderElementList(): void {
  const holder = $('element-list');
  holder.replaceChildren();
  for (const { title, elements } of listGroups()) {
    if (!elements.length) continue;
    holder.append(h('h3', {}, `${title}（${elements.length}）`), h('ul', { class: 'items' }, elements.map((el) => h('li', {},
      h('button', { class: 'item', type: 'button', 'data-el': el.id(), onclick: () => {
        if (el.hasClass('more')) return expand(el.id());
        selectElement(el);
        graph().animate({ center: { eles: el } }, { duration: 200 });
      } }, el.data('role') ? roleBadge(el.data('role')) : null, ' ', fullLabel(el))))));
  }
}

/** labels a list entry differently from the graph's node */
export function withListLabel<T extends cytoscape.SingularElementArgument>(el: T, label: string): T {
  el.data('listLabel', label);
  return el;
}

handlers.select = selectElement;
handlers.open = openNode;
