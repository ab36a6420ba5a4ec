import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildGraphQLSchema } from './schema.js';
import type { Context } from './context.js';

/** DUTYGRAPH_TRACE_SQL=1: each response carries extensions.sqlStatements */
export function traceSqlEnabled(): boolean {
  return ['1', 'true', 'yes'].includes(String(process.env.DUTYGRAPH_TRACE_SQL ?? '').toLowerCase());
}

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

export async function createApolloServer(options: { traceSql?: boolean } = {}): Promise<ApolloServer<Context>> {
  const traceSql = options.traceSql ?? traceSqlEnabled();
  const server = new ApolloServer<Context>({
    schema: await buildGraphQLSchema(),
    introspection: true,
    // the explorer page is served by our HTTP layer (Sandbox online, bundled GraphiQL offline)
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), ...(traceSql ? [sqlTrace] : [])],
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return server;
}
