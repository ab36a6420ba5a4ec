// The benchmark's queries: one GraphQL document each, sent with the same bytes to the API and the
// hand-written baselines (which dispatch on operationName and read the same variables); PostGraphile
// gets each rewritten to its own generated schema (postgraphile.ts).

/**
 * (a) the API, (b) the hand-written SQL baseline, (c) the API with loaders that do not batch,
 * (d) PostGraphile on the same PostgreSQL database
 */
export const VARIANTS = ['api', 'sql', 'naive', 'postgraphile'] as const;
export type Variant = (typeof VARIANTS)[number];
/** what runs on SQLite: PostGraphile needs PostgreSQL */
export const SQLITE_VARIANTS = ['api', 'sql', 'naive'] as const satisfies readonly Variant[];
/** what runs on PostgreSQL: the naive variant's ratio is the same story as on SQLite, the peer is new */
export const POSTGRES_VARIANTS = ['api', 'sql', 'postgraphile'] as const satisfies readonly Variant[];

export const PAGE_SIZE = 50;
/** the deep page the issue asks for */
export const DEEP_PAGE = 1000;
export const NESTED_FIRST = 20;
export const SEARCH_FIRST = 20;
export const WORKLOAD_FIRST = 20;
export const SEARCH_TERM = '煤矿';

export const DOCUMENTS = {
  Point: `query Point($name: String!) {
  unit(name: $name) { name kind level sector aliases jurisdiction { code name level } }
}`,
  Nested: `query Nested($name: String!, $first: Int!) {
  unit(name: $name) {
    name
    assignments(first: $first) {
      totalCount
      nodes { role task { path title assignments { role unit { name level } } } }
    }
  }
}`,
  Document: `query Document($number: String!, $first: Int!) {
  document(number: $number) {
    number
    title
    tasks(first: $first) { nodes { path title assignments { role unit { name } } } }
  }
}`,
  Chain: `query Chain($taskId: ID!, $minScore: Float!, $maxNodes: Int!) {
  responsibilityChain(task: $taskId, depth: 3, minScore: $minScore, maxNodes: $maxNodes) {
    truncated
    root { path title }
    hops {
      depth
      task { path title assignments { role unit { name } } }
      parent { path }
      link { method score }
    }
  }
}`,
  Search: `query Search($query: String!, $first: Int!) {
  search(query: $query, first: $first) {
    pageInfo { hasNextPage }
    nodes { kind score field snippet task { path title } unit { name } document { title } }
  }
}`,
  Page: `query Page($first: Int!, $after: String) {
  tasks(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id path title kind document { number } }
  }
}`,
  Workload: `query Workload($jurisdiction: String!, $first: Int!) {
  workload(filter: { jurisdiction: $jurisdiction }, first: $first) {
    totalCount
    nodes { unit { name } total byRole { role count } byLevel { level count } }
  }
}`,
} as const;

export type OperationName = keyof typeof DOCUMENTS;

/** one measured request: a name for the table, the operation, its variables */
export interface BenchQuery {
  name: string;
  operationName: OperationName;
  variables: Record<string, unknown>;
  /** what was chosen from the data, for the report */
  note: string;
}

export function requestBody(q: BenchQuery): string {
  return JSON.stringify({ operationName: q.operationName, query: DOCUMENTS[q.operationName], variables: q.variables });
}
