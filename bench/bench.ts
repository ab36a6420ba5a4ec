// npm run bench -- --scale S|M|L [--out FILE] [--db PATH] [--duration SECONDS]
//
// On one database and one HTTP stack, for each query: (a) the API, (b) a hand-written SQL
// baseline returning the same JSON, (c) the API with loaders that do not batch. (a) and (c) must
// answer exactly what (b) answers; then each runs under autocannon at 10 connections, the server
// in a child process whose peak RSS is read from /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { SHOWN_LINK_SCORE } from '../src/modules/link/link.service.js';
import { type BenchQuery, DEEP_PAGE, NESTED_FIRST, PAGE_SIZE, requestBody, SEARCH_FIRST, SEARCH_TERM, type Variant, VARIANTS, WORKLOAD_FIRST } from './queries.js';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
}
interface Statement {
  get(...params: unknown[]): Record<string, any> | undefined;
  all(...params: unknown[]): Record<string, any>[];
}
const BetterSqlite = require('better-sqlite3') as new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => { prepare(sql: string): Statement; close(): void };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/src/cli.js');
const SERVER = join(ROOT, 'dist/bench/server.js');
const CHAIN_MAX_NODES = 200;
const SCALES = ['S', 'M', 'L'];
/** a/b in requests per second, from the issue */
const AB_TARGETS: Record<string, number> = { point: 0.5, nested: 0.4, chain: 0.5, search: 0.7 };
const AC_NESTED_TARGET: Record<string, number> = { M: 4, L: 8 };

interface Ratios {
  apiOverSql: number;
  apiOverNaive: number;
  cpuApiOverSql: number;
  cpuApiOverNaive: number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  sqlPerRequest: number;
  rssMb: number;
  /** CPU time (user + system) of the server process per request: what the load of other processes on the machine disturbs least */
  cpuMsPerRequest: number;
}

function fail(message: string, code = 1): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        scale: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        duration: { type: 'string', default: '5' },
        warmup: { type: 'string', default: '1' },
        rounds: { type: 'string', default: '3' },
        connections: { type: 'string', default: '10' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message, 2);
  }
  if (parsed.help) {
    process.stdout.write(`Usage: npm run bench -- --scale S|M|L [--out FILE] [--db PATH] [--duration S] [--warmup S] [--rounds N] [--connections N]

  --scale S|M|L     the generated dataset (dutygraph gen --scale … --seed 1), made when --db does not exist
  --db PATH         the SQLite file (default: ${join(os.tmpdir(), 'dutygraph-<scale>.sqlite')})
  --out FILE        also write the results as JSON
  --duration S      seconds measured per query and variant (default 5), after --warmup S (default 1)
  --rounds N        the measured time is cut into N rounds, the variants taking turns (default 3),
                    so that a change in the machine's load falls on all three alike
  --connections N   concurrent connections of the load generator (default 10)
`);
    process.exit(0);
  }
  if (!parsed.scale || !SCALES.includes(parsed.scale)) fail(`--scale: give S, M or L${parsed.scale ? `, not "${parsed.scale}"` : ''}`, 2);
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) fail(`--${name}: "${value}" is not a number ≥ ${min}`, 2);
    return n;
  };
  return {
    scale: parsed.scale,
    db: resolve(parsed.db ?? join(os.tmpdir(), `dutygraph-${parsed.scale}.sqlite`)),
    out: parsed.out ? resolve(parsed.out) : null,
    duration: number('duration', parsed.duration!, 1),
    warmup: number('warmup', parsed.warmup!, 0),
    rounds: Math.round(number('rounds', parsed.rounds!, 1)),
    connections: number('connections', parsed.connections!, 1),
  };
}

function ensureDatabase(scale: string, db: string): void {
  if (existsSync(db)) return void process.stdout.write(`using ${db}\n`);
  process.stdout.write(`generating ${db} (dutygraph gen --scale ${scale} --seed 1) …\n`);
  const r = spawnSync(process.execPath, [CLI, 'gen', '--scale', scale, '--seed', '1', '--db', db], { stdio: 'inherit' });
  if (r.status !== 0) fail(`could not generate ${db} (dutygraph gen exited with ${r.status}); pass --db with an existing database`);
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** the parameters of each query, chosen from the data so that every answer is a real, non-trivial one */
function chooseQueries(dbPath: string): { queries: BenchQuery[]; data: Record<string, number> } {
  const db = new BetterSqlite(dbPath, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => Number(db.prepare(`select count(*) as n from ${table}`).get()!.n);
    const data = { documents: count('document'), tasks: count('task'), units: count('unit'), assignments: count('assignment'), links: count('task_link') };
    // the busiest unit that is not a collective: its canonical name finds exactly it
    const unit = db
      .prepare(`select u.name as name, u.jurisdiction_code as code, count(*) as n from unit u join assignment a on a.unit_id = u.row_id
                where u.kind <> 'COLLECTIVE' and u.jurisdiction_code is not null group by u.row_id order by n desc, u.row_id limit 1`)
      .get();
    if (!unit) fail(`${dbPath} has no assignments to benchmark`);
    // roots of chains three levels deep (links the API follows by default), the median by size
    const roots = chainRoots(db, 3);
    const depth = roots.length ? 3 : chainRoots(db, 2).length ? 2 : 1;
    const candidates = roots.length ? roots : chainRoots(db, depth);
    if (!candidates.length) fail(`${dbPath} has no task links for the responsibility chain`);
    const root = candidates[Math.floor(candidates.length / 2)];
    const pages = Math.ceil(data.tasks / PAGE_SIZE);
    const deep = Math.min(DEEP_PAGE, pages);
    const lastBefore = deep > 1 ? db.prepare(`select row_id as id from task order by row_id limit 1 offset ?`).get((deep - 1) * PAGE_SIZE - 1)! : null;
    const queries: BenchQuery[] = [
      { name: 'point', operationName: 'Point', variables: { name: unit.name }, note: `unit(name: "${unit.name}")` },
      { name: 'nested', operationName: 'Nested', variables: { name: unit.name, first: NESTED_FIRST }, note: `${unit.name} (${unit.n} assignments): first ${NESTED_FIRST} → task → all its units` },
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
        variables: { first: PAGE_SIZE, after: lastBefore ? b64(`c:${lastBefore.id}`) : null },
        note: `tasks(first: ${PAGE_SIZE}, after: cursor of task ${lastBefore?.id ?? '-'})${deep < DEEP_PAGE ? `: the deepest page of ${data.tasks} tasks (page ${DEEP_PAGE} does not exist here)` : ''}`,
      },
      { name: 'workload', operationName: 'Workload', variables: { jurisdiction: unit.code, first: WORKLOAD_FIRST }, note: `workload(filter: { jurisdiction: "${unit.code}" }, first: ${WORKLOAD_FIRST})` },
    ];
    return { queries, data };
  } finally {
    db.close();
  }
}

function chainRoots(db: { prepare(sql: string): Statement }, depth: number): { id: number; n: number }[] {
  const followed = (l: string) => `(${l}.score is null or ${l}.score >= ${SHOWN_LINK_SCORE})`;
  const joins = Array.from({ length: depth - 1 }, (_, i) => `join task_link l${i + 2} on l${i + 2}.implemented_id = l${i + 1}.implementer_id and ${followed(`l${i + 2}`)}`).join(' ');
  return db
    .prepare(`select l1.implemented_id as id, count(*) as n from task_link l1 ${joins} where ${followed('l1')} group by l1.implemented_id order by n, l1.implemented_id`)
    .all()
    .map((r) => ({ id: Number(r.id), n: Number(r.n) }));
}

interface Running {
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

function startServer(variant: Variant, db: string, traceSql: boolean): Promise<Running> {
  const env = { ...process.env, DUTYGRAPH_TRACE_SQL: traceSql ? '1' : '', DUTYGRAPH_NAIVE_LOADERS: '', NODE_ENV: 'production' };
  const child = spawn(process.execPath, [SERVER, '--variant', variant, '--db', db], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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
async function startServers(db: string, traceSql: boolean): Promise<Record<Variant, Running>> {
  const servers = {} as Record<Variant, Running>;
  for (const v of VARIANTS) servers[v] = await startServer(v, db, traceSql);
  return servers;
}

async function stopServer(s: Running): Promise<void> {
  children.delete(s.child);
  if (s.child.exitCode !== null) return;
  await new Promise<void>((done) => {
    s.child.once('exit', () => done());
    s.child.kill('SIGTERM');
  });
}

async function post(url: string, body: string): Promise<{ json: any; statements: number | null; ms: number }> {
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

function assertSame(q: BenchQuery, variant: Variant, got: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(got, expected)) fail(`${q.name}: the ${variant} variant does not answer what the SQL baseline answers\n  ${firstDifference(got, expected)}`);
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU time of a process so far, in ms (/proc/PID/stat fields 14 and 15) */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** peak resident set of a process since the last reset (Linux), in MB */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // older kernels: the peak then counts from the process start
  }
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** nearest rank, of sorted values */
function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
}

async function main(): Promise<void> {
  const o = options();
  const loadBefore = os.loadavg()[0];
  if (!existsSync(SERVER)) fail(`${SERVER} is missing: run "npm run bench" (it compiles bench/ first)`);
  ensureDatabase(o.scale, o.db);
  const { queries, data } = chooseQueries(o.db);
  process.stdout.write(`data: ${Object.entries(data).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);

  // 1. every variant answers the same; statements per request from the servers' own counts
  const statements = new Map<string, Record<Variant, number>>();
  const expected = new Map<string, unknown>();
  // one request alone, the slowest variant, in ms: a query this slow gets longer rounds
  const slowest = new Map<string, number>();
  {
    const servers = await startServers(o.db, true);
    for (const q of queries) {
      const body = requestBody(q);
      const answers = {} as Record<Variant, { json: any; statements: number | null; ms: number }>;
      for (const v of VARIANTS) {
        await post(servers[v].url, body);
        answers[v] = await post(servers[v].url, body);
      }
      const baseline = answers.sql.json;
      const field = Object.keys(baseline.data)[0];
      if (baseline.data[field] === null) fail(`${q.name}: the chosen parameters find nothing (${q.note})`);
      for (const v of ['api', 'naive'] as const) assertSame(q, v, answers[v].json, baseline);
      expected.set(q.name, baseline);
      statements.set(q.name, { api: answers.api.statements!, sql: answers.sql.statements!, naive: answers.naive.statements! });
      slowest.set(q.name, Math.max(...VARIANTS.map((v) => answers[v].ms)));
      process.stdout.write(`same answer: ${q.name} (${JSON.stringify(baseline).length} bytes; ${q.note})\n`);
    }
    await Promise.all(Object.values(servers).map(stopServer));
  }

  // 2. load, the variants of each query one after another, on servers without the statement count
  const servers = await startServers(o.db, false);
  const results: { name: string; note: string; variants: Record<Variant, Measured>; ratios: Ratios }[] = [];
  for (const q of queries) {
    const body = requestBody(q);
    const load = { method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: o.connections, timeout: 120 };
    // with 10 requests in flight on a server that runs one at a time, a request waits ~10 times its own
    // time: a round must be long enough for several to complete
    const needed = (2 * o.connections * slowest.get(q.name)!) / 1000;
    const [rounds, seconds] = needed > o.duration / o.rounds ? [1, Math.max(o.duration, Math.ceil(needed))] : [o.rounds, o.duration / o.rounds];
    const runs = {} as Record<Variant, { requests: number; seconds: number; cpuMs: number; latencies: number[] }>;
    for (const v of VARIANTS) {
      const s = servers[v];
      assertSame(q, v, (await post(s.url, body)).json, expected.get(q.name));
      resetPeakRss(s.child.pid!);
      if (o.warmup > 0) await autocannon({ ...load, url: s.url, duration: o.warmup });
      runs[v] = { requests: 0, seconds: 0, cpuMs: 0, latencies: [] };
    }
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < VARIANTS.length; i++) {
        const v = VARIANTS[(i + round) % VARIANTS.length];
        const cpuBefore = cpuMs(servers[v].child.pid!);
        const run = autocannon({ ...load, url: servers[v].url, duration: seconds });
        run.on('response', (_client, _status, _bytes, ms) => runs[v].latencies.push(ms));
        const r = await run;
        runs[v].cpuMs += cpuMs(servers[v].child.pid!) - cpuBefore;
        if (r.errors || r.timeouts || r.non2xx) fail(`${q.name}/${v}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses under load`);
        runs[v].requests += r.requests.total;
        runs[v].seconds += r.duration;
      }
    }
    const variants = {} as Record<Variant, Measured>;
    for (const v of VARIANTS) {
      const { requests, seconds, cpuMs: cpu, latencies } = runs[v];
      if (!requests) fail(`${q.name}/${v}: no request completed in ${seconds} s`);
      latencies.sort((a, b) => a - b);
      variants[v] = {
        rps: round(requests / seconds),
        p50: round(percentile(latencies, 0.5), 2),
        p99: round(percentile(latencies, 0.99), 2),
        sqlPerRequest: statements.get(q.name)![v],
        rssMb: peakRssMb(servers[v].child.pid!),
        cpuMsPerRequest: round(cpu / requests, 3),
      };
    }
    process.stdout.write(`  ${q.name}: ${VARIANTS.map((v) => `${v} ${variants[v].rps} req/s`).join(', ')}\n`);
    results.push({
      name: q.name,
      note: rounds === o.rounds ? q.note : `${q.note}; one request alone takes up to ${Math.round(slowest.get(q.name)!)} ms, so one round of ${seconds} s per variant`,
      variants,
      ratios: {
        apiOverSql: round(variants.api.rps / variants.sql.rps, 3),
        apiOverNaive: round(variants.api.rps / variants.naive.rps, 2),
        // the same ratios from CPU per request: what the rps ratios are when each server has a core to itself
        cpuApiOverSql: round(variants.sql.cpuMsPerRequest / variants.api.cpuMsPerRequest, 3),
        cpuApiOverNaive: round(variants.naive.cpuMsPerRequest / variants.api.cpuMsPerRequest, 2),
      },
    });
  }
  await Promise.all(Object.values(servers).map(stopServer));

  const targets = [
    ...Object.entries(AB_TARGETS).map(([name, target]) => {
      const r = results.find((x) => x.name === name)!.ratios;
      return { query: name, ratio: 'a/b', target, value: r.apiOverSql, cpuValue: r.cpuApiOverSql };
    }),
    ...(AC_NESTED_TARGET[o.scale] ? [{ query: 'nested', ratio: 'a/c', target: AC_NESTED_TARGET[o.scale], value: results.find((r) => r.name === 'nested')!.ratios.apiOverNaive, cpuValue: results.find((r) => r.name === 'nested')!.ratios.cpuApiOverNaive }] : []),
  ].map((t) => ({ ...t, met: t.value >= t.target }));

  printTable(o.scale, results);
  for (const t of targets) {
    process.stdout.write(`target ${t.query} ${t.ratio} ≥ ${t.target}: ${t.value} ${t.met ? 'met' : `MISSED by ${round(t.target - t.value, 3)}`} (from CPU per request: ${t.cpuValue})\n`);
  }

  if (o.out) {
    const report = {
      scale: o.scale,
      // the 1-minute load average of the machine before and after: other processes share its cores
      machine: { ...machine(), loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) } },
      database: o.db,
      settings: { connections: o.connections, durationS: o.duration, warmupS: o.warmup, rounds: o.rounds, loadGenerator: 'autocannon 8, in the benchmark process; each server in a child process' },
      data,
      queries: results,
      targets,
    };
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${o.out}\n`);
  }
}

function machine() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), memoryGb: round(os.totalmem() / 2 ** 30), node: process.version, os: `${os.type()} ${os.release()}` };
}

function printTable(scale: string, results: { name: string; variants: Record<Variant, Measured>; ratios: Ratios }[]): void {
  const header = ['query', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'RSS MB', 'CPU ms/req', 'a/b', 'a/c', 'a/b CPU', 'a/c CPU'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const v of VARIANTS) {
      const m = r.variants[v];
      const api = v === 'api';
      rows.push([api ? r.name : '', v, String(m.rps), String(m.p50), String(m.p99), String(m.sqlPerRequest), String(m.rssMb), String(m.cpuMsPerRequest),
        ...(api ? [r.ratios.apiOverSql, r.ratios.apiOverNaive, r.ratios.cpuApiOverSql, r.ratios.cpuApiOverNaive].map(String) : ['', '', '', ''])]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  process.stdout.write(`\nscale ${scale}: (a) api, (b) sql, (c) naive\n${line(header)}\n|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|\n${rows.map(line).join('\n')}\n\n`);
}

main().catch((error) => fail(String(error?.stack ?? error)));
