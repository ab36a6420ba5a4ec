// The commands of the CLI: src/cli.ts loads this module only when one runs, after its options parsed.
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { isIP, type AddressInfo } from 'node:net';
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
import { GenError, runGen } from './gen/command.js';
import { COMMAND_SPECS } from './cli-help.js';
import { GraphQLError } from 'graphql';
import { exportFile, exportFormat, type ExportFormat } from './modules/export/export.service.js';

/** what each command does, once cli.ts has parsed its options (src/cli-help.ts has its help and options) */
export const COMMANDS: Record<string, (v: Record<string, unknown>, args: string[]) => Promise<void>> = {
  async ingest(v, files) {
    if (!files.length) fail(`ingest needs at least one FILE\n\n${COMMAND_SPECS.ingest.help}`);
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
  async seed(v) {
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
  async serve(v) {
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
  async token(v, args) {
    const action = args.join(' ');
    if (action !== 'create' && action !== 'revoke') fail(`token: expected "create" or "revoke"\n\n${COMMAND_SPECS.token.help}`);
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
  async audit(v, args) {
    if (args.join(' ') !== 'verify') fail(`audit: expected "verify"\n\n${COMMAND_SPECS.audit.help}`);
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
  async export(v) {
    let format: ExportFormat;
    try {
      format = exportFormat(v.format);
    } catch (error) {
      fail(`${(error as Error).message}\n\n${COMMAND_SPECS.export.help}`);
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
  async gen(v) {
    await runGen(v, target(v)).catch((error) => (error instanceof GenError ? fail(error.message) : Promise.reject(error)));
  },
  async schema(v) {
    await emitSchema((v.out as string | undefined) ?? SCHEMA_FILE);
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

/** runs one command with its parsed options and arguments (cli.ts has dealt with help, unknown names and bad options) */
export async function runCommand(name: string, values: Record<string, unknown>, positionals: string[]): Promise<void> {
  try {
    checkSettings();
  } catch (error) {
    if (error instanceof SettingError) fail(error.message);
    throw error;
  }
  await COMMANDS[name](values, positionals);
}
