import { type ClassType, Field, ID, InterfaceType, Int, ObjectType } from 'type-graphql';
import { GraphQLError } from 'graphql';

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
  @Field(() => Boolean, { description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Items come before this page (a cursor was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;

/** keyset cursors: the id of the last row seen, so page 1,000 costs what page 1 costs */
export function encodeCursor(id: number): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  const m = /^c:(-?\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new GraphQLError(`after: "${cursor}" is not a cursor of this list`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  return Number(m[1]);
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE}, got ${n}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
  }
  return n;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** a getter: the COUNT runs only when a query asks for it */
  readonly totalCount: Promise<number> | number;
}

/** builds a page from rows fetched with LIMIT first + 1, ordered by `key` */
export function toConnection<T>(rows: T[], first: number, after: number | null, key: (row: T) => number, totalCount: () => Promise<number> | number): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
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
    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after`.' })
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
