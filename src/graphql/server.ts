import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildGraphQLSchema } from './schema.js';
import { armor, costLimitPlugin, expensiveRequestsPlugin, databaseOutagePlugin, LIMITS, maskError, nulCharacterPlugin, rootTypeRule, timeoutPlugin } from './limits.js';
import type { Context } from './context.js';
import { envFlag } from '../env.js';
import { jitGateway } from './executor.js';

/** DUTYGRAPH_TRACE_SQL=1: each response carries extensions.sqlStatements */
export const traceSqlEnabled = () => envFlag('DUTYGRAPH_TRACE_SQL');

const sqlTrace: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: contextValue.sql.statements };
      },
    };
  },
};

/** introspection is on (analysts need it) unless DUTYGRAPH_INTROSPECTION=off */
export const introspectionEnabled = () => envFlag('DUTYGRAPH_INTROSPECTION');

/** timeoutMs: the execution time limit (LIMITS.timeoutMs, from DUTYGRAPH_TIMEOUT_MS, unless given) */
export async function createApolloServer(options: { traceSql?: boolean; introspection?: boolean; timeoutMs?: number } = {}): Promise<ApolloServer<Context>> {
  const traceSql = options.traceSql ?? traceSqlEnabled();
  const timeoutMs = options.timeoutMs ?? LIMITS.timeoutMs;
  if (!(timeoutMs > 0)) throw new Error(`DUTYGRAPH_TIMEOUT_MS must be a positive number of milliseconds, got "${options.timeoutMs ?? process.env.DUTYGRAPH_TIMEOUT_MS}"`);
  const schema = await buildGraphQLSchema();
  const protection = armor();
  const server = new ApolloServer<Context>({
    // the schema, and execution compiled by graphql-jit (src/graphql/executor.ts)
    gateway: jitGateway(schema),
    introspection: options.introspection ?? introspectionEnabled(),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [...protection.validationRules, rootTypeRule],
    // the explorer page is served by our HTTP layer (Sandbox online, bundled GraphiQL offline)
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ...protection.plugins,
      costLimitPlugin(schema),
      expensiveRequestsPlugin(),
      nulCharacterPlugin(),
      // before sqlTrace: a stopped query's answer is replaced, then the trace added to it
      timeoutPlugin(timeoutMs),
      databaseOutagePlugin(),
      ...(traceSql ? [sqlTrace] : []),
    ],
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return server;
}
