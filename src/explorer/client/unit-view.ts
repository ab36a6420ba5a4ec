// A unit's neighbourhood: the unit, its tasks (edges by role), and the other units of those tasks.
import { gql, lit, TASK_FIELDS, UNIT_FIELDS } from './api';
import { $, fill, h, status } from './dom';
import { assignmentEdge, dedupe, draw, FIRST_TASKS, FIRST_UNITS, graph, moreNode, resetExpanders, ringsLayout, shortUnitNames, taskNode, unitNode } from './graph';
import { legend, ROLES, roleBadge, roleRank } from './graph-style';
import { setListGroups, withListLabel } from './evidence-panel';
import type { Assignment, TaskRef, Unit } from './types';
import { exportLinks, setViewQuery, show } from './view-chrome';
import { docLabel, levelLabel, taskLabel } from './vocab';

type UnitAssignment = Assignment & { task: TaskRef & { assignments: Assignment[] } };

function unitQuery(id: string, after?: string): string {
  return `{
  node(id: ${lit(id)}) {
    ... on Unit {
      ${UNIT_FIELDS} sector members { ${UNIT_FIELDS} }
      assignments(first: 100${after ? `, after: ${lit(after)}` : ''}) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes {
          id role mention clause { text start end } basis { text start end }
          task { ${TASK_FIELDS} assignments { id role clause { text start end } basis { text start end } unit { ${UNIT_FIELDS} } } }
        }
      }
    }
  }
}`;
}

/** the document most of the unit's tasks come from: its tasks need no 文号 on the graph, the others do */
function homeDocument(tasks: TaskRef[]): string | null {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.document.id, (counts.get(t.document.id) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export async function unitView(id: string): Promise<void> {
  show('graph');
  const first = unitQuery(id);
  setViewQuery(first);
  let data = await gql(first);
  const unit = data.node as (Unit & { sector: string | null; members: Unit[]; assignments: { totalCount: number } }) | null;
  if (!unit?.name) throw new Error(`没有这个单位 / no unit with ID ${id}`);
  const assignments: UnitAssignment[] = [...data.node.assignments.nodes];
  // every page: a unit's duties are a few hundred at most
  while (data.node.assignments.pageInfo.hasNextPage && assignments.length < 2000) {
    data = await gql(unitQuery(id, data.node.assignments.pageInfo.endCursor));
    assignments.push(...data.node.assignments.nodes);
  }
  assignments.sort((a, b) => roleRank(a.role) - roleRank(b.role));
  // one task node per task; the unit's roles in it are its edges
  const tasks: UnitAssignment['task'][] = [];
  const byTask = new Map<string, UnitAssignment[]>();
  for (const a of assignments) {
    if (!byTask.has(a.task.id)) {
      byTask.set(a.task.id, []);
      tasks.push(a.task);
    }
    byTask.get(a.task.id)!.push(a);
  }
  const home = homeDocument(tasks);
  const shortNames = shortUnitNames([unit, ...tasks.flatMap((t) => t.assignments.map((a) => a.unit))]);
  const short = (u: Unit) => ({ short: shortNames.get(u.id) ?? u.name });
  const center = unitNode(unit, { ring: 3, ...short(unit) });
  center.classes += ' focus';
  const addTasks = (batch: UnitAssignment['task'][]) => batch.flatMap((task) => {
    const els = [taskNode(task, home, { ring: 2 })];
    for (const a of byTask.get(task.id)!) els.push(assignmentEdge(a, task, unit));
    const others = task.assignments.filter((a) => a.unit.id !== unit.id);
    const addOthers = (list: Assignment[]) => list.flatMap((a) => [unitNode(a.unit, { ring: 1, priority: 2 - roleRank(a.role) / 10, ...short(a.unit) }), assignmentEdge(a, task, a.unit)]);
    els.push(...addOthers(others.slice(0, FIRST_UNITS)));
    if (others.length > FIRST_UNITS) els.push(...moreNode(`${task.id}`, `t:${task.id}`, others.slice(FIRST_UNITS), addOthers));
    return els;
  });
  resetExpanders();
  const elements = [center, ...addTasks(tasks.slice(0, FIRST_TASKS))];
  if (tasks.length > FIRST_TASKS) elements.push(...moreNode(`tasks:${unit.id}`, center.data.id!, tasks.slice(FIRST_TASKS), addTasks));
  const cy = draw(dedupe(elements), ringsLayout);

  const counts = (Object.keys(ROLES) as (keyof typeof ROLES)[]).map((role) => [role, assignments.filter((a) => a.role === role).length] as const).filter(([, n]) => n);
  fill($('details'),
    h('h2', {}, unit.name),
    h('p', { class: 'meta' }, `${levelLabel(unit.level)}级 · ${unit.kind}${unit.sector ? ` · ${unit.sector}` : ''}${unit.jurisdiction ? ` · ${unit.jurisdiction.name}（${unit.jurisdiction.code}）` : ''}`),
    unit.aliases.length ? h('p', { class: 'meta' }, `别称 / aliases：${unit.aliases.join('、')}`) : null,
    unit.members.length ? h('details', {}, h('summary', {}, `集合单位，代表 ${unit.members.length} 个单位 / a collective of ${unit.members.length} units`),
      h('ul', { class: 'items' }, unit.members.map((m) => h('li', {}, h('a', { href: `#/unit/${m.id}` }, `${m.name}（${levelLabel(m.level)}）`))))) : null,
    h('p', {}, `承担 ${unit.assignments.totalCount} 项分工、${tasks.length} 项任务 / ${unit.assignments.totalCount} assignments on ${tasks.length} tasks：`, ...counts.map(([role, n]) => h('span', {}, ' ', roleBadge(role), ` ${n}`))),
    exportLinks('unit', unit.name),
    legend(),
    h('p', { class: 'meta' }, '点击边查看原文依据，双击节点打开它；放大可见更多名称 / tap an edge for its evidence, double-tap a node to open it; zoom in for more names'),
  );
  setListGroups(() => [
    { title: '任务 / tasks', elements: cy.edges('[kind = "assignment"]').filter((e) => e.data('unit').id === unit.id).map((e) => withListLabel(e, `${docLabel(e.data('task').document)} ${taskLabel(e.data('task'))}`)) },
    { title: '展开 / expand', elements: graph().nodes('.more').toArray() },
  ]);
  status(`${unit.name}：图中 ${cy.nodes().length} 个节点 / ${cy.nodes().length} nodes`);
}
