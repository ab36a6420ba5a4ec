import { defaultFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { Sql } from './sql.js';
import { type Connection, type PageArgs, type PageWindow, pageWindow, toConnection, windowSql } from './relay.js';

/**
 * Reads planned from the query (look-ahead). A resolver that reads rows — `unit(name:)`, a
 * document, a page of tasks — looks at what the query asks of them and has the same statement
 * bring, as JSON built by the database, the related rows the query will ask for next: a unit's
 * aliases and division, its assignments with their tasks and every unit of those tasks. Each
 * field a relation covers takes its value from its parent row when it is there and from its
 * resolver (a loader) when it is not (readPlannedFields), so a query the planner does not cover
 * (a filter, a field with no relation) is answered exactly as before, a few statements later.
 * At M on PostgreSQL a unit → 20 assignments → task → all its units went from six statements to
 * one: each statement is a round trip whose socket write alone cost more CPU than PostgreSQL's
 * work (docs/PERFORMANCE.md).
 */

/** rows as the loaders read them: a table, its alias in `columns`, and the SELECT list giving each row's properties */
export interface RowShape {
  table: string;
  alias: string;
  /** `u.row_id as "rowId", u.name as "name" …`: only `alias.column as "property"` items */
  columns: string;
  /** the property that identifies a row, always brought */
  key: string;
  /**
   * the properties each field's resolver reads: a row brought for a selection whose fields are all
   * listed carries those only (building JSON of every column was most of the database's work);
   * a field not listed brings the whole row
   */
  fields: Record<string, string[]>;
}

/** how a field of a row type reaches related rows; `join` relates the related row (alias `child`) to its parent row (alias `parent`) */
export type Relation =
  /** one related row or null (Assignment.task) */
  | { kind: 'one'; type: string; join(child: string, parent: string): string }
  /** every related row, in `order` (Task.assignments) */
  | { kind: 'list'; type: string; join(child: string, parent: string): string; order: string }
  /** a column of every related row of a table that is no type of its own, in `order` (Unit.aliases) */
  | { kind: 'values'; table: string; value: string; join(child: string, parent: string): string; order: string }
  /**
   * a connection (Unit.assignments, Document.tasks): keyset pages on `order`, whose value in the row
   * is `orderKey`; `where` gives the condition its other arguments add, or null when they cannot be planned
   */
  | {
      kind: 'page';
      type: string;
      /** the list its cursors name, as its resolver's loader names it (`Unit.assignments`) */
      list: string;
      join(child: string, parent: string): string;
      order: string;
      orderKey: string;
      where?(child: string, args: Record<string, unknown>): Fragment | null;
    };

export interface Fragment {
  sql: string;
  params: unknown[];
}

export interface PlanSchema {
  rows: Record<string, RowShape>;
  /** by row type, then field name */
  relations: Record<string, Record<string, Relation>>;
}

/** the SELECT list items a statement adds for what the query asks of its rows, and their parameters */
export interface Plan {
  /** empty, or `, (…) as "__planned_key" …` */
  columns: string;
  params: unknown[];
}

export const NO_PLAN: Plan = { columns: '', params: [] };
const PREFIX = '__planned_';

/** the part of a request the planner reads: whether it plans, the dialect */
export interface PlanContext {
  sql: Sql;
  planReads: boolean;
}

/**
 * The columns that bring what the selection asks of rows of `type` read under `alias`. `path`
 * leads from the field being resolved to the rows: [] for the field's own value, ['nodes'] and
 * ['edges', 'node'] for a connection's rows, ['hops', 'task'] …
 */
export function planRows(schema: PlanSchema, ctx: PlanContext, info: GraphQLResolveInfo, type: string, alias: string, paths: string[][] = [[]]): Plan {
  if (!ctx.planReads) return NO_PLAN;
  // a plan depends on the operation, its variables and where in it the rows are: the same query sent again is planned once
  let plans = cached.get(info.operation);
  if (!plans) cached.set(info.operation, (plans = new Map()));
  const key = JSON.stringify([info.path, info.variableValues, type, alias, paths, ctx.sql.postgres]);
  let plan = plans.get(key);
  if (!plan) {
    if (plans.size >= PLANS_PER_OPERATION) plans.clear();
    plans.set(key, (plan = planAnew(schema, info, type, alias, paths, ctx.sql.postgres)));
  }
  return plan;
}

/** by operation (Apollo keeps one parsed document per query text); within it, by variables and place */
const cached = new WeakMap<object, Map<string, Plan>>();
const PLANS_PER_OPERATION = 100;

function planAnew(schema: PlanSchema, info: GraphQLResolveInfo, type: string, alias: string, paths: string[][], postgres: boolean): Plan {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  if (!tree) return NO_PLAN;
  const embedded = new Planner(schema, postgres).embeds(
    type,
    alias,
    paths.map((path) => fieldsAt(tree, path, type)),
  );
  return embedded.length ? { columns: embedded.map(([key, f]) => `, ${f.sql} as "${PREFIX}${key}"`).join(''), params: embedded.flatMap(([, f]) => f.params) } : NO_PLAN;
}

/**
 * The other half: each field a relation covers takes its value from the parent row when the row's
 * statement brought it, and calls its own resolver (its loader) when not. Installed on the built
 * schema, before any execution is compiled, so that a brought value costs a property read instead
 * of a call through the resolver's decorators.
 */
export function readPlannedFields(schema: GraphQLSchema, plan: PlanSchema): void {
  for (const [typeName, relations] of Object.entries(plan.relations)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`the read plan names ${typeName}, which is no object type of the schema`);
    for (const [name, relation] of Object.entries(relations)) {
      const field = type.getFields()[name];
      if (!field) throw new Error(`the read plan names ${typeName}.${name}, which is no field of the schema`);
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (row, args, context, info) => {
        const key = `${PREFIX}${info.path.key}`;
        if (!row || typeof row !== 'object' || !(key in row)) return resolve(row, args, context, info);
        const raw = (row as Record<string, unknown>)[key];
        // SQLite hands a statement's own JSON columns over as text; what is nested in them is parsed with them
        const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
        if (relation.kind !== 'page') return value;
        const page = value as { rows: Record<string, unknown>[]; total?: number };
        // the total is brought when totalCount is asked; the resolver's own page knows it otherwise
        const total = () => page.total ?? (resolve(row, args, context, info) as Promise<Connection<unknown>>).then((c) => c.totalCount);
        const window = pageWindow(relation.list, args as PageArgs);
        // the statement's array is in ascending order; a backward page is taken nearest its end
        return toConnection(window.backward ? [...page.rows].reverse() : page.rows, window, relation.list, (r) => Number(r[relation.orderKey]), total);
      };
    }
  }
}

/** `alias.column as "property"` items, parsed once per shape */
const parsedColumns = new Map<string, [string, string][]>();
function columnsOf(shape: RowShape): [string, string][] {
  let pairs = parsedColumns.get(shape.columns);
  if (!pairs) {
    pairs = shape.columns.split(',').map((item) => {
      const m = /^\s*(\w+)\.(\w+) as "(\w+)"\s*$/.exec(item);
      if (!m || m[1] !== shape.alias) throw new Error(`the columns of ${shape.table} are not all "${shape.alias}.column as \\"property\\"": ${item.trim()}`);
      return [m[3], m[2]] as [string, string];
    });
    parsedColumns.set(shape.columns, pairs);
  }
  return pairs;
}

/** the fields asked of one object type, by response key (graphql-parse-resolve-info's tree: arguments coerced, fragments and @include/@skip applied) */
type Fields = Record<string, ResolveTree>;

/** the fields of `type` reached from `tree` by following `path` (names of fields asked without an alias) */
function fieldsAt(tree: ResolveTree, path: string[], type: string): Fields {
  let current = tree;
  for (const name of path) {
    const next = Object.values(current.fieldsByTypeName).flatMap((fields) => (fields[name]?.name === name ? [fields[name]] : []));
    if (next.length !== 1) return {};
    current = next[0];
  }
  return current.fieldsByTypeName[type] ?? {};
}

class Planner {
  private aliases = 0;
  constructor(
    private readonly schema: PlanSchema,
    private readonly postgres: boolean,
  ) {}

  /** for each response key asked of rows of `type` (in any of `asked`) that a relation plans: its column */
  embeds(type: string, alias: string, asked: Fields[]): [string, Fragment][] {
    // readPlannedFields checked every relation against the schema when it was built
    const relations = this.schema.relations[type];
    if (!relations) return [];
    const byKey = new Map<string, ResolveTree[]>();
    for (const fields of asked) {
      for (const [key, tree] of Object.entries(fields)) if (relations[tree.name]) byKey.set(key, [...(byKey.get(key) ?? []), tree]);
    }
    const out: [string, Fragment][] = [];
    for (const [key, trees] of byKey) {
      const { name, args } = trees[0];
      // one response key asked in two places as another field or with other arguments is left to the resolver
      if (trees.some((t) => t.name !== name || JSON.stringify(t.args) !== JSON.stringify(args))) continue;
      const fragment = this.embed(relations[name], alias, trees);
      if (fragment) out.push([key, fragment]);
    }
    return out;
  }

  /** the JSON of one field for the row under `parent`, or null when it cannot be planned (its resolver loads it) */
  private embed(relation: Relation, parent: string, trees: ResolveTree[]): Fragment | null {
    if (relation.kind === 'values') {
      const c = this.alias('v');
      return this.nest({ sql: `select ${this.array(`${c}.${relation.value}`, `${c}.${relation.order}`)} from ${relation.table} ${c} where ${relation.join(c, parent)}`, params: [] });
    }
    const shape = this.schema.rows[relation.type];
    const c = this.alias(shape.alias);
    const own = trees.map((t) => t.fieldsByTypeName[relation.type] ?? {});
    if (relation.kind === 'one') {
      const object = this.object(relation.type, c, own);
      return this.nest({ sql: `select ${object.sql} from ${shape.table} ${c} where ${relation.join(c, parent)}`, params: object.params });
    }
    if (relation.kind === 'list') {
      const object = this.object(relation.type, c, own);
      return this.nest({ sql: `select ${this.array(object.sql, `${c}.${relation.order}`)} from ${shape.table} ${c} where ${relation.join(c, parent)}`, params: object.params });
    }
    // a page: first + 1 rows after the cursor, and the count when totalCount is asked
    const { first, after, last, before, ...rest } = trees[0].args;
    let window: PageWindow;
    try {
      window = pageWindow(relation.list, { first, after, last, before } as PageArgs);
    } catch {
      return null;
    }
    const condition = (alias: string) => (relation.where ? relation.where(alias, rest) : Object.values(rest).some((v) => v != null) ? null : { sql: '', params: [] });
    const extra = condition(c);
    if (!extra) return null;
    const rows = trees.flatMap((t) => [fieldsAt(t, ['nodes'], relation.type), fieldsAt(t, ['edges', 'node'], relation.type)]);
    const object = this.object(relation.type, c, rows, relation.orderKey);
    const pairs: [string, Fragment][] = [['rows', { sql: this.array(object.sql, `${c}.${relation.order}`), params: object.params }]];
    if (trees.some((t) => Object.values(t.fieldsByTypeName).some((fields) => Object.values(fields).some((f) => f.name === 'totalCount')))) {
      const cc = this.alias(shape.alias);
      const counted = condition(cc)!;
      pairs.push(['total', { sql: `(select count(*) from ${shape.table} ${cc} where ${relation.join(cc, parent)}${counted.sql ? ` and ${counted.sql}` : ''})`, params: counted.params }]);
    }
    const json = this.jsonObject(pairs);
    // the row's own columns only: `*` would read the long texts (a clause's, a task's) that no JSON here carries
    const columns = [...new Set(columnsOf(shape).map(([, column]) => `${c}.${column}`))].join(', ');
    const bounds = windowSql(`${c}.${relation.order}`, window);
    const inner = `select ${columns} from ${shape.table} ${c} where ${[relation.join(c, parent), extra.sql, ...bounds.sql].filter(Boolean).join(' and ')} order by ${c}.${relation.order}${window.backward ? ' desc' : ''} limit ?`;
    return this.nest({ sql: `select ${json.sql} from (${inner}) ${c}`, params: [...json.params, ...extra.params, ...bounds.params, window.size + 1] });
  }

  /** the properties the asked fields' resolvers read from a row of `shape`, or null for all of them */
  private properties(shape: RowShape, asked: Fields[]): Set<string> | null {
    const needed = new Set([shape.key]);
    for (const fields of asked) {
      for (const { name } of Object.values(fields)) {
        if (name === '__typename') continue;
        const reads = shape.fields[name];
        if (!reads) return null;
        for (const p of reads) needed.add(p);
      }
    }
    return needed;
  }

  /** a row of `type` under `alias` as a JSON object with the loaders' properties, and what the fields ask of it */
  private object(type: string, alias: string, asked: Fields[], orderKey?: string): Fragment {
    const shape = this.schema.rows[type];
    const needed = this.properties(shape, asked);
    if (needed && orderKey) needed.add(orderKey);
    const base = columnsOf(shape)
      .filter(([property]) => !needed || needed.has(property))
      .map(([property, column]) => [property, { sql: `${alias}.${column}`, params: [] }] as [string, Fragment]);
    const embedded = this.embeds(type, alias, asked).map(([key, f]) => [`${PREFIX}${key}`, f] as [string, Fragment]);
    return this.jsonObject([...base, ...embedded]);
  }

  private jsonObject(pairs: [string, Fragment][]): Fragment {
    const fn = this.postgres ? 'json_build_object' : 'json_object';
    return { sql: `${fn}(${pairs.map(([k, v]) => `'${k}', ${v.sql}`).join(', ')})`, params: pairs.flatMap(([, v]) => v.params) };
  }

  private array(element: string, order: string): string {
    return this.postgres ? `coalesce(json_agg(${element} order by ${order}), '[]')` : `json_group_array(${element} order by ${order})`;
  }

  /** a subquery as a JSON value: SQLite passes a subquery's JSON on as text unless json() says what it is */
  private nest(query: Fragment): Fragment {
    return { sql: this.postgres ? `(${query.sql})` : `json((${query.sql}))`, params: query.params };
  }

  private alias(base: string): string {
    return `${base}_${++this.aliases}`;
  }
}
