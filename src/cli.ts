// The CLI's front: usage, the choice of command, its options, errors. It loads a command's code only
// when one runs (src/cli-commands.ts), so that any --help, a mistyped command or a bad option answer at once.
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { DEFAULT_DB, DEFAULT_MAX_BYTES, SCHEMA_FILE } from './defaults.js';
import { fail } from './cli-errors.js';
import { COMMAND_SPECS } from './cli-help.js';

const USAGE = `dutygraph — who is responsible for what, from Chinese government work documents

Usage: dutygraph <command> [options]

Commands:
  ingest    read documents and add their tasks and assignments, with a report
  seed      build the database from the documents in seeds/
  serve     serve the GraphQL API (http://127.0.0.1:$PORT/graphql)
  token     token create|revoke: API tokens (viewer, editor, admin)
  audit     audit verify: check the hash chain of the audit trail
  export    write the 任务分工表 (xlsx, csv), JSON-LD or GraphML of a document, a unit or everything
  schema    write the GraphQL schema (SDL) to ${SCHEMA_FILE}
  gen       gen --scale S|M|L --seed N: build a synthetic national-scale graph

Run "dutygraph <command> --help" for a command's options.

Environment:
  DUTYGRAPH_DB        SQLite database file (default ${DEFAULT_DB})
  DATABASE_URL        postgres://… to use PostgreSQL instead of SQLite
  PORT                port to serve on (default 4000)
  DUTYGRAPH_TRACE_SQL 1 to add extensions.sqlStatements to every response
  DUTYGRAPH_MAX_INPUT_BYTES  largest document ingest reads (default ${DEFAULT_MAX_BYTES})
`;

const NAMES = Object.keys(COMMAND_SPECS);

/** the command nearest a mistyped one, when it is near enough to be what was meant */
function nearestCommand(name: string): string | null {
  const best = closest(name, NAMES);
  return distance(name, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') return void process.stdout.write(USAGE);
  if (!NAMES.includes(name)) {
    const near = nearestCommand(name);
    fail(`unknown command "${name}"${near ? `; did you mean "${near}"?` : ''}\n\n${USAGE}`);
  }
  const spec = COMMAND_SPECS[name];
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: Boolean(spec.positionals) }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${spec.help}`);
  }
  if (values.help) return void process.stdout.write(spec.help);
  const { runCommand } = await import('./cli-commands.js');
  await runCommand(name, values, positionals);
}

main(process.argv.slice(2)).catch(async (error) => {
  // a driver's error carries the SQL and the values it was given (a whole document): never print those
  const { databaseErrorMessage } = await import('./orm.js');
  process.stderr.write(`dutygraph: ${databaseErrorMessage(error) ?? (error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
