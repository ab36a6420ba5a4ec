// The graph of the unit and chain views: one cytoscape instance per view, its layout, progressive
// expansion ("+N 展开"), and the label pass whenever the layout or the viewport comes to rest.
import cytoscape from 'cytoscape';
import { $, clip } from './dom';
import { graphStyle, roleLabel } from './graph-style';
import { placeLabels } from './labels';
import type { Assignment, TaskRef, Unit } from './types';
import { docLabel, taskLabel } from './vocab';

/** progressive expansion: how many neighbours are drawn before an "expand" control */
export const FIRST_TASKS = 30;
export const FIRST_UNITS = 12;
export const EXPAND_STEP = 50;
/** above this many elements layouts run without animation and the viewport drops edges while moving */
const ANIMATE_BELOW = 250;
/** cose is quadratic: above this many nodes the views switch to a linear layout */
const COSE_UP_TO = 150;
/** how long the viewport must rest before labels are placed again (ms) */
const VIEWPORT_SETTLE_MS = 150;

export type Layout = (nodeCount: number, cy: cytoscape.Core) => cytoscape.LayoutOptions;
type Element = cytoscape.ElementDefinition;

let cy: cytoscape.Core | null = null;
let big = false;
/** the layout of the current view, re-run after an expansion */
let currentLayout: Layout | null = null;
let layoutRun: cytoscape.Layouts | null = null;
/** the zoom the stylesheet was made for */
let styledZoom = 1;
let settleTimer = 0;
/** the graph is laid out and its labels placed; the tests wait for it (window.dutygraphExplorer.settled) */
let settled = true;
let waiters: (() => void)[] = [];
/** "more" node ID → the neighbours it stands for and how to draw them */
let expanders = new Map<string, { anchorId: string; rest: unknown[]; add: (batch: any[]) => Element[]; label: string }>();

/** what the views do when an element is tapped or opened, and after an expansion */
export const handlers = {
  select: (_el: cytoscape.SingularElementArgument) => {},
  open: (_node: cytoscape.NodeSingular) => {},
  expanded: () => {},
};

export const graph = (): cytoscape.Core => cy!;
export const hasGraph = (): boolean => cy !== null;

export function whenSettled(): Promise<void> {
  return settled ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
}

function markSettled(): void {
  settled = true;
  const ready = waiters;
  waiters = [];
  ready.forEach((resolve) => resolve());
}

/** restyles for the zoom (labels keep their size on screen) and places the labels again for what is in view */
function settleLabels(): void {
  if (!cy) return;
  const zoom = cy.zoom();
  if (Math.abs(zoom / styledZoom - 1) > 0.01) {
    styledZoom = zoom;
    cy.style(graphStyle(big, zoom));
  }
  placeLabels(cy);
  markSettled();
}

/** a fresh graph per view: the viewport options that keep 1,000 nodes responsive are fixed at creation */
function createGraph(elements: Element[]): cytoscape.Core {
  destroyGraph();
  big = elements.length >= ANIMATE_BELOW;
  styledZoom = 1;
  const core = cytoscape({
    container: $('graph'),
    elements,
    style: graphStyle(big, 1),
    pixelRatio: big ? 1 : 'auto',
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    // big graphs: pan and zoom a bitmap, and drop edges while the viewport moves
    textureOnViewport: big,
    hideEdgesOnViewport: big,
  });
  cy = core;
  core.on('tap', 'edge', (e) => handlers.select(e.target));
  core.on('tap', 'node', (e) => (e.target.hasClass('more') ? expand(e.target.id()) : handlers.select(e.target)));
  core.on('dbltap', 'node', (e) => handlers.open(e.target));
  core.on('mouseover', 'node', (e) => e.target.addClass('hover'));
  core.on('mouseout', 'node', (e) => e.target.removeClass('hover'));
  core.on('mouseover', 'edge', (e) => showTip(e.target, e.renderedPosition));
  core.on('mouseout', 'edge', () => ($('tip').hidden = true));
  // after a pinch, a wheel or a pan comes to rest: labels at their size on screen, as many as fit in view
  core.on('viewport', () => {
    if (layoutRun) return;
    settled = false;
    clearTimeout(settleTimer);
    settleTimer = window.setTimeout(settleLabels, VIEWPORT_SETTLE_MS);
  });
  return core;
}

export function destroyGraph(): void {
  if (!cy) return;
  layoutRun?.stop();
  layoutRun = null;
  clearTimeout(settleTimer);
  cy.destroy();
  cy = null;
  markSettled();
}

function showTip(edge: cytoscape.EdgeSingular, at: cytoscape.Position): void {
  const ev = edge.data('evidence');
  if (!ev) return;
  const tip = $('tip');
  tip.textContent = `${edge.data('caption')}：${ev.text}`;
  tip.style.left = `${Math.max(0, Math.min(at.x + 12, $('graph').clientWidth - 300))}px`;
  tip.style.top = `${at.y + 12}px`;
  tip.hidden = false;
}

/** a view's layout for its current size; animation only while the graph is small */
function runLayout(layoutFor: Layout): void {
  const core = cy!;
  settled = false;
  layoutRun?.stop();
  const layout = layoutFor(core.nodes().length, core);
  // cose animates only its end state: every intermediate step would be a redraw
  const animate = big ? false : layout.name === 'cose' ? 'end' : true;
  const run = core.layout({ animationDuration: 300, fit: true, padding: 30, ...layout, animate } as cytoscape.LayoutOptions);
  layoutRun = run;
  run.one('layoutstop', () => {
    if (layoutRun !== run) return;
    layoutRun = null;
    settleLabels();
  });
  run.run();
}

/** force-directed (cose) reads best while small; above that concentric rings, which run in linear time */
export const ringsLayout: Layout = (n) => (n <= COSE_UP_TO
  ? { name: 'cose', idealEdgeLength: () => 90, nodeRepulsion: () => 60000, nodeOverlap: 20, numIter: 1500, randomize: false } as cytoscape.LayoutOptions
  : { name: 'concentric', concentric: (node: cytoscape.NodeSingular) => node.data('ring') ?? 0, levelWidth: () => 1, minNodeSpacing: 8, avoidOverlap: true } as cytoscape.LayoutOptions);

export function draw(elements: Element[], layout: Layout): cytoscape.Core {
  currentLayout = layout;
  // every node has a short label to draw and a full one for hover, tap and the lists
  for (const el of elements) if (el.group === 'nodes' && el.data.short === undefined) el.data.short = el.data.label;
  const core = createGraph(elements);
  runLayout(layout);
  $('graph').setAttribute('aria-label', `关系图：${core.nodes().length} 个节点，${core.edges().length} 条边；各元素见侧栏列表 / graph of ${core.nodes().length} nodes; its elements are listed in the side panel`);
  return core;
}

/**
 * A unit's label on the graph: its shortest alias (省应急厅 for 山西省应急管理厅) when no other unit
 * of the view has it too, else its name; the full name shows on hover, on tap and in the lists.
 */
export function shortUnitNames(units: Unit[]): Map<string, string> {
  const pick = (u: Unit) => [u.name, ...(u.aliases ?? [])].reduce((a, b) => (b.length < a.length ? b : a));
  const byShort = new Map<string, Set<string>>();
  for (const u of units) (byShort.get(pick(u)) ?? byShort.set(pick(u), new Set()).get(pick(u))!).add(u.id);
  return new Map(units.map((u) => [u.id, byShort.get(pick(u))!.size > 1 ? u.name : pick(u)]));
}

export function unitNode(unit: Unit, extra: Record<string, unknown> = {}): Element {
  const classes = ['unit', unit.level, unit.kind === 'COLLECTIVE' ? 'collective' : ''].join(' ').trim();
  return { group: 'nodes', data: { id: `u:${unit.id}`, kind: 'unit', label: unit.name, unit, priority: 1, ...extra }, classes };
}

/**
 * A task's node. A task of another document than the view's own carries its 文号 on a line of its
 * own, so a chain that crosses documents says where each step stands.
 */
export function taskNode(task: TaskRef, homeDocumentId: string | null, extra: Record<string, unknown> = {}): Element {
  const other = task.document?.id !== homeDocumentId ? docLabel(task.document) : '';
  const label = `${other ? `${other} ` : ''}${taskLabel(task)}`;
  const short = `${other ? `${other}\n` : ''}${clip(taskLabel(task), 14)}`;
  return { group: 'nodes', data: { id: `t:${task.id}`, kind: 'task', label, short, task, otherDocument: other || null, priority: 3, ...extra }, classes: 'task' };
}

/** an edge for one assignment, from the task to the unit that carries it out, drawn by role, with its clause as evidence */
export function assignmentEdge(a: Assignment, task: TaskRef, unit: Unit): Element {
  return { group: 'edges', classes: `role-${a.role}`, data: {
    id: `a:${a.id}`, source: `t:${task.id}`, target: `u:${unit.id}`,
    kind: 'assignment', role: a.role, caption: `${unit.name} ${roleLabel(a.role)} ${taskLabel(task)}`,
    evidence: a.clause, basis: a.basis, document: task.document, assignment: a, task, unit,
  } };
}

/** a "more" node standing for neighbours not drawn yet; tapping it (or its list button) draws the next ones */
export function moreNode<T>(key: string, anchorId: string, rest: T[], add: (batch: T[]) => Element[], label = '展开 / expand'): Element[] {
  expanders.set(`more:${key}`, { anchorId, rest, add, label });
  const text = `+${rest.length} ${label}`;
  return [
    { group: 'nodes', classes: 'more', data: { id: `more:${key}`, label: text, short: text, kind: 'more', priority: 5 } },
    { group: 'edges', classes: 'more', data: { id: `more-edge:${key}`, source: anchorId, target: `more:${key}` } },
  ];
}

export function resetExpanders(): void {
  expanders = new Map();
}

export function expand(moreId: string): void {
  const ex = expanders.get(moreId);
  const core = cy;
  if (!ex || !core || !currentLayout) return;
  const next = ex.rest.slice(0, EXPAND_STEP);
  const rest = ex.rest.slice(EXPAND_STEP);
  core.batch(() => {
    core.getElementById(moreId).remove();
    expanders.delete(moreId);
    const added = dedupe(ex.add(next)).filter((el) => core.getElementById(el.data.id!).empty());
    for (const el of added) if (el.group === 'nodes' && el.data.short === undefined) el.data.short = el.data.label;
    core.add(added);
    if (rest.length) core.add(moreNode(moreId.slice(5), ex.anchorId, rest, ex.add, ex.label));
  });
  runLayout(currentLayout);
  handlers.expanded();
}

/** a unit can appear on many tasks: one node, many edges */
export function dedupe(elements: Element[]): Element[] {
  const seen = new Set<string>();
  return elements.filter((el) => (seen.has(el.data.id!) ? false : (seen.add(el.data.id!), true)));
}

/** the node's label for lists: the full one */
export const fullLabel = (el: cytoscape.SingularElementArgument): string => el.data('listLabel') ?? el.data('label');

/**
 * The edges that go exactly one layer down when every node is put on its longest path from the
 * roots: laid out alone, a top-down tree puts a county reached both through the province's
 * collective and through its city's collective below the city's, not beside it.
 * (cytoscape's own `maximal` option fails on such graphs.)
 */
export function layerEdges(cy: cytoscape.Core, rootSelector: string): cytoscape.EdgeCollection {
  const layer = new Map<string, number>();
  cy.nodes(rootSelector).forEach((n) => void layer.set(n.id(), 0));
  // a DAG settles in as many passes as its longest path; the bound keeps a cycle from looping on
  for (let pass = 0, changed = true; changed && pass < cy.nodes().length; pass++) {
    changed = false;
    cy.edges().forEach((e) => {
      const from = layer.get(e.source().id());
      if (from === undefined || e.source().id() === e.target().id()) return;
      if ((layer.get(e.target().id()) ?? -1) < from + 1) {
        layer.set(e.target().id(), from + 1);
        changed = true;
      }
    });
  }
  return cy.edges().filter((e) => layer.get(e.target().id()) === (layer.get(e.source().id()) ?? -2) + 1);
}
