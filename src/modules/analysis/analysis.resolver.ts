import { Arg, Args, Ctx, Float, ID, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { planFor } from '../read-plan.js';
import { requireDocument } from '../document/document.service.js';
import {
  Accountability,
  AccountabilityGroup,
  type AccountabilityItem,
  type ChainHop,
  type Gap,
  GapConnection,
  GapFilter,
  GapKind,
  type Overlap,
  OverlapConnection,
  OverlapFilter,
  OverlapKind,
  ResponsibilityChain,
  ResponsibilityMatrix,
  type UnitWorkload,
  UnitWorkloadConnection,
  WorkloadFilter,
} from './analysis.types.js';
import { Level, Role } from '../common/enums.js';
import { Reach } from '../assignment/assignment.resolver.js';
import { ASSIGNMENT_COLUMNS, type AssignmentRow } from '../assignment/assignment.loaders.js';
import { TASK_COLUMNS, type TaskRow } from '../task/task.loaders.js';
import { theUnitNamed } from '../unit/unit.service.js';
import { linksOf } from '../link/link.loaders.js';
import { DOWNWARD, minScoreOf } from '../link/link.resolver.js';
import { LinkRelation } from '../link/link.entity.js';
import { type Connection, PageArgs, pageWindow, rowIdOf, toConnection, windowSql } from '../../graphql/relay.js';
import { pagedList, pageInMemory } from '../../graphql/paging.js';
import { GAP_DETAIL, gapKey, overlapKeySql, STORED_GAPS, STORED_OVERLAPS, type StoredGap, WORK } from './stored-analysis.js';
import { groupBy, placeholders } from '../../graphql/sql.js';
import { badInput } from '../../graphql/errors.js';
import { type Context, loadEvery } from '../../graphql/context.js';

// the items that carry work, as opposed to headings, report sections and principles
const LEVEL_ORDER = [Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY];
const ROLE_ORDER = [Role.LEAD, Role.RESPONSIBLE, Role.SHARED, Role.COOPERATE, Role.SUPERVISE, Role.OTHER];

/** the same page with its items replaced by what the API returns for them */
function withNodes<T, U>(page: Connection<T>, nodes: U[]): Connection<U> {
  return { pageInfo: page.pageInfo, totalCount: page.totalCount, nodes, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
}

function bounded(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw badInput(name, `must be a whole number from 0 to ${max}, got ${value}`);
  return value;
}

@Resolver()
export class AnalysisResolver {
  @Query(() => ResponsibilityChain, {
    nullable: true,
    description:
      'From one task downward, level by level, the tasks that take its work up and their units 责任链, each hop with the link’s relation and evidence: by default the lower-level tasks that carry it out (IMPLEMENTS) or did the same work first (CORRESPONDS); add CONTINUES to follow the same government’s later documents too. A tree even when links repeat; one SQL statement per level.',
  })
  async responsibilityChain(
    @Arg('task', () => ID, { description: 'Global ID of the task to start from.' }) task: string,
    @Arg('depth', () => Int, { defaultValue: 3, description: 'How many levels of implementing tasks to follow (at most 6).' }) depth: number,
    @Arg('minScore', () => Float, { nullable: true, description: 'Inferred links below this score are not followed.' }) minScore: number | null,
    @Arg('maxNodes', () => Int, { defaultValue: 200, description: 'Stop after this many hops (at most 1000).' }) maxNodes: number,
    @Arg('relations', () => [LinkRelation], { nullable: true, description: 'The links to follow, from the task to the tasks that take it up (default IMPLEMENTS and CORRESPONDS).' }) relations: LinkRelation[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResponsibilityChain | null> {
    const { sql } = ctx;
    bounded('depth', depth, 6);
    bounded('maxNodes', maxNodes, 1000);
    const score = minScoreOf(minScore);
    const rootId = rowIdOf(task, 'Task', 'task');
    const hops: { depth: number; taskId: number; parentId: number | null; link: ChainHop['link'] }[] = [{ depth: 0, taskId: rootId, parentId: null, link: null }];
    const visited = new Set([rootId]);
    let frontier = [rootId];
    let truncated = false;
    for (let d = 1; d <= depth && frontier.length && !truncated; d++) {
      const next: number[] = [];
      for (const link of await linksOf(sql, 'implemented', frontier, score, relations ?? DOWNWARD)) {
        if (visited.has(link.implementerId)) continue;
        if (hops.length >= maxNodes) {
          truncated = true;
          break;
        }
        visited.add(link.implementerId);
        hops.push({ depth: d, taskId: link.implementerId, parentId: link.implementedId, link });
        next.push(link.implementerId);
      }
      frontier = next;
    }
    // every task of the chain in one statement, with what the query asks of them as root, hop and parent
    const plan = planFor(ctx, info, 'Task', 't', [['root'], ['hops', 'task'], ['hops', 'parent']]);
    const ids = hops.map((h) => h.taskId);
    const rows = await sql.all<TaskRow>(`/* chainTasks */ select ${TASK_COLUMNS}${plan.columns} from task t where t.row_id in (${placeholders(ids.length)})`, [...plan.params, ...ids]);
    const byId = new Map(rows.map((r) => [r.rowId, r]));
    const root = byId.get(rootId);
    // a task that is not there has no links either: the walk found nothing
    if (!root) return null;
    return {
      root,
      truncated,
      hops: hops.map((h) => ({ depth: h.depth, task: byId.get(h.taskId)!, parent: h.parentId === null ? null : byId.get(h.parentId)!, link: h.link })),
    };
  }

  @Query(() => Accountability, {
    nullable: true,
    description:
      'Everything one unit is accountable for 单位责任清单 — named directly or through the collectives it belongs to — grouped by level and role, each duty with the clause and the higher-level tasks that mandate it.',
  })
  async accountability(
    @Arg('unit', () => String, { description: 'The unit’s name or any alias (市应急局, 泽州县人民政府 …).' }) name: string,
    @Arg('jurisdiction', () => String, { nullable: true, description: 'GB/T 2260 code to choose among units of the same alias.' }) jurisdiction: string | null,
    @Arg('minScore', () => Float, { nullable: true, description: 'Inferred mandate links below this score are left out.' }) minScore: number | null,
    @Arg('limit', () => Int, { defaultValue: 500, description: 'List at most this many duties (at most 2000); `total` counts them all.' }) limit: number,
    @Ctx() { sql, loaders }: Context,
  ): Promise<Accountability | null> {
    bounded('limit', limit, 2000);
    const score = minScoreOf(minScore);
    const unit = await theUnitNamed(sql, name, jurisdiction);
    if (!unit) return null;
    const through = await loaders.collectivesByMemberId.load(unit.rowId);
    const holders = [unit.rowId, ...through.map((c) => c.rowId)];
    const rows = await sql.all<AssignmentRow & { level: Level }>(
      `/* accountability */ select ${ASSIGNMENT_COLUMNS}, j.level as "level" from assignment a join task t on t.row_id = a.task_id
       join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
       where a.unit_id in (${placeholders(holders.length)}) order by t.document_id, t.ordinal, a.row_id`,
      holders,
    );
    const listed = rows.slice(0, limit);
    const tasks = new Map((await loadEvery(loaders.taskById, [...new Set(listed.map((r) => r.taskId))])).map((t) => [t.rowId, t]));
    const mandates = groupBy(await linksOf(sql, 'implementer', [...tasks.keys()], score, [LinkRelation.IMPLEMENTS]), (l) => l.implementerId);
    const collective = new Map(through.map((c) => [c.rowId, c]));
    const groups = new Map<string, AccountabilityGroup>();
    for (const r of listed) {
      const item: AccountabilityItem = {
        assignment: r,
        task: tasks.get(r.taskId)!,
        reach: r.unitId === unit.rowId ? Reach.DIRECT : Reach.EXPANSION,
        through: collective.get(r.unitId) ?? null,
        mandatedBy: mandates.get(r.taskId) ?? [],
      };
      const key = `${r.level}|${r.role}`;
      const g = groups.get(key) ?? { level: r.level, role: r.role, count: 0, items: [] };
      g.items.push(item);
      g.count++;
      groups.set(key, g);
    }
    const ordered = [...groups.values()].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    return { unit, through, total: rows.length, groups: ordered, truncated: rows.length > limit };
  }

  @Query(() => ResponsibilityMatrix, { nullable: true, description: 'A document’s 任务分工表: its tasks × the units given them, with the role in each cell. NOT_FOUND when no document is named so.' })
  async responsibilityMatrix(
    @Arg('document', () => ID, { description: 'The document: its global ID, its number 文号 or its source file name.' }) document: string,
    @Ctx() { sql, loaders }: Context,
  ): Promise<ResponsibilityMatrix | null> {
    const doc = await requireDocument({ sql, loaders }, document, 'document');
    const tasks = await sql.all<TaskRow>(`/* matrixTasks */ select ${TASK_COLUMNS} from task t where t.document_id = ? order by t.ordinal`, [doc.rowId]);
    const assignments = await sql.all<AssignmentRow>(
      `/* matrixAssignments */ select ${ASSIGNMENT_COLUMNS} from assignment a join task t on t.row_id = a.task_id where t.document_id = ? order by t.ordinal, a.row_id`,
      [doc.rowId],
    );
    const columnOf = new Map<number, number>();
    for (const a of assignments) if (!columnOf.has(a.unitId)) columnOf.set(a.unitId, columnOf.size);
    const units = await loadEvery(loaders.unitById, [...columnOf.keys()]);
    const byTask = groupBy(assignments, (a) => a.taskId);
    return {
      document: doc,
      columns: units,
      rows: tasks.map((task) => {
        const cells = groupBy(byTask.get(task.rowId) ?? [], (a) => a.unitId);
        return {
          task,
          cells: [...cells].map(([unitId, held]) => ({ column: columnOf.get(unitId)!, unit: units[columnOf.get(unitId)!], roles: held.map((a) => a.role), assignments: held })),
        };
      }),
    };
  }

  @Query(() => GapConnection, { description: 'Tasks with responsibility gaps 责任缺位: nobody answering for them, only collectives or open lists, or no lower-level task carrying them out.' })
  async gaps(
    @Arg('filter', () => GapFilter, { nullable: true, description: 'Which gaps to find.' }) filter: GapFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { sql, loaders }: Context,
  ) {
    const kinds = filter?.kinds ?? [...STORED_GAPS, ...(filter?.lowerLevel ? [GapKind.NOT_IMPLEMENTED] : [])];
    if (kinds.includes(GapKind.NOT_IMPLEMENTED) && !filter?.lowerLevel) throw badInput('filter.lowerLevel', 'NOT_IMPLEMENTED needs the lower level that should carry the tasks out');
    // the gaps a task's own assignments decide are stored (task_gap, kept up to date by every write): read, never derived here
    const stored = STORED_GAPS.filter((k) => kinds.includes(k));
    const doc = filter?.document ? (await requireDocument({ sql, loaders }, filter.document, 'filter.document')).rowId : null;
    const where = [`g.kind in (${placeholders(stored.length || 1)})`];
    const params: unknown[] = stored.length ? [...stored] : [''];
    if (doc !== null) where.push('g.document_id = ?') && params.push(doc);
    if (filter?.level) where.push('g.document_id in (select d.row_id from document d join jurisdiction j on j.code = d.jurisdiction_code where j.level = ?)') && params.push(filter.level);
    const toGaps = async (rows: { taskId: number; kind: GapKind; detail: string }[]) => {
      const tasks = new Map((await loadEvery(loaders.taskById, rows.map((g) => g.taskId))).map((t) => [t.rowId, t]));
      return rows.map((g): Gap => ({ kind: g.kind, detail: g.detail, task: tasks.get(g.taskId)! }));
    };
    if (!kinds.includes(GapKind.NOT_IMPLEMENTED)) {
      // a page in key order, one COUNT only if asked: the cost is the page's, at any scale
      const stored = await pagedList<{ gapKey: number; taskId: number; kind: StoredGap }>(
        sql,
        { list: 'gaps', columns: `g.gap_key as "gapKey", g.task_id as "taskId", g.kind as "kind"`, from: 'task_gap g', where, params, order: 'g.gap_key', orderKey: 'gapKey' },
        page,
      );
      return withNodes(stored, await toGaps(stored.nodes.map((g) => ({ taskId: Number(g.taskId), kind: g.kind, detail: GAP_DETAIL[g.kind] }))));
    }
    const found: { taskId: number; kind: GapKind; detail: string }[] = [];
    if (stored.length) {
      const rows = await sql.all<{ taskId: number; kind: StoredGap }>(`/* gapsStored */ select g.task_id as "taskId", g.kind as "kind" from task_gap g where ${where.join(' and ')}`, params);
      for (const r of rows) found.push({ taskId: Number(r.taskId), kind: r.kind, detail: GAP_DETAIL[r.kind] });
    }
    const lower = filter!.lowerLevel!;
    if (filter?.level && LEVEL_ORDER.indexOf(filter.level) >= LEVEL_ORDER.indexOf(lower)) throw badInput('filter.lowerLevel', `${lower} is not below ${filter.level}`);
    const scope = [`t.kind in (${placeholders(WORK.length)})`];
    const scopeParams: unknown[] = [...WORK];
    if (doc !== null) scope.push('t.document_id = ?') && scopeParams.push(doc);
    if (filter?.level) scope.push('j.level = ?') && scopeParams.push(filter.level);
    const rows = await sql.all<{ id: number }>(
      `/* gapsNotImplemented */ select t.row_id as "id" from task t join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
       where ${scope.join(' and ')} and j.level in (${placeholders(LEVEL_ORDER.indexOf(lower))})
       and not exists (select 1 from task_link l join task t2 on t2.row_id = l.implementer_id join document d2 on d2.row_id = t2.document_id
         join jurisdiction j2 on j2.code = d2.jurisdiction_code
         where (l.implemented_id = t.row_id or l.implemented_id in (select p.row_id from task p where p.parent_id = t.row_id))
           and l.relation in (${placeholders(DOWNWARD.length)}) and l.review <> 'REJECTED' and j2.level = ? and (l.score is null or l.score >= ?))`,
      [...scopeParams, ...LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(lower)), ...DOWNWARD, lower, minScoreOf(filter?.minScore)],
    );
    for (const r of rows) found.push({ taskId: r.id, kind: GapKind.NOT_IMPLEMENTED, detail: `no ${lower} task carries it or one of its parts out, or did the same work before it` });
    found.sort((a, b) => gapKey(a.taskId, a.kind) - gapKey(b.taskId, b.kind));
    const listed = pageInMemory(found, 'gaps', (g) => gapKey(g.taskId, g.kind), page);
    return withNodes(listed, await toGaps(listed.nodes));
  }

  @Query(() => OverlapConnection, { description: 'Overlapping responsibilities 职责交叉: several leads, a unit both leading and cooperating, near-duplicate tasks across documents.' })
  async overlaps(
    @Arg('filter', () => OverlapFilter, { nullable: true, description: 'Which overlaps to find.' }) filter: OverlapFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { sql, loaders }: Context,
  ) {
    const kinds = filter?.kinds ?? Object.values(OverlapKind);
    const minScore = filter?.minScore ?? 0.5;
    if (!(minScore >= 0 && minScore <= 1)) throw badInput('filter.minScore', `must be between 0 and 1, got ${minScore}`);
    const doc = filter?.document ? (await requireDocument({ sql, loaders }, filter.document, 'filter.document')).rowId : null;
    const window = pageWindow('overlaps', page);
    const direction = window.backward ? ' desc' : '';
    // two sources in one key order (stored-analysis.ts overlapKey): the role overlaps stored per task, and near-duplicates
    // in task_similarity; each gives its first page after the cursor, the merge keeps the first of both
    const roles = STORED_OVERLAPS.filter((k) => kinds.includes(k));
    const duplicates = kinds.includes(OverlapKind.NEAR_DUPLICATE);
    const roleWhere = [`o.kind in (${placeholders(roles.length || 1)})`, ...(doc === null ? [] : ['o.document_id = ?'])];
    const roleParams: unknown[] = [...(roles.length ? roles : ['']), ...(doc === null ? [] : [doc])];
    const dupKey = overlapKeySql('s.a_id', OverlapKind.NEAR_DUPLICATE, 's.b_id');
    const dupWhere = ['s.score >= ?', ...(doc === null ? [] : ['s.a_id in (select row_id from task where document_id = ?)'])];
    const dupParams: unknown[] = [minScore, ...(doc === null ? [] : [doc])];
    const roleWindow = windowSql('o.overlap_key', window);
    const dupWindow = windowSql(dupKey, window);
    const [roleRows, dupRows] = await Promise.all([
      roles.length
        ? sql.all<{ key: number; taskId: number; kind: OverlapKind; unitId: number | null }>(
            `/* overlapRoles */ select o.overlap_key as "key", o.task_id as "taskId", o.kind as "kind", o.unit_id as "unitId" from task_overlap o
             where ${[...roleWhere, ...roleWindow.sql].join(' and ')} order by o.overlap_key${direction} limit ?`,
            [...roleParams, ...roleWindow.params, window.size + 1],
          )
        : [],
      duplicates
        ? sql.all<{ key: number; a: number; b: number; score: number }>(
            `/* overlapDuplicates */ select ${dupKey} as "key", s.a_id as "a", s.b_id as "b", s.score as "score" from task_similarity s
             where ${[...dupWhere, ...dupWindow.sql].join(' and ')} order by s.a_id${direction}, s.b_id${direction} limit ?`,
            [...dupParams, ...dupWindow.params, window.size + 1],
          )
        : [],
    ]);
    const found = [
      ...roleRows.map((r) => ({ key: Number(r.key), taskId: Number(r.taskId), kind: r.kind, unitId: r.unitId === null ? null : Number(r.unitId), otherId: null, score: null })),
      ...dupRows.map((r) => ({ key: Number(r.key), taskId: Number(r.a), kind: OverlapKind.NEAR_DUPLICATE, unitId: null, otherId: Number(r.b), score: Number(r.score) })),
    ].sort((a, b) => (window.backward ? b.key - a.key : a.key - b.key));
    const pageRows = found.slice(0, window.size);
    // the leads of a MULTIPLE_LEADS task are read with the page
    const multiple = pageRows.filter((o) => o.kind === OverlapKind.MULTIPLE_LEADS).map((o) => o.taskId);
    const leads = multiple.length
      ? groupBy(await sql.all<{ taskId: number; unitId: number }>(`/* overlapLeads */ select task_id as "taskId", unit_id as "unitId" from assignment where role = 'LEAD' and task_id in (${placeholders(multiple.length)}) order by row_id`, multiple), (r) => Number(r.taskId))
      : new Map<number, { unitId: number }[]>();
    const unitsOf = (o: (typeof pageRows)[number]) => (o.kind === OverlapKind.MULTIPLE_LEADS ? (leads.get(o.taskId) ?? []).map((r) => Number(r.unitId)) : o.unitId === null ? [] : [o.unitId]);
    const tasks = new Map((await loadEvery(loaders.taskById, [...new Set(pageRows.flatMap((o) => [o.taskId, ...(o.otherId ? [o.otherId] : [])]))])).map((t) => [t.rowId, t]));
    const units = new Map((await loadEvery(loaders.unitById, [...new Set(pageRows.flatMap(unitsOf))])).map((u) => [u.rowId, u]));
    const detail = (o: (typeof pageRows)[number]) =>
      o.kind === OverlapKind.MULTIPLE_LEADS ? `${unitsOf(o).length} units lead it` : o.kind === OverlapKind.LEAD_AND_COOPERATE ? 'the unit both leads and cooperates on it' : `another document’s task says nearly the same (similarity ${o.score})`;
    let total: Promise<number> | undefined;
    const count = () =>
      (total ??= Promise.all([
        roles.length ? sql.one<{ n: number }>(`/* overlapRolesCount */ select count(*) as "n" from task_overlap o where ${roleWhere.join(' and ')}`, roleParams) : undefined,
        duplicates ? sql.one<{ n: number }>(`/* overlapDuplicatesCount */ select count(*) as "n" from task_similarity s where ${dupWhere.join(' and ')}`, dupParams) : undefined,
      ]).then(([r, d]) => Number(r?.n ?? 0) + Number(d?.n ?? 0)));
    const listed = toConnection(found.slice(0, window.size + 1), window, 'overlaps', (o) => o.key, count);
    return withNodes(
      listed,
      listed.nodes.map((o): Overlap => ({ kind: o.kind, task: tasks.get(o.taskId)!, other: o.otherId ? tasks.get(o.otherId)! : null, units: unitsOf(o).map((u) => units.get(u)!), score: o.score, detail: detail(o) })),
    );
  }

  @Query(() => UnitWorkloadConnection, { description: 'Per unit, its assignments counted by role and by level 工作量, the busiest first.' })
  async workload(
    @Arg('filter', () => WorkloadFilter, { nullable: true, description: 'Whose workload to count.' }) filter: WorkloadFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { sql, loaders }: Context,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.level) where.push('u.level = ?') && params.push(filter.level);
    if (filter?.kind) where.push('u.kind = ?') && params.push(filter.kind);
    if (filter?.sector) where.push('u.sector = ?') && params.push(filter.sector);
    if (filter?.jurisdiction) where.push('u.jurisdiction_code = ?') && params.push(filter.jurisdiction.trim());
    if (filter?.document) where.push('t.document_id = ?') && params.push((await requireDocument({ sql, loaders }, filter.document, 'filter.document')).rowId);
    const rows = await sql.all<{ unitId: number; role: Role; level: Level; n: number }>(
      `/* workload */ select a.unit_id as "unitId", a.role as "role", j.level as "level", cast(count(*) as integer) as "n"
       from assignment a join unit u on u.row_id = a.unit_id join task t on t.row_id = a.task_id
       join document d on d.row_id = t.document_id join jurisdiction j on j.code = d.jurisdiction_code
       ${where.length ? `where ${where.join(' and ')}` : ''} group by a.unit_id, a.role, j.level`,
      params,
    );
    const byUnit = [...groupBy(rows, (r) => r.unitId)].map(([unitId, list]) => {
      const sum = (pick: (r: (typeof list)[number]) => string) => [...groupBy(list, pick)].map(([k, l]) => [k, l.reduce((s, r) => s + Number(r.n), 0)] as const);
      return {
        unitId,
        total: list.reduce((s, r) => s + Number(r.n), 0),
        byRole: sum((r) => r.role).map(([role, count]) => ({ role: role as Role, count })).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)),
        byLevel: sum((r) => r.level).map(([level, count]) => ({ level: level as Level, count })).sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)),
      };
    });
    byUnit.sort((a, b) => b.total - a.total || a.unitId - b.unitId);
    const indexed = byUnit.map((w, i) => ({ ...w, i }));
    const listed = pageInMemory(indexed, 'workload', (w) => w.i, page);
    const units = await loadEvery(loaders.unitById, listed.nodes.map((w) => w.unitId));
    return withNodes(listed, listed.nodes.map((w, i): UnitWorkload => ({ unit: units[i], total: w.total, byRole: w.byRole, byLevel: w.byLevel })));
  }
}
