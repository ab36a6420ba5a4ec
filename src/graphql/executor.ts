import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, execute, type ExecutionResult, getVariableValues, GraphQLError, type GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Queries run a second time are compiled by graphql-jit into one function for the whole selection:
 * at M the nested benchmark query costs 1.1 ms of CPU that way against 1.95 ms through graphql-js's
 * execute, which walks the selection and calls a resolver for every field of every row. A query's
 * first run goes through graphql-js, so one-off queries (a hostile client's endless variations) are
 * never paid a compilation for. Apollo keeps one parsed document per query text and validates it
 * before this runs; mutations always go through graphql-js (they run rarely and in order).
 *
 * Plugged in through Apollo Server's gateway interface, the one way it offers to replace execution.
 */
export function jitGateway(schema: GraphQLSchema, compileAfter = jitCompileAfter()): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return { executor: jitExecutor(schema, compileAfter) };
    },
    async stop() {},
  };
}

/** DUTYGRAPH_JIT_AFTER: runs of a query before it is compiled (default 1; 0 compiles at once, as the tests do; "off" never) */
export function jitCompileAfter(): number {
  const raw = (process.env.DUTYGRAPH_JIT_AFTER ?? '').trim();
  if (!raw) return 1;
  if (raw === 'off') return Infinity;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`DUTYGRAPH_JIT_AFTER must be a whole number of runs or "off", got "${raw}"`);
  return n;
}

type Plan = { runs: number } | { compiled: CompiledQuery } | { uncompilable: true };

/** the executor; `compiled` counts the operations it has compiled */
export function jitExecutor(schema: GraphQLSchema, compileAfter: number): GatewayExecutor & { compiled: number } {
  // by document object: Apollo's document cache decides how many are kept
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  const executor = async ({ document, operation, request, context }: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> => {
    // the name the client asked for (the context's operationName is the resolved operation's, null when none was)
    const operationName = request.operationName;
    const variables = request.variables ?? {};
    const slow = () => execute({ schema, document, operationName, variableValues: variables, contextValue: context }) as Promise<ExecutionResult>;
    // no operation: the name asked for is not in the document, which graphql-js answers as Apollo expects
    if (operation?.operation !== 'query') return slow();
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let plan = byName.get(key) ?? { runs: 0 };
    if ('runs' in plan) {
      if (plan.runs < compileAfter) {
        byName.set(key, { runs: plan.runs + 1 });
        return slow();
      }
      const compiled = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      plan = isCompiledQuery(compiled) ? { compiled } : { uncompilable: true };
      byName.set(key, plan);
      if ('compiled' in plan) run.compiled++;
    }
    if (!('compiled' in plan)) return slow();
    // graphql-js's coercion first: its messages are the ones Apollo recognises and answers with BAD_USER_INPUT
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const result = await plan.compiled.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  const run = Object.assign(executor, { compiled: 0 });
  return run;
}

// graphql-jit's errors have a read-only message, which plugins that reword errors (graphql-armor's
// hidden field suggestions) must be able to change
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
  (error as { locations?: GraphQLError['locations'] }).locations = e.locations;
  return error;
}
