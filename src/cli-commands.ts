// The commands of the CLI (src/cli.ts loads this module only when one is run, not for --help).
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { isIP, type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_DB, DEFAULT_MAX_BYTES, SCHEMA_FILE } from './defaults.js';
import { fail } from './cli-errors.js';
import { createOrm, type DatabaseTarget } from './orm.js';
import { seedDatabase, seedsHash, storedSeedsHash } from './ingest/seed.js';
import { formatReport, ingestFiles, type IngestProgress, type IngestStage } from './ingest/ingest.js';
import cliProgress from 'cli-progress';
import { checkSettings, SettingError } from './env.js';
import { verifyChain } from './modules/audit-trail/audit.service.js';
import { createToken, revokeToken } from './modules/auth/auth.service.js';
import { emitSchema } from './graphql/schema.js';
import { createApolloServer } from './graphql/server.js';
import { createHttpServer } from './http.js';
import { GEN_HELP, GEN_OPTIONS, GenError, runGen } from './gen/command.js';
import { GraphQLError } from 'graphql';
import { exportFile, exportFormat, type ExportFormat } from './modules/export/export.service.js';


const DB_OPTION = `  --db PATH           SQLite database file (default: $DUTYGRAPH_DB, then ${DEFAULT_DB})`;

export const COMMANDS: Record<
  string,
  { help: string; options: Record<string, { type: 'string' | 'boolean' }>; positionals?: boolean; run: (v: Record<string, unknown>, files: string[]) => Promise<void> }
> = {
  ingest: {
    help: `Usage: dutygraph ingest FILE… [--db PATH] [--dry-run] [--json] [--jurisdiction CODE] [--max-bytes N]

Reads each document (UTF-8 with or without BOM, UTF-16, GB18030/GBK — detected — or .docx),
finds its numbered tasks and every responsibility clause, resolves each unit named, and writes
the document, its tasks and its assignments — all files in one transaction — then prints a
report per file: tasks by depth and kind, assignments by role, units matched and created
(unverified ones named), clauses it could not read (text and position), noise removed.
A document already in the database (same number, else same file name, else same text) is
replaced in place; tasks whose path is unchanged keep their IDs.

Options:
${DB_OPTION}
  --dry-run           parse, resolve and report, but write nothing
  --json              print the parsed documents as JSON: { document, tasks: [{ label, path, title,
                      kind, assignments: [{ role, mention, unit, implicit, clause }] }], report }
                      (an array when several files are given)
  --jurisdiction CODE the issuing division (GB/T 2260) when the header does not name it
  --max-bytes N       refuse files larger than N bytes (default: $DUTYGRAPH_MAX_INPUT_BYTES, then ${DEFAULT_MAX_BYTES})
  -h, --help          show this help

Exit status: 0 when every file was ingested, 1 when a file could not be read or placed at all
(the readable ones are still written), 2 for bad options.
`,
    options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, jurisdiction: { type: 'string' }, 'max-bytes': { type: 'string' } },
    positionals: true,
    async run(v, files) {
      if (!files.length) fail(`ingest needs at least one FILE\n\n${COMMANDS.ingest.help}`);
      const rawMax = (v['max-bytes'] as string | undefined) ?? process.env.DUTYGRAPH_MAX_INPUT_BYTES;
      const maxBytes = rawMax === undefined ? DEFAULT_MAX_BYTES : Number(rawMax);
      if (!Number.isInteger(maxBytes) || maxBytes <= 0) fail(`--max-bytes: "${rawMax}" is not a positive whole number of bytes`);
      const orm = await createOrm(target(v));
      const bar = progressBar();
      try {
        const result = await ingestFiles(orm, files, { dryRun: Boolean(v['dry-run']), maxBytes, jurisdiction: v.jurisdiction as string | undefined, onProgress: bar?.update });
        bar?.stop();
        if (v.json) {
          const docs = result.ingested.map((f) => ({ ...f.view, report: f.report }));
          process.stdout.write(JSON.stringify(files.length === 1 && docs.length === 1 ? docs[0] : docs, null, 2) + '\n');
        } else {
          process.stdout.write(formatReport(result));
        }
        for (const f of result.failed) process.stderr.write(`dutygraph: ${f.error}\n`);
        if (result.failed.length) process.exitCode = 1;
      } finally {
        bar?.stop();
        await orm.close();
      }
    },
  },
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
    help: `Usage: dutygraph serve [--db PATH] [--host ADDRESS] [--port N] [--seed]

Serves the GraphQL API at http://HOST:PORT/graphql; a browser opening that address gets the
bundled GraphiQL (no script from any CDN). Listens on 127.0.0.1 only unless told otherwise.

Options:
${DB_OPTION}
  --host ADDRESS      address to listen on (default: $HOST, then 127.0.0.1; 0.0.0.0 for every interface)
  --port N            port (default: $PORT, then 4000)
  --seed              first seed the database when it is missing or seeds/ changed
  -h, --help          show this help
`,
    options: { db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, seed: { type: 'boolean' } },
    async run(v) {
      const host = String(v.host ?? process.env.HOST ?? '127.0.0.1');
      if (isIP(host) === 0 && host !== 'localhost') fail(`--host: "${host}" is not an IP address (or localhost)`);
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
      server.on('error', (error: NodeJS.ErrnoException) =>
        fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; set PORT or --port` : `cannot serve on port ${port}: ${error.message}`),
      );
      server.listen(port, host, () => {
        const { address, port: bound } = server.address() as AddressInfo;
        const shown = address.includes(':') ? `[${address}]` : address;
        const base = `http://${shown}:${bound}`;
        process.stdout.write(`dutygraph serving ${t.databaseUrl ? 'PostgreSQL' : t.dbPath} at ${base}/graphql${address === '0.0.0.0' || address === '::' ? ' (every interface)' : ''}\n`);
        process.stdout.write(`the graph explorer: ${base}/explorer\n`);
      });
      const stop = () => {
        server.close();
        void apollo.stop().then(() => orm.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
  token: {
    help: `Usage: dutygraph token create --role viewer|editor|admin --name NAME [--db PATH]
       dutygraph token revoke --name NAME [--db PATH]

create prints a new API token once (only its hash is stored); send it as
"Authorization: Bearer <token>". Mutations need an editor token.
revoke makes a token unusable at once. Both are recorded in the audit trail.

Options:
  --role ROLE         viewer, editor or admin (create)
  --name NAME         who the token is for; its name appears as the actor in the audit trail
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    positionals: true,
    async run(v, args) {
      const action = args.join(' ');
      if (action !== 'create' && action !== 'revoke') fail(`token: expected "create" or "revoke"\n\n${COMMANDS.token.help}`);
      if (!v.name) fail(`token ${action}: --name is required`);
      if (action === 'create' && !v.role) fail('token create: --role is required (viewer, editor or admin)');
      const orm = await createOrm(target(v));
      try {
        if (action === 'create') process.stdout.write(`${await createToken(orm, v.name as string, v.role as string)}\n`);
        else {
          await revokeToken(orm, v.name as string);
          process.stdout.write(`token "${v.name}" revoked\n`);
        }
      } catch (error) {
        fail((error as Error).message);
      } finally {
        await orm.close();
      }
    },
  },
  audit: {
    help: `Usage: dutygraph audit verify [--db PATH]

Walks the audit trail and checks that every record follows the one before it and matches its
hash: exit 0 when the chain is intact, 1 naming the first record where it breaks.

Options:
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' } },
    positionals: true,
    async run(v, args) {
      if (args.join(' ') !== 'verify') fail(`audit: expected "verify"\n\n${COMMANDS.audit.help}`);
      const orm = await createOrm(target(v));
      try {
        const { records, broken } = await verifyChain(orm);
        if (broken) {
          process.stderr.write(`dutygraph: the audit chain breaks at record ${broken.rowId} of ${records}: ${broken.reason}\n`);
          process.exitCode = 1;
        } else process.stdout.write(`${records} audit records, chain intact\n`);
      } finally {
        await orm.close();
      }
    },
  },
  export: {
    help: `Usage: dutygraph export --format xlsx|csv|jsonld|graphml [--document NUMBER] [--unit NAME [--jurisdiction CODE]] [--db PATH] --out FILE

Writes the graph, or one document's or one unit's part of it, as a file:
  xlsx     the 任务分工表 offices use, one sheet per document: 序号, 任务, 牵头单位 and the other
           roles that occur, 完成时限, 进展, 依据 (the clauses)
  csv      the same table in one file (UTF-8 with BOM; a 文件 column first when several documents)
  jsonld   units, memberships and assignments in the W3C Organization Ontology / Popolo, with
           PROV for the clause behind each assignment
  graphml  units, tasks and documents; assignments, task links and membership as edges (Gephi, yEd)
The server offers the same files at GET /export?format=F&document=NUMBER&unit=NAME.

Options:
  --format F          xlsx, csv, jsonld or graphml
  --document NUMBER   only this document: its number 文号, its ID or its source file name
  --unit NAME         only the tasks this unit has a role in (name or alias), directly or through
                      a collective it belongs to; with --document, those of that document
  --jurisdiction CODE GB/T 2260 code choosing among units of the same alias (城区人民政府)
${DB_OPTION}
  --out FILE          where to write it
  -h, --help          show this help

Exit status: 0 when written, 1 when the document or unit is unknown or the name means several
units (the candidates are listed), 2 for bad options.
`,
    options: { db: { type: 'string' }, format: { type: 'string' }, document: { type: 'string' }, unit: { type: 'string' }, jurisdiction: { type: 'string' }, out: { type: 'string' } },
    async run(v) {
      let format: ExportFormat;
      try {
        format = exportFormat(v.format);
      } catch (error) {
        fail(`${(error as Error).message}\n\n${COMMANDS.export.help}`);
      }
      if (!v.out) fail('export: --out FILE is required');
      const t = target(v);
      if (!t.databaseUrl && !existsSync(t.dbPath!)) fail(`database ${t.dbPath} does not exist; run "dutygraph seed --db ${t.dbPath}"`);
      const orm = await createOrm(t);
      try {
        const file = await exportFile(orm, format, { document: v.document as string | undefined, unit: v.unit as string | undefined, jurisdiction: v.jurisdiction as string | undefined });
        writeFileSync(v.out as string, file.body);
        process.stdout.write(`wrote ${v.out}: ${file.documents} documents, ${file.tasks} tasks, ${file.assignments} assignments\n`);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        process.stderr.write(`dutygraph: ${error.message}\n`);
        process.exitCode = 1;
      } finally {
        await orm.close();
      }
    },
  },
  gen: {
    help: GEN_HELP,
    options: GEN_OPTIONS,
    async run(v) {
      await runGen(v, target(v)).catch((error) => (error instanceof GenError ? fail(error.message) : Promise.reject(error)));
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

// what each stage of an ingest counts
const STAGE_UNITS: Record<IngestStage, string> = { READING: 'files read', PARSING: 'documents parsed', WRITING: 'tasks written', LINKING: 'linking' };

/** a progress bar on stderr, for a person watching a terminal (not for a pipe or a log) */
function progressBar(): { update: (p: IngestProgress) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar({ format: '{bar} {percentage}% | {value}/{total} {stage}', stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  let stage: IngestStage | null = null;
  return {
    update(p) {
      if (!started) bar.start(p.total, p.done, { stage: STAGE_UNITS[p.stage] });
      else if (p.stage !== stage) bar.setTotal(p.total);
      started = true;
      stage = p.stage;
      bar.update(p.done, { stage: STAGE_UNITS[p.stage] });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** runs one command of the table with its arguments (cli.ts has dealt with help and unknown names) */
export async function runCommand(name: string, rest: string[]): Promise<void> {
  const command = COMMANDS[name];
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: Boolean(command.positionals) }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${command.help}`);
  }
  if (values.help) return void process.stdout.write(command.help);
  try {
    checkSettings();
  } catch (error) {
    if (error instanceof SettingError) fail(error.message);
    throw error;
  }
  await command.run(values, positionals);
}
