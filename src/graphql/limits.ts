import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLFormattedError, GraphQLError, getNamedType, getNullableType, isLeafType, isListType, type GraphQLSchema, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE } from './relay.js';

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
  timeoutMs: Number(process.env.DUTYGRAPH_TIMEOUT_MS ?? 10_000),
  maxBodyBytes: 1024 * 1024,
};

// cost = the objects a query can return: a list multiplies its items (`first` where the field
// pages, a fixed guess for other lists); an object counts 1; a scalar costs nothing
const objectsEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  const type = getNullableType(field.type);
  const itemCost = isLeafType(getNamedType(type)) ? 0 : Math.max(1, childComplexity);
  // a connection's edges and nodes are the page its `first` already counted
  if (parent.name.endsWith('Connection')) return itemCost;
  if (field.args.some((a) => a.name === 'first')) return (typeof args.first === 'number' ? args.first : DEFAULT_PAGE) * itemCost;
  if (isListType(type)) return LIMITS.unpagedList * itemCost;
  return itemCost;
};

/** refuses, with a 400 and code COST_LIMIT_EXCEEDED, an operation whose estimated cost is over the limit */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName, estimators: [objectsEstimator] });
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
]);

/** errors of known codes pass as they are; anything else (a bug, SQL) becomes a plain internal error */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (PUBLIC_CODES.has(code) || process.env.NODE_ENV === 'development') return formatted;
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
