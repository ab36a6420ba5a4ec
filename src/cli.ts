import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_DB } from '../mikro-orm.config.js';
import { createOrm, type DatabaseTarget } from './orm.js';
import { seedDatabase, seedsHash, storedSeedsHash } from './ingest/seed.js';
import { emitSchema, SCHEMA_FILE } from './graphql/schema.js';
import { createApolloServer } from './graphql/server.js';
import { createHttpServer } from './http.js';

const USAGE = `dutygraph — who is responsible for what, from Chinese government work documents

Usage: dutygraph <command> [options]

Commands:
  seed      build the database from the documents in seeds/
  serve     serve the GraphQL API (http://localhost:$PORT/graphql)
  schema    write the GraphQL schema (SDL) to ${SCHEMA_FILE}

Run "dutygraph <command> --help" for a command's options.

Environment:
  DUTYGRAPH_DB        SQLite database file (default ${DEFAULT_DB})
  DATABASE_URL        postgres://… to use PostgreSQL instead of SQLite
  PORT                port to serve on (default 4000)
  DUTYGRAPH_TRACE_SQL 1 to add extensions.sqlStatements to every response
`;

const DB_OPTION = `  --db PATH           SQLite database file (default: $DUTYGRAPH_DB, then ${DEFAULT_DB})`;

const COMMANDS: Record<string, { help: string; options: Record<string, { type: 'string' | 'boolean' }>; run: (v: Record<string, unknown>) => Promise<void> }> = {
  seed: {
    help: `Usage: dutygraph seed [--db PATH]

Builds the graph from seeds/*.txt in one transaction. Running it again gives the same
graph: unchanged documents are skipped, changed ones replaced.

Options:
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' } },
    async run(v) {
      const orm = await createOrm(target(v));
      try {
        const reports = await seedDatabase(orm);
        for (const r of reports) {
          process.stdout.write(`${r.status.padEnd(9)} ${r.sourceFile}: ${r.tasks} tasks, ${r.assignments} assignments, ${r.unitsCreated.length} units created\n`);
        }
      } finally {
        await orm.close();
      }
    },
  },
  serve: {
    help: `Usage: dutygraph serve [--db PATH] [--port N] [--seed]

Serves the GraphQL API at http://localhost:PORT/graphql; a browser opening that address
gets Apollo Sandbox when online and a bundled GraphiQL when not (?explorer=offline).

Options:
${DB_OPTION}
  --port N            port (default: $PORT, then 4000)
  --seed              first seed the database when it is missing or seeds/ changed
  -h, --help          show this help
`,
    options: { db: { type: 'string' }, port: { type: 'string' }, seed: { type: 'boolean' } },
    async run(v) {
      const port = Number(v.port ?? process.env.PORT ?? 4000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: "${v.port ?? process.env.PORT}" is not a port number`);
      const t = target(v);
      if (!v.seed && !t.databaseUrl && !existsSync(t.dbPath!)) fail(`database ${t.dbPath} does not exist; run "dutygraph seed --db ${t.dbPath}" or pass --seed`);
      const orm = await createOrm(t);
      if (v.seed && (await storedSeedsHash(orm)) !== (await seedsHash())) {
        process.stdout.write('seeding the database from seeds/ …\n');
        await seedDatabase(orm);
      }
      const apollo = await createApolloServer();
      const server = createHttpServer(apollo, orm);
      server.listen(port, () => process.stdout.write(`dutygraph serving ${t.databaseUrl ? 'PostgreSQL' : t.dbPath} at http://localhost:${port}/graphql\n`));
      const stop = () => {
        server.close();
        void apollo.stop().then(() => orm.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
  schema: {
    help: `Usage: dutygraph schema [--out FILE]

Writes the GraphQL schema, sorted, as SDL (default ${SCHEMA_FILE}).

Options:
  --out FILE          where to write it
  -h, --help          show this help
`,
    options: { out: { type: 'string' } },
    async run(v) {
      await emitSchema((v.out as string | undefined) ?? SCHEMA_FILE);
    },
  },
};

function target(v: Record<string, unknown>): DatabaseTarget {
  if (process.env.DATABASE_URL && !v.db) return { databaseUrl: process.env.DATABASE_URL };
  return { dbPath: (v.db as string | undefined) ?? process.env.DUTYGRAPH_DB ?? DEFAULT_DB };
}

function fail(message: string): never {
  process.stderr.write(`dutygraph: ${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') return void process.stdout.write(USAGE);
  const command = COMMANDS[name];
  if (!command) fail(`unknown command "${name}"\n\n${USAGE}`);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${command.help}`);
  }
  if (values.help) return void process.stdout.write(command.help);
  await command.run(values);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`dutygraph: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
