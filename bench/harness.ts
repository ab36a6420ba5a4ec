// What the benchmark (bench.ts) and the soak (soak.ts) share: the database and the queries chosen
// from it, the servers in child processes, the answers checked against the SQL baseline, and what
// /proc says about a server's CPU time and memory.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs, type ParseArgsConfig } from 'node:util';
import { SHOWN_LINK_SCORE } from '../src/modules/link/link.service.js';
import { type BenchQuery, DEEP_PAGE, NESTED_FIRST, PAGE_SIZE, SEARCH_FIRST, SEARCH_TERM, type Variant, WORKLOAD_FIRST } from './queries.js';

const require = createRequire(import.meta.url);
export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
}
export interface AutocannonRun extends Promise<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
}
export const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonRun;
const BetterSqlite = require('better-sqlite3') as new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => {
  prepare(sql: string): { all(...params: unknown[]): Record<string, any>[] };
  close(): void;
};

/** reads of the benchmark's own, on either database; `?` placeholders */
interface Reader {
  all(sql: string, params?: unknown[]): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

export const isPostgresUrl = (target: string) => /^postgres(ql)?:/.test(target);

async function openReader(target: string): Promise<Reader> {
  if (!isPostgresUrl(target)) {
    const db = new BetterSqlite(target, { readonly: true, fileMustExist: true });
    return { all: async (sql, params = []) => db.prepare(sql).all(...params), close: async () => db.close() };
  }
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: target });
  await client.connect();
  return {
    all: async (sql, params = []) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    },
    close: () => client.end(),
  };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/src/cli.js');
const SERVER = join(ROOT, 'dist/bench/server.js');
const CHAIN_MAX_NODES = 200;
const SCALES = ['S', 'M', 'L'];
/** "bench" or "soak": the script that runs, for its messages */
const PROGRAM = basename(process.argv[1] ?? 'bench', '.js');

export function fail(message: string, code = 1): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(code);
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** the command line's options, and --help; an unknown or malformed option ends the process with 2 */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(options: O) {
  try {
    return parseArgs({ options: { ...options, ...HELP } }).values;
  } catch (error) {
    return fail((error as Error).message, 2);
  }
}

export function scaleOption(value: string | undefined): string {
  if (!value || !SCALES.includes(value)) fail(`--scale: give S, M or L${value ? `, not "${value}"` : ''}`, 2);
  return value;
}

export function numberOption(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name}: "${value}" is not a number ≥ ${min}`, 2);
  return n;
}

/** --scale, --db (default: where gen puts the scale) and --out, as both scripts take them */
export function datasetOptions(parsed: { scale?: string; db?: string; out?: string }): { scale: string; db: string; out: string | null } {
  const scale = scaleOption(parsed.scale);
  return { scale, db: resolve(parsed.db ?? databasePath(scale)), out: parsed.out ? resolve(parsed.out) : null };
}

/** the servers built, the database there (generated if missing; on PostgreSQL, ANALYZEd), and the queries chosen from it, its size printed */
export async function prepareRun(scale: string, db: string): ReturnType<typeof chooseQueries> {
  requireServerBuild();
  if (isPostgresUrl(db)) {
    await ensurePostgresDatabase(scale, db);
    analyze(db);
  } else ensureDatabase(scale, db);
  const chosen = await chooseQueries(db);
  process.stdout.write(`data: ${Object.entries(chosen.data).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
  return chosen;
}

/** where --db points when it is not given */
export function databasePath(scale: string): string {
  return join(os.tmpdir(), `dutygraph-${scale}.sqlite`);
}

function requireServerBuild(): void {
  if (!existsSync(SERVER)) fail(`${SERVER} is missing: run "npm run ${PROGRAM}" (it compiles bench/ first)`);
}

function ensureDatabase(scale: string, db: string): void {
  if (existsSync(db)) return void process.stdout.write(`using ${db}\n`);
  generate(scale, ['--db', db], db);
}

function generate(scale: string, where: string[], shown: string): void {
  process.stdout.write(`generating ${shown} (dutygraph gen --scale ${scale} --seed 1) …\n`);
  const r = spawnSync(process.execPath, [CLI, 'gen', '--scale', scale, '--seed', '1', ...where], { stdio: 'inherit' });
  if (r.status !== 0) fail(`could not generate ${shown} (dutygraph gen exited with ${r.status}); give a database made by dutygraph gen`);
}

/** the PostgreSQL database of --database-url, created (on the same server) and generated when it does not exist or holds no graph */
async function ensurePostgresDatabase(scale: string, url: string): Promise<void> {
  const { Client } = require('pg') as typeof import('pg');
  const shown = url.replace(/\/\/[^@/]*@/, '//');
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') fail(`cannot connect to ${shown}: ${(error as Error).message}`);
    // no such database: made from the server's maintenance database
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const admin = new Client({ connectionString: target.toString() });
    await admin.connect();
    await admin.query(`create database "${name.replace(/"/g, '""')}"`);
    await admin.end();
    process.stdout.write(`created the database ${name}\n`);
    return generate(scale, ['--database-url', url], shown);
  }
  const { rows } = await client.query(`select to_regclass('public.assignment') is not null as "made"`);
  const made = rows[0].made && Number((await client.query('select count(*) as n from (select 1 from assignment limit 1) a')).rows[0].n) > 0;
  await client.end();
  if (made) process.stdout.write(`using ${shown}\n`);
  else generate(scale, ['--database-url', url], shown);
}

/** after a bulk load autovacuum may not have run: without statistics the planner misjudges (and a peer's big statement goes to the JIT) */
export function analyze(databaseUrl: string): void {
  execFileSync('psql', [databaseUrl, '-qc', 'analyze']);
  process.stdout.write('ran ANALYZE on the database first\n');
}

/** CPU ms so far of each PostgreSQL process on this machine, by pid: the backends serving the server under test, and the rest of a quiet server */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(pid), cpuMs(Number(pid)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * Starts counting the CPU time PostgreSQL's processes spend; the function returned gives the ms
 * spent since. Per process: one that ends meanwhile (a backend, autovacuum) takes its time with
 * it, where a plain sum would go down (and a request could seem to cost less than nothing).
 */
export function postgresCpuSince(): () => number {
  const before = postgresCpu();
  return () => {
    let spent = 0;
    for (const [pid, ms] of postgresCpu()) spent += ms - (before.get(pid) ?? 0);
    return spent;
  };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** the parameters of each query, chosen from the data so that every answer is a real, non-trivial one */
async function chooseQueries(target: string): Promise<{ queries: BenchQuery[]; data: Record<string, number> }> {
  const db = await openReader(target);
  const one = async (sql: string, params: unknown[] = []) => (await db.all(sql, params))[0];
  try {
    const count = async (table: string) => Number((await one(`select count(*) as n from ${table}`))!.n);
    const data = { documents: await count('document'), tasks: await count('task'), units: await count('unit'), assignments: await count('assignment'), links: await count('task_link') };
    // the busiest unit that is not a collective: its canonical name finds exactly it
    const unit = await one(`select u.name as name, u.jurisdiction_code as code, count(*) as n from unit u join assignment a on a.unit_id = u.row_id
                where u.kind <> 'COLLECTIVE' and u.jurisdiction_code is not null group by u.row_id order by n desc, u.row_id limit 1`);
    if (!unit) fail(`${target} has no assignments to benchmark`);
    // the first document with a page of tasks whose number names it alone
    const document = await one(`select d.doc_number as number, (select count(*) from task t where t.document_id = d.row_id) as n from document d
                where d.doc_number is not null and (select count(*) from task t where t.document_id = d.row_id) >= ${PAGE_SIZE}
                and not exists (select 1 from document x where x.doc_number = d.doc_number and x.row_id <> d.row_id) order by d.row_id limit 1`);
    if (!document) fail(`${target} has no document of ${PAGE_SIZE} tasks or more`);
    // roots of chains three levels deep (links the API follows by default), the median by size
    const roots = await chainRoots(db, 3);
    const depth = roots.length ? 3 : (await chainRoots(db, 2)).length ? 2 : 1;
    const candidates = roots.length ? roots : await chainRoots(db, depth);
    if (!candidates.length) fail(`${target} has no task links for the responsibility chain`);
    const root = candidates[Math.floor(candidates.length / 2)];
    const pages = Math.ceil(data.tasks / PAGE_SIZE);
    const deep = Math.min(DEEP_PAGE, pages);
    const lastBefore = deep > 1 ? (await one(`select row_id as id from task order by row_id limit 1 offset ?`, [(deep - 1) * PAGE_SIZE - 1]))! : null;
    const queries: BenchQuery[] = [
      { name: 'point', operationName: 'Point', variables: { name: unit.name }, note: `unit(name: "${unit.name}")` },
      { name: 'nested', operationName: 'Nested', variables: { name: unit.name, first: NESTED_FIRST }, note: `${unit.name} (${unit.n} assignments): first ${NESTED_FIRST} → task → all its units` },
      {
        name: 'document',
        operationName: 'Document',
        variables: { number: document.number, first: PAGE_SIZE },
        note: `document(number: "${document.number}") (${document.n} tasks): first ${PAGE_SIZE} tasks → assignments → units`,
      },
      {
        name: 'chain',
        operationName: 'Chain',
        variables: { taskId: b64(`Task:${root.id}`), minScore: SHOWN_LINK_SCORE, maxNodes: CHAIN_MAX_NODES },
        note: `task ${root.id}, depth 3${depth < 3 ? ` (the data has chains ${depth} level(s) deep at most)` : ''}: ${root.n} paths; median of ${candidates.length} roots`,
      },
      { name: 'search', operationName: 'Search', variables: { query: SEARCH_TERM, first: SEARCH_FIRST }, note: `search(query: "${SEARCH_TERM}", first: ${SEARCH_FIRST}) with snippets` },
      { name: 'page 1', operationName: 'Page', variables: { first: PAGE_SIZE, after: null }, note: `tasks(first: ${PAGE_SIZE})` },
      {
        name: `page ${deep}`,
        operationName: 'Page',
        variables: { first: PAGE_SIZE, after: lastBefore ? b64(`tasks:${lastBefore.id}`) : null },
        note: `tasks(first: ${PAGE_SIZE}, after: cursor of task ${lastBefore?.id ?? '-'})${deep < DEEP_PAGE ? `: the deepest page of ${data.tasks} tasks (page ${DEEP_PAGE} does not exist here)` : ''}`,
      },
      { name: 'workload', operationName: 'Workload', variables: { jurisdiction: unit.code, first: WORKLOAD_FIRST }, note: `workload(filter: { jurisdiction: "${unit.code}" }, first: ${WORKLOAD_FIRST})` },
    ];
    return { queries, data };
  } finally {
    await db.close();
  }
}

async function chainRoots(db: Reader, depth: number): Promise<{ id: number; n: number }[]> {
  const followed = (l: string) => `(${l}.score is null or ${l}.score >= ${SHOWN_LINK_SCORE})`;
  const joins = Array.from({ length: depth - 1 }, (_, i) => `join task_link l${i + 2} on l${i + 2}.implemented_id = l${i + 1}.implementer_id and ${followed(`l${i + 2}`)}`).join(' ');
  const rows = await db.all(`select l1.implemented_id as id, count(*) as n from task_link l1 ${joins} where ${followed('l1')} group by l1.implemented_id order by n, l1.implemented_id`);
  return rows.map((r) => ({ id: Number(r.id), n: Number(r.n) }));
}

export interface Running {
  child: ChildProcess;
  url: string;
}

const children = new Set<ChildProcess>();
function stopAll(): void {
  for (const c of children) c.kill('SIGTERM');
  children.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** `db`: a SQLite file, or a postgres:// URL */
function startServer(variant: Variant, db: string, traceSql: boolean, extraEnv: NodeJS.ProcessEnv = {}): Promise<Running> {
  // the load generator is many clients from one address: the per-client cap of expensive requests
  // would refuse most of them, so it is lifted unless a benchmark sets it (the noisy neighbour does)
  const env = {
    ...process.env,
    DUTYGRAPH_TRACE_SQL: traceSql ? '1' : '',
    DUTYGRAPH_NAIVE_LOADERS: '',
    DUTYGRAPH_EXPENSIVE_PER_CLIENT: process.env.DUTYGRAPH_EXPENSIVE_PER_CLIENT ?? '1000000',
    NODE_ENV: 'production',
    ...extraEnv,
  };
  const where = isPostgresUrl(db) ? ['--database-url', db] : ['--db', db];
  const child = spawn(process.execPath, [SERVER, '--variant', variant, ...where], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  return new Promise((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the ${variant} server did not start in 120 s`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort({ child, url: `http://127.0.0.1:${m[1]}/graphql` });
      }
    });
    child.once('exit', (code) => reject(new Error(`the ${variant} server exited with ${code}`)));
  });
}

/** one after another: the first API server to open a database made by an older version updates its schema */
export async function startServers<V extends Variant>(db: string, traceSql: boolean, variants: readonly V[], env: NodeJS.ProcessEnv = {}): Promise<Record<V, Running>> {
  const servers = {} as Record<V, Running>;
  for (const v of variants) servers[v] = await startServer(v, db, traceSql, env);
  return servers;
}

export async function stopServer(s: Running): Promise<void> {
  children.delete(s.child);
  if (s.child.exitCode !== null) return;
  await new Promise<void>((done) => {
    s.child.once('exit', () => done());
    s.child.kill('SIGTERM');
  });
}

export async function post(url: string, body: string): Promise<{ json: any; statements: number | null; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = await res.json();
  if (res.status !== 200 || json.errors) fail(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
  let statements = res.headers.get('x-sql-statements') === null ? null : Number(res.headers.get('x-sql-statements'));
  if (json.extensions && 'sqlStatements' in json.extensions) {
    statements = Number(json.extensions.sqlStatements);
    delete json.extensions.sqlStatements;
    if (!Object.keys(json.extensions).length) delete json.extensions;
  }
  return { json, statements, ms: performance.now() - started };
}

/** the first place two answers differ, for a loud failure */
function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} ≠ ${JSON.stringify(b)?.slice(0, 300)}`;
}

export function assertSame(q: BenchQuery, variant: Variant, got: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(got, expected)) fail(`${q.name}: the ${variant} variant does not answer what the SQL baseline answers\n  ${firstDifference(got, expected)}`);
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU time of a process so far, in ms (/proc/PID/stat fields 14 and 15) */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** a memory figure of /proc/PID/status (Linux), in MB */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}
/** resident set of a process now, in MB */
export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/** peak resident set of a process since the last reset, in MB */
export const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM');
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // older kernels: the peak then counts from the process start
  }
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** nearest rank, of sorted values */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
}

export function machine() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), memoryGb: round(os.totalmem() / 2 ** 30), node: process.version, os: `${os.type()} ${os.release()}` };
}
