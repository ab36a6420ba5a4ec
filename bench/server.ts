// One server under test, in a process of its own so that its memory can be read:
//   node dist/bench/server.js --variant api|naive|sql --db PATH, or --variant api|naive|sql|postgraphile --database-url URL
// prints "listening PORT" once it accepts requests; the benchmark ends it with SIGTERM.
import { parseArgs } from 'node:util';
import type { Server } from 'node:http';
import { createBaselineServer } from './baseline.js';
import { createPostgraphileServer } from './postgraphile.js';
import { type Variant, VARIANTS } from './queries.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { variant: { type: 'string' }, db: { type: 'string' }, 'database-url': { type: 'string' } } });
  const variant = values.variant as Variant;
  const databaseUrl = values['database-url'];
  if (!VARIANTS.includes(variant) || !(databaseUrl || (values.db && variant !== 'postgraphile'))) {
    process.stderr.write('usage: server.js --variant api|naive|sql --db PATH, or --variant api|naive|sql|postgraphile --database-url URL\n');
    process.exit(2);
  }
  let server: Server;
  if (variant === 'sql') {
    server = createBaselineServer(databaseUrl ?? values.db!);
  } else if (variant === 'postgraphile') {
    server = createPostgraphileServer(databaseUrl!);
  } else {
    // the naive variant is the same schema and resolvers with loaders that do not batch (src/graphql/context.ts)
    if (variant === 'naive') process.env.DUTYGRAPH_NAIVE_LOADERS = '1';
    const { createOrm } = await import('../src/orm.js');
    const { createApolloServer } = await import('../src/graphql/server.js');
    const { createHttpServer } = await import('../src/http.js');
    const orm = await createOrm(databaseUrl ? { databaseUrl } : { dbPath: values.db });
    const apollo = await createApolloServer();
    server = createHttpServer(apollo, orm);
  }
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : address}\n`);
  });
}

void main();
