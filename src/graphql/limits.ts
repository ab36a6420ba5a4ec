import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type ASTNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type GraphQLFormattedError, type StringValueNode, GraphQLError, getNamedType, getNullableType, isLeafType, isListType, type GraphQLSchema, type ValidationRule, visit } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE } from './relay.js';
import { SERVICE_UNAVAILABLE, isDatabaseUnavailable, RETRY_AFTER_SECONDS, timeoutError } from './errors.js';
import type { Context } from './context.js';
import type { Sql } from './sql.js';
import { EXPENSIVE_FIELDS } from './read-pool.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read.js';

/**
 * Limits against hostile requests. The depth is the deepest of the README's and the auditor
 * views' real queries (responsibility chains through covered units) with room to spare.
 */
export const LIMITS = {
  maxDepth: 14,
  maxAliases: 20,
  maxDirectives: 10,
  maxTokens: 5000,
  /** objects a query may ask for: a page of 100 of a page of 100 of lists of 10 is 100,000 */
  maxCost: 500_000,
  /** a list field without `first` (Task.assignments, Unit.members) is priced as this many items */
  unpagedList: 10,
  /** what one expensive root field (search, workload, gaps …) costs besides the objects it returns: at M each may scan for a second; ten fill a query */
  expensiveFieldCost: 45_000,
  /** expensive requests one client (address) may have running at once; the next is refused (RATE_LIMITED, 429); DUTYGRAPH_EXPENSIVE_PER_CLIENT */
  expensivePerClient: Number(process.env.DUTYGRAPH_EXPENSIVE_PER_CLIENT || 2),
  /** an operation still running after this long is stopped (TIMEOUT); DUTYGRAPH_TIMEOUT_MS */
  timeoutMs: Number(process.env.DUTYGRAPH_TIMEOUT_MS ?? 10_000),
  maxBodyBytes: 1024 * 1024,
  /** for an editor's or admin's request: a file of the ingest limit, base64-encoded, and the query around it */
  maxUploadBodyBytes: Math.ceil((DEFAULT_MAX_BYTES * 4) / 3) + 64 * 1024,
};

// cost = the objects a query can return: a list multiplies its items (`first` where the field
// pages, the length of the list it is asked for by (`nodes(ids:)`), a fixed guess for other
// lists); an object counts 1; a scalar costs nothing
const objectsEstimator: ComplexityEstimator = (options) => {
  const { type: parent, field } = options;
  const objects = countObjects(options) ?? 0;
  return parent.name === 'Query' && EXPENSIVE_FIELDS.has(field.name) ? objects + LIMITS.expensiveFieldCost : objects;
};

const countObjects: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  const itemCost = isLeafType(getNamedType(type)) ? 0 : Math.max(1, childComplexity);
  // a connection's edges and nodes are the page its `first` already counted
  if (parent.name.endsWith('Connection')) return itemCost;
  if (field.args.some((a) => a.name === 'first')) return (typeof args.first === 'number' ? args.first : DEFAULT_PAGE) * itemCost;
  if (isListType(type)) {
    const askedFor = field.args.find((a) => isListType(getNullableType(a.type)) && Array.isArray(args[a.name]));
    return (askedFor ? (args[askedFor.name] as unknown[]).length : LIMITS.unpagedList) * itemCost;
  }
  return itemCost;
};

// Apollo keeps one parsed document per query text, so the walk is made once per document and
// variables; long variables (a list of IDs) are priced each time rather than kept
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 64;
const CACHED_VARIABLES_CHARS = 2000;

function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  const price = () => getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: [objectsEstimator] });
  const key = `${operationName ?? ''}|${JSON.stringify(variables)}`;
  if (key.length > CACHED_VARIABLES_CHARS) return price();
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  let cost = known.get(key);
  if (cost === undefined) {
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, (cost = price()));
  }
  return cost;
}

/** refuses, with a 400 and code COST_LIMIT_EXCEEDED, an operation whose estimated cost is over the limit */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = costOf(schema, document, request.operationName, request.variables ?? {});
          } catch {
            // variables that do not fit their types: execution refuses them with BAD_USER_INPUT
            return;
          }
          if (cost > LIMITS.maxCost) {
            throw new GraphQLError(`the query costs ${cost}, more than the limit of ${LIMITS.maxCost}: ask for smaller pages (first) or fewer nested lists`, {
              extensions: { code: 'COST_LIMIT_EXCEEDED', cost, maxCost: LIMITS.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * A query asking for an expensive root field (EXPENSIVE_FIELDS), or filtering a list by text, reads through the SQLite read
 * pool, off the event loop, and counts against its client's cap of concurrent expensive
 * requests: one more is refused at once with RATE_LIMITED (HTTP 429, Retry-After), so a few
 * clients cannot queue the pool full for everyone else.
 */
export function expensiveRequestsPlugin(): ApolloServerPlugin<Context> {
  const running = new Map<string, number>();
  return {
    async requestDidStart({ contextValue }) {
      let counted: string | null = null;
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation !== 'query' || !asksForExpensive(operation.selectionSet, document, request.variables ?? {})) return;
          const client = contextValue.client;
          if (client !== null && client !== undefined) {
            const now = running.get(client) ?? 0;
            if (now >= LIMITS.expensivePerClient) {
              throw new GraphQLError(`this client already has ${now} expensive requests (search, filters by text, workload, gaps, overlaps, accountability) running: send the next when one has answered`, {
                extensions: { code: 'RATE_LIMITED', limit: LIMITS.expensivePerClient, http: { status: 429, headers: new HeaderMap([['retry-after', '1']]) } },
              });
            }
            running.set(client, now + 1);
            counted = client;
          }
          contextValue.sql?.offload();
        },
        async willSendResponse() {
          if (counted === null) return;
          const left = (running.get(counted) ?? 1) - 1;
          if (left > 0) running.set(counted, left);
          else running.delete(counted);
          counted = null;
        },
      };
    },
  };
}

/** a field that may scan: an expensive root field, or a list filtered by text (tasks(filter: { text: "安" })) anywhere */
function asksForExpensive(selections: SelectionSetNode, document: DocumentNode, variables: Record<string, unknown>, seen = new Set<string>()): boolean {
  for (const s of selections.selections) {
    if (s.kind === 'Field') {
      if (EXPENSIVE_FIELDS.has(s.name.value) || filtersByText(s, variables)) return true;
      if (s.selectionSet && asksForExpensive(s.selectionSet, document, variables, seen)) return true;
    }
    if (s.kind === 'InlineFragment' && asksForExpensive(s.selectionSet, document, variables, seen)) return true;
    if (s.kind === 'FragmentSpread' && !seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = document.definitions.find((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition' && d.name.value === s.name.value);
      if (fragment && asksForExpensive(fragment.selectionSet, document, variables, seen)) return true;
    }
  }
  return false;
}

function filtersByText(field: FieldNode, variables: Record<string, unknown>): boolean {
  const filter = field.arguments?.find((a) => a.name.value === 'filter')?.value;
  if (!filter) return false;
  if (filter.kind === 'Variable') {
    const value = variables[filter.name.value];
    return !!value && typeof value === 'object' && (value as { text?: unknown }).text != null;
  }
  if (filter.kind !== 'ObjectValue') return false;
  const text = filter.fields.find((f) => f.name.value === 'text')?.value;
  if (!text || text.kind === 'NullValue') return false;
  return text.kind !== 'Variable' || variables[text.name.value] != null;
}

/**
 * The execution time limit, counted from the request's arrival. A query still running at the
 * deadline is stopped: the SQL statements asked for after it are refused (src/graphql/sql.ts), and
 * the answer is one TIMEOUT error with a 400 — what had been read by then is dropped, since which
 * fields made it is an accident of timing. An operation whose deadline passed before it could
 * execute gets the same answer and runs nothing. A mutation is never cut while it writes: once it
 * has begun it runs to the end, each write committing or rolling back whole.
 *
 * Not Apollo's willResolveField: a hook on every field slows every query, and between two
 * statements the work is bounded by the cost limit.
 */
export function timeoutPlugin(limitMs: number): ApolloServerPlugin<Context> {
  const { message, extensions } = timeoutError(limitMs);
  const { http: _status, ...codes } = extensions;
  const refusal: GraphQLFormattedError = { message, extensions: codes };
  return {
    async requestDidStart({ contextValue }) {
      const deadline = Date.now() + limitMs;
      // undefined in a context made by hand (executeOperation without one): nothing to stop there
      const sql: Sql | undefined = contextValue.sql;
      return {
        async responseForOperation({ operation }) {
          if (Date.now() >= deadline) return { http: { status: 400, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: [refusal] } } };
          // no operation when the name asked for is not in the document: execution refuses that
          if (operation?.operation !== 'mutation') sql?.setDeadline(deadline, limitMs);
          return null;
        },
        async willSendResponse({ response }) {
          if (!sql?.timedOut || response.body.kind !== 'single') return;
          response.body.singleResult = { data: null, errors: [refusal], extensions: response.body.singleResult.extensions };
          response.http.status = 400;
        },
      };
    },
  };
}

/**
 * Refuses, with a 400 and BAD_USER_INPUT, text holding U+0000 anywhere in the operation or its
 * variables: no document has one, SQLite's SQL text ends at it and PostgreSQL's text cannot hold it.
 */
const nulStrings = new WeakMap<DocumentNode, StringValueNode | null>();

export function nulCharacterPlugin(): ApolloServerPlugin {
  const refuse = (what: string, extensions: Record<string, unknown>, node?: ASTNode) =>
    new GraphQLError(`${what} holds the NUL character (U+0000), which no text may contain`, { nodes: node, extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          // once per parsed document (Apollo keeps one per query text)
          let nul = nulStrings.get(document);
          if (nul === undefined) {
            nul = null;
            visit(document, {
              StringValue(node) {
                if (nul === null && node.value.includes('\u0000')) nul = node;
              },
            });
            nulStrings.set(document, nul);
          }
          if (nul) throw refuse('a string of the query', {}, nul);
          // iteratively: variables nested a million deep must not overflow the stack
          const pending: [string, unknown][] = Object.entries(request.variables ?? {}).map(([k, v]) => [`$${k}`, v]);
          while (pending.length) {
            const [path, value] = pending.pop()!;
            if (typeof value === 'string') {
              if (value.includes('\u0000')) throw refuse(path, { variable: path });
            } else if (value && typeof value === 'object') {
              for (const [k, v] of Object.entries(value)) pending.push([`${path}.${k}`, v]);
            }
          }
        },
      };
    },
  };
}

/** an operation of a kind the schema has no root type for (subscription) fails validation, rather than execution with an internal error */
export const rootTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) context.reportError(new GraphQLError(`this API has no ${node.operation} operations`, { nodes: node }));
  },
});

/** graphql-armor's depth, alias and directive limits and hidden field suggestions; its token limit is replaced by the parser's (a 400, not a 500) */
export function armor(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const protection = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { plugins: protection.plugins as unknown as ApolloServerPlugin[], validationRules: protection.validationRules };
}

// the codes a client may see with their message; anything else is masked
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'AMBIGUOUS',
  'COST_LIMIT_EXCEEDED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'TIMEOUT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'CLIENT_CLOSED_REQUEST',
]);

/**
 * While the database is away every answer that hit it says so with HTTP 503 and Retry-After
 * (a client retries later), not 200 with an internal error or 401 as if its token were bad.
 */
export function databaseOutagePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** errors of known codes pass as they are; anything else (a bug, SQL) becomes a plain internal error */
export function maskError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (PUBLIC_CODES.has(code) || process.env.NODE_ENV === 'development') return formatted;
  // the client learns nothing; the operator must
  const cause = (error as { originalError?: unknown })?.originalError ?? error;
  if (isDatabaseUnavailable(cause)) {
    return { message: 'the database cannot be reached just now; try again shortly', locations: formatted.locations, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
  }
  process.emitWarning(`internal error at ${formatted.path?.join('.') ?? 'the request'}: ${(cause as Error)?.stack ?? String(cause)}`, 'DutygraphInternalError');
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
