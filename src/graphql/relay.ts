import { ArgsType, type ClassType, Field, ID, InterfaceType, Int, ObjectType } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { badInput } from './errors.js';

/** the object types that carry global IDs */
export type NodeType = 'Document' | 'Task' | 'Unit' | 'Assignment' | 'Jurisdiction' | 'Noise' | 'TaskLink' | 'ProgressReport' | 'Indicator' | 'Observation' | 'AuditRecord';

export function toGlobalId(type: NodeType, id: string | number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: NodeType; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const at = decoded.indexOf(':');
  if (at <= 0) return null;
  return { type: decoded.slice(0, at) as NodeType, id: decoded.slice(at + 1) };
}

/** the numeric row id inside a global ID of the expected type, or a BAD_USER_INPUT error */
export function rowIdOf(globalId: string, type: NodeType, argument: string): number {
  const parsed = fromGlobalId(globalId);
  const id = parsed && parsed.type === type ? Number(parsed.id) : NaN;
  if (!Number.isInteger(id)) {
    throw new GraphQLError(`${argument}: "${globalId}" is not the ID of a ${type}`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: argument },
    });
  }
  return id;
}

/** the object type of a row `node(id:)` returned: it carries its type's name */
export const nodeTypeName = (value: { __typename?: string }) => value.__typename;

@InterfaceType('Node', {
  description: 'An object with a global ID (Relay). 任何具有全局标识的对象。',
  resolveType: nodeTypeName,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global ID, stable across restarts; pass it to `node(id:)`.' })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page of a connection ends (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page (read forward: there are more; read backward: a `before` cursor was given).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Items come before this page (read forward: an `after` cursor was given; read backward: there are more).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;

/** how a list is paged: forward with first/after, backward with last/before (Relay) */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, reading forward from `after` (or the start): 50 by default, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after (`pageInfo.endCursor` of the previous page).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, reading backward from `before` (or the end): at most 100; instead of `first`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before (`pageInfo.startCursor` of the page after).' })
  before?: string | null;
}

/** the rows a page takes: those strictly between the two cursors' keys, `size` of them from one end */
export interface PageWindow {
  size: number;
  after: number | null;
  before: number | null;
  /** `last` was asked: the rows nearest `before` (or the end), fetched in descending key order */
  backward: boolean;
}

/**
 * Keyset cursors: the list they belong to (`tasks`, `Document.tasks` …) and the key of the row, so
 * page 1,000 costs what page 1 costs, and a cursor of another list, keyed otherwise, is refused
 * instead of misread.
 */
export function encodeCursor(list: string, key: number): string {
  return Buffer.from(`${list}:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(list: string, cursor: string | null | undefined, argument = 'after'): number | null {
  if (cursor == null) return null;
  const m = /^([\w.]+):(-?\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput(argument, `"${cursor}" is not a cursor`);
  if (m[1] !== list) throw badInput(argument, `"${cursor}" is a cursor of ${m[1]}, not of ${list}`);
  return Number(m[2]);
}

export function pageSize(size: number | null | undefined, argument = 'first'): number {
  const n = size ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) throw badInput(argument, `must be between 0 and ${MAX_PAGE}, got ${n}`);
  return n;
}

/** which way a page is read and how many rows it takes: `last` (or a lone `before`) reads backward */
export function pageDirection(args: PageArgs): { size: number; backward: boolean } {
  if (args.first != null && args.last != null) throw badInput('last', 'give first or last, not both');
  const backward = args.last != null || (args.before != null && args.first == null);
  return { size: backward ? pageSize(args.last, 'last') : pageSize(args.first), backward };
}

/** the window `first`/`after`/`last`/`before` ask for, checked */
export function pageWindow(list: string, args: PageArgs): PageWindow {
  return {
    ...pageDirection(args),
    after: decodeCursor(list, args.after),
    before: decodeCursor(list, args.before, 'before'),
  };
}

/** `key > after and key < before`, in SQL over `column`, with its parameters */
export function windowSql(column: string, window: PageWindow): { sql: string[]; params: number[] } {
  const sql: string[] = [];
  const params: number[] = [];
  if (window.after !== null) sql.push(`${column} > ?`) && params.push(window.after);
  if (window.before !== null) sql.push(`${column} < ?`) && params.push(window.before);
  return { sql, params };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** a getter: the COUNT runs only when a query asks for it */
  readonly totalCount: Promise<number> | number;
}

/** builds a page from up to `size` + 1 rows fetched in the window's direction (descending keys when backward) */
export function toConnection<T>(rows: T[], window: PageWindow, list: string, key: (row: T) => number, totalCount: () => Promise<number> | number): Connection<T> {
  const more = rows.length > window.size;
  const page = rows.slice(0, window.size);
  if (window.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(list, key(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: window.backward ? window.before !== null : more,
      hasPreviousPage: window.backward ? more : window.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}

/** a Relay connection type for T, with edges, nodes, pageInfo and totalCount */
/** `abstract`: the connection is the base of a class that adds fields and registers the type itself */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string, what: string, options: { abstract?: boolean } = {}) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: T;
  }

  // an abstract one gets a name no field refers to, so the schema holds only the class that extends it
  @ObjectType(`${name}Connection${options.abstract ? 'Base' : ''}`, { simpleResolvers: true, description: `A page of ${what}s (Relay connection, keyset-paginated).` })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo!: PageInfo;

    // counted only when asked: the value is a promise behind a getter, which compiled queries read through a resolver
    @Field(() => Int, { simple: false, description: `How many ${what}s match in all pages.` })
    totalCount!: number;
  }
  return ConnectionClass;
}
