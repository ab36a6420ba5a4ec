// A task's responsibility chain: the task, the tasks of lower levels or later documents that carry
// it out, and the units of each, collectives opened into the members the chain is about.
import type cytoscape from 'cytoscape';
import { gql, lit, TASK_FIELDS, UNIT_FIELDS } from './api';
import { $, fill, h, status } from './dom';
import { assignmentEdge, dedupe, draw, EXPAND_STEP, FIRST_UNITS, layerEdges, moreNode, resetExpanders, shortUnitNames, taskNode, unitNode } from './graph';
import { legend, roleRank } from './graph-style';
import { setListGroups, withListLabel } from './evidence-panel';
import type { Assignment, CoveredUnit, DocumentRef, TaskLink, TaskRef, Unit } from './types';
import { exportLinks, setViewQuery, show } from './view-chrome';
import { docLabel, relationLabel, taskLabel } from './vocab';

interface Hop {
  depth: number;
  parent: TaskRef | null;
  task: TaskRef & { document: DocumentRef; assignments: Assignment[] };
  link: TaskLink | null;
}

const relationCounts = (hops: Hop[]) => Object.entries(hops.filter((x) => x.link).reduce<Record<string, number>>((n, x) => ({ ...n, [x.link!.relation]: (n[x.link!.relation] ?? 0) + 1 }), {}))
  .map(([r, n]) => `${relationLabel(r).split(' / ')[0]} ${n}`).join('，');

function chainQuery(taskId: string): string {
  return `{
  responsibilityChain(task: ${lit(taskId)}, depth: 4, maxNodes: 200) {
    truncated
    root { ${TASK_FIELDS} }
    hops {
      depth parent { ${TASK_FIELDS} }
      task {
        id path title document { id number title jurisdiction { code name } }
        assignments {
          id role mention clause { text start end } basis { text start end }
          unit { ${UNIT_FIELDS} }
          coveredUnits { reach unit { ${UNIT_FIELDS} } }
        }
      }
      link { id relation method score evidence { implemented { text start end } implementer { text start end } } }
    }
  }
}`;
}

/** whether division `outer` holds division `inner` (GB/T 2260: 14 0000 a province, 1405 00 a city, 140525 a county) */
export function holds(outer: string, inner: string): boolean {
  if (outer.endsWith('0000')) return inner.startsWith(outer.slice(0, 2));
  if (outer.endsWith('00')) return inner.startsWith(outer.slice(0, 4));
  return outer === inner;
}

/**
 * A collective's members in the order to draw them: first those the chain's later hops reach (a
 * member named or covered there, or a government of a division they work in: 晋城 and its
 * counties when the chain goes on to 晋城's plan), then the rest. Returns how many were reached.
 */
export function membersByReach(collective: Unit, members: CoveredUnit[], later: Hop[]): { ordered: CoveredUnit[]; reached: number } {
  const ids = new Set<string>();
  const codes = new Set<string>();
  const own = collective.jurisdiction?.code;
  for (const hop of later) {
    if (hop.task.document.jurisdiction?.code) codes.add(hop.task.document.jurisdiction.code);
    for (const a of hop.task.assignments) {
      for (const u of [a.unit, ...(a.coveredUnits ?? []).map((c) => c.unit)]) {
        ids.add(u.id);
        if (u.jurisdiction?.code) codes.add(u.jurisdiction.code);
      }
    }
  }
  // a division as wide as the collective's own (the province, for 各市、县) says nothing about which members
  const narrow = [...codes].filter((c) => !own || !holds(c, own));
  const isReached = (c: CoveredUnit) => ids.has(c.unit.id) || (!!c.unit.jurisdiction && narrow.some((code) => holds(code, c.unit.jurisdiction!.code) || holds(c.unit.jurisdiction!.code, code)));
  const reached = members.filter(isReached);
  return { ordered: [...reached, ...members.filter((c) => !isReached(c))], reached: reached.length };
}

export async function chainView(taskId: string): Promise<void> {
  show('graph');
  const query = chainQuery(taskId);
  setViewQuery(query);
  const chain = (await gql(query)).responsibilityChain as { truncated: boolean; root: TaskRef; hops: Hop[] } | null;
  if (!chain) throw new Error(`没有这个任务 / no task with ID ${taskId}`);
  resetExpanders();
  const home = chain.root.document.id;
  const shortNames = shortUnitNames(chain.hops.flatMap((hop) => hop.task.assignments.flatMap((a) => [a.unit, ...(a.coveredUnits ?? []).map((c) => c.unit)])));
  const unitEl = (u: Unit, extra: Record<string, unknown> = {}) => unitNode(u, { short: shortNames.get(u.id) ?? u.name, ...extra });
  const elements: cytoscape.ElementDefinition[] = [];
  for (const hop of chain.hops) {
    const node = taskNode(hop.task, home);
    if (hop.depth === 0) node.classes += ' focus';
    elements.push(node);
    if (hop.parent && hop.link) {
      elements.push({ group: 'edges', classes: 'link', data: {
        id: `l:${hop.link.id}:${hop.task.id}`, source: `t:${hop.parent.id}`, target: `t:${hop.task.id}`, kind: 'link', link: hop.link, parent: hop.parent, task: hop.task,
        caption: `${relationLabel(hop.link.relation)} (${hop.link.method})`, evidence: hop.link.evidence.implementer, document: hop.task.document,
      } });
    }
    const later = chain.hops.filter((x) => x.depth > hop.depth);
    for (const a of hop.task.assignments) {
      elements.push(unitEl(a.unit, { priority: 2 - roleRank(a.role) / 10 }), assignmentEdge(a, hop.task, a.unit));
      const covered = (a.coveredUnits ?? []).filter((c) => c.reach === 'EXPANSION');
      const addCovered = (list: CoveredUnit[]) => list.flatMap((c) => [unitEl(c.unit), { group: 'edges' as const, classes: 'covered', data: {
        // one edge per collective and member, however many tasks name the collective
        id: `c:${a.unit.id}:${c.unit.id}`, source: `u:${a.unit.id}`, target: `u:${c.unit.id}`, kind: 'covered', collective: a.unit, unit: c.unit, role: a.role,
      } }]);
      const { ordered, reached } = membersByReach(a.unit, covered, later);
      // the members the chain goes on to first; the others behind "expand" (or the first few, when it reaches none)
      const firstCount = reached ? Math.min(reached, EXPAND_STEP) : FIRST_UNITS;
      elements.push(...addCovered(ordered.slice(0, firstCount)));
      if (ordered.length > firstCount) elements.push(...moreNode(`${a.id}`, `u:${a.unit.id}`, ordered.slice(firstCount), addCovered, reached ? '展开其余 / more' : '展开 / expand'));
    }
  }
  // top-down from the root task: province, city, county
  const rootSelector = `[id = ${lit(`t:${chain.root.id}`)}]`;
  const cy = draw(dedupe(elements), (n, core) => ({
    name: 'breadthfirst', directed: true, roots: rootSelector, spacingFactor: n > 300 ? 0.6 : 1, avoidOverlap: true,
    eles: core.nodes().union(layerEdges(core, rootSelector)),
  }) as cytoscape.LayoutOptions);

  const root = chain.root;
  fill($('details'),
    h('h2', {}, `责任链 / chain：${taskLabel(root)}`),
    h('p', { class: 'meta' }, `${root.document.number ?? ''} ${root.document.title}`),
    h('p', {}, `${chain.hops.length} 项任务，${chain.hops.filter((x) => x.depth > 0).length} 条关联（${relationCounts(chain.hops)}）/ ${chain.hops.length} tasks${chain.truncated ? '（已截断 / truncated）' : ''}`),
    h('p', {}, h('a', { class: 'action', href: `#/matrix/${root.document.id}` }, '任务分工表 / matrix')),
    root.document.number ? exportLinks('document', root.document.number) : null,
    h('p', {}, '关联 / relations: ', [...new Set(chain.hops.filter((x) => x.link).map((x) => x.link!.relation))].map((r) => h('span', { class: 'relation' }, relationLabel(r)))),
    legend({ edges: ['link', 'covered'] }),
    h('p', { class: 'meta' }, '点击边查看原文依据（高亮于原文中）；集合单位先展开责任链下一步所到的成员 / tap an edge: its sentence, highlighted in the document; a collective first opens into the members the chain goes on to'),
  );
  setListGroups(() => [
    { title: '关联 / links', elements: cy.edges('[kind = "link"]').map((e) => withListLabel(e, `${taskLabel(e.data('parent'))} → ${relationLabel(e.data('link').relation)} → ${docLabel(e.data('task').document)} ${taskLabel(e.data('task'))}`)) },
    { title: '分工 / assignments', elements: cy.edges('[kind = "assignment"]').map((e) => withListLabel(e, `${taskLabel(e.data('task'))} · ${e.data('unit').name}`)) },
    { title: '展开 / expand', elements: cy.nodes('.more').toArray() },
  ]);
  status(`责任链：${chain.hops.length} 项任务，图中 ${cy.nodes().length} 个节点 / ${cy.nodes().length} nodes`);
}
