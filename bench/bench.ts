// npm run bench -- --scale S|M|L [--out FILE] [--db PATH | --database-url URL] [--duration SECONDS]
//
// On one database, for each query: (a) the API, (b) a hand-written SQL baseline returning the same
// JSON, and on SQLite (c) the API with loaders that do not batch, on PostgreSQL (d) PostGraphile.
// Every variant must answer exactly what (b) answers; then each runs under autocannon at 10
// connections, the variants taking turns, each server in a child process whose CPU time and peak
// RSS are read from /proc — on PostgreSQL with the CPU time of the database's processes beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { assertSame, autocannon, cpuMs, databasePath, datasetOptions, fail, isPostgresUrl, machine, numberOption, peakRssMb, percentile, post, postgresCpuSince, resetPeakRss, round, startServers, stopServer, parseOptions, prepareRun } from './harness.js';
import { ensurePostgraphile, postgraphileAnswer, postgraphileBody } from './postgraphile.js';
import { type BenchQuery, POSTGRES_VARIANTS, requestBody, SQLITE_VARIANTS, type Variant } from './queries.js';

/** a/b in requests per second on SQLite, from the issues */
const AB_TARGETS: Record<string, number> = { point: 0.5, document: 0.5, nested: 0.4, chain: 0.5, search: 0.7 };
const AC_NESTED_TARGET: Record<string, number> = { M: 4, L: 8 };
/** a/d on PostgreSQL: at least PostGraphile's requests per second, at most its CPU per request */
const AD_TARGET = 1;
/** what PostgreSQL does not run here: search has its own benchmark there (bench:search) */
const NOT_ON_POSTGRES = ['Search'];

/** the API's throughput over another variant's, in requests per second and from CPU per request (API + database) */
type Ratios = Partial<Record<'apiOverSql' | 'apiOverNaive' | 'apiOverPostgraphile' | 'cpuApiOverSql' | 'cpuApiOverNaive' | 'cpuApiOverPostgraphile', number>>;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  sqlPerRequest: number;
  rssMb: number;
  /** CPU time (user + system) of the server process per request: what the load of other processes on the machine disturbs least */
  cpuMsPerRequest: number;
  /** on PostgreSQL: CPU time of the database's processes per request, and the two together */
  dbCpuMsPerRequest?: number;
  totalCpuMsPerRequest?: number;
  /** requests that failed under load (connection errors, timeouts, non-2xx), and the first error seen */
  failed: number;
  firstError?: string;
}

function options() {
  const parsed = parseOptions({
    scale: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
  });
  if (parsed.help) {
    process.stdout.write(`Usage: npm run bench -- --scale S|M|L [--out FILE] [--db PATH | --database-url URL] [--duration S] [--warmup S] [--rounds N] [--connections N]

  --scale S|M|L     the generated dataset (dutygraph gen --scale … --seed 1), made when --db does not exist
  --db PATH         the SQLite file (default: ${databasePath('<scale>')}); variants: api, sql, naive
  --database-url U  a PostgreSQL database made by dutygraph gen --database-url (ANALYZE is run first);
                    variants: api, sql (hand-written, on pg), postgraphile (PostGraphile 4.14.1)
  --out FILE        also write the results as JSON
  --duration S      seconds measured per query and variant (default 5), after --warmup S (default 1)
  --rounds N        the measured time is cut into N rounds, the variants taking turns (default 3),
                    so that a change in the machine's load falls on all three alike
  --connections N   concurrent connections of the load generator (default 10)
`);
    process.exit(0);
  }
  const dataset = datasetOptions(parsed);
  const url = parsed['database-url'];
  if (url && !isPostgresUrl(url)) fail(`--database-url: "${url}" is not a postgres:// URL`, 2);
  if (url && parsed.db) fail('give --db or --database-url, not both', 2);
  return {
    ...dataset,
    db: url ?? dataset.db,
    postgres: !!url,
    duration: numberOption('duration', parsed.duration!, 1),
    warmup: numberOption('warmup', parsed.warmup!, 0),
    rounds: Math.round(numberOption('rounds', parsed.rounds!, 1)),
    connections: numberOption('connections', parsed.connections!, 1),
  };
}

async function main(): Promise<void> {
  const o = options();
  if (o.postgres && !ensurePostgraphile()) fail('could not install PostGraphile into bench/peers (npm ci failed; see above)');
  const loadBefore = os.loadavg()[0];
  const prepared = await prepareRun(o.scale, o.db);
  const { data } = prepared;
  const queries = o.postgres ? prepared.queries.filter((q) => !NOT_ON_POSTGRES.includes(q.operationName)) : prepared.queries;
  const allVariants: readonly Variant[] = o.postgres ? POSTGRES_VARIANTS : SQLITE_VARIANTS;
  // what each variant is sent: PostGraphile its own query, where it has one
  const bodyOf = (q: BenchQuery, v: Variant) => (v === 'postgraphile' ? postgraphileBody(q.operationName, q.variables) : requestBody(q));
  const variantsOf = (q: BenchQuery) => allVariants.filter((v) => bodyOf(q, v) !== null);
  const answerOf = (q: BenchQuery, v: Variant, json: any) => (v === 'postgraphile' ? postgraphileAnswer(q.operationName, json) : json);

  // 1. every variant answers the same; statements per request from the servers' own counts (PostGraphile's: one, as it says)
  const statements = new Map<string, Partial<Record<Variant, number | null>>>();
  const expected = new Map<string, unknown>();
  // one request alone, the slowest variant, in ms: a query this slow gets longer rounds
  const slowest = new Map<string, number>();
  {
    const servers = await startServers(o.db, true, allVariants);
    for (const q of queries) {
      const answers: Partial<Record<Variant, { json: any; statements: number | null; ms: number }>> = {};
      for (const v of variantsOf(q)) {
        await post(servers[v].url, bodyOf(q, v)!);
        answers[v] = await post(servers[v].url, bodyOf(q, v)!);
      }
      const baseline = answers.sql!.json;
      const field = Object.keys(baseline.data)[0];
      if (baseline.data[field] === null) fail(`${q.name}: the chosen parameters find nothing (${q.note})`);
      for (const v of variantsOf(q)) if (v !== 'sql') assertSame(q, v, answerOf(q, v, answers[v]!.json), baseline);
      expected.set(q.name, baseline);
      statements.set(q.name, Object.fromEntries(variantsOf(q).map((v) => [v, answers[v]!.statements])));
      slowest.set(q.name, Math.max(...variantsOf(q).map((v) => answers[v]!.ms)));
      process.stdout.write(`same answer: ${q.name} (${JSON.stringify(baseline).length} bytes; ${variantsOf(q).join(', ')}; ${q.note})\n`);
    }
    await Promise.all(Object.values(servers).map(stopServer));
  }

  // 2. load, the variants of each query taking turns, on servers without the statement count
  const servers = await startServers(o.db, false, allVariants);
  const results: { name: string; note: string; variants: Partial<Record<Variant, Measured>>; ratios: Ratios }[] = [];
  for (const q of queries) {
    const variants = variantsOf(q);
    const load = { method: 'POST', headers: { 'content-type': 'application/json' }, connections: o.connections, timeout: 120 };
    // with 10 requests in flight on a server that runs one at a time, a request waits ~10 times its own
    // time: a round must be long enough for several to complete
    const needed = (2 * o.connections * slowest.get(q.name)!) / 1000;
    const [rounds, seconds] = needed > o.duration / o.rounds ? [1, Math.max(o.duration, Math.ceil(needed))] : [o.rounds, o.duration / o.rounds];
    const runs = {} as Record<Variant, { requests: number; seconds: number; cpuMs: number; dbCpuMs: number; latencies: number[]; failed: number; firstError?: string }>;
    for (const v of variants) {
      const s = servers[v];
      assertSame(q, v, answerOf(q, v, (await post(s.url, bodyOf(q, v)!)).json), expected.get(q.name));
      resetPeakRss(s.child.pid!);
      if (o.warmup > 0) await autocannon({ ...load, body: bodyOf(q, v), url: s.url, duration: o.warmup });
      runs[v] = { requests: 0, seconds: 0, cpuMs: 0, dbCpuMs: 0, latencies: [], failed: 0 };
    }
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(i + round) % variants.length];
        const cpuBefore = cpuMs(servers[v].child.pid!);
        const dbCpu = o.postgres ? postgresCpuSince() : null;
        const run = autocannon({ ...load, body: bodyOf(q, v), url: servers[v].url, duration: seconds });
        run.on('response', (_client, status, _bytes, ms) => {
          runs[v].latencies.push(ms);
          if (status >= 300) runs[v].firstError ??= `HTTP ${status}`;
        });
        run.on('reqError', (error) => (runs[v].firstError ??= error.message));
        const r = await run;
        runs[v].cpuMs += cpuMs(servers[v].child.pid!) - cpuBefore;
        if (dbCpu) runs[v].dbCpuMs += dbCpu();
        // a variant that fails under load is reported (the table marks it), not dropped with the whole run
        runs[v].failed += r.errors + r.timeouts + r.non2xx;
        runs[v].requests += r.requests.total;
        runs[v].seconds += r.duration;
      }
    }
    const measured: Partial<Record<Variant, Measured>> = {};
    for (const v of variants) {
      const { requests, seconds, cpuMs: cpu, dbCpuMs, latencies, failed, firstError } = runs[v];
      if (!requests) fail(`${q.name}/${v}: no request completed in ${seconds} s`);
      latencies.sort((a, b) => a - b);
      measured[v] = {
        rps: round(requests / seconds),
        p50: round(percentile(latencies, 0.5), 2),
        p99: round(percentile(latencies, 0.99), 2),
        sqlPerRequest: statements.get(q.name)![v] ?? 1,
        rssMb: peakRssMb(servers[v].child.pid!),
        cpuMsPerRequest: round(cpu / requests, 3),
        ...(o.postgres ? { dbCpuMsPerRequest: round(dbCpuMs / requests, 3), totalCpuMsPerRequest: round((cpu + dbCpuMs) / requests, 3) } : {}),
        failed,
        ...(firstError ? { firstError } : {}),
      };
      if (failed) process.stderr.write(`bench: ${q.name}/${v}: ${failed} requests failed under load (first: ${firstError})\n`);
    }
    process.stdout.write(`  ${q.name}: ${variants.map((v) => `${v} ${measured[v]!.rps} req/s`).join(', ')}\n`);
    const api = measured.api!;
    // CPU per request: the server's, and on PostgreSQL the database's with it (a peer that pushes work into SQL is not cheaper for it)
    const cpu = (m: Measured) => m.totalCpuMsPerRequest ?? m.cpuMsPerRequest;
    const ratios: Ratios = {};
    for (const [v, key, cpuKey, digits] of [
      ['sql', 'apiOverSql', 'cpuApiOverSql', 3],
      ['naive', 'apiOverNaive', 'cpuApiOverNaive', 2],
      ['postgraphile', 'apiOverPostgraphile', 'cpuApiOverPostgraphile', 3],
    ] as const) {
      const other = measured[v];
      if (!other) continue;
      ratios[key] = round(api.rps / other.rps, digits);
      ratios[cpuKey] = round(cpu(other) / cpu(api), digits);
    }
    results.push({
      name: q.name,
      note: rounds === o.rounds ? q.note : `${q.note}; one request alone takes up to ${Math.round(slowest.get(q.name)!)} ms, so one round of ${seconds} s per variant`,
      variants: measured,
      ratios,
    });
  }
  await Promise.all(Object.values(servers).map(stopServer));

  const ratioOf = (name: string) => results.find((x) => x.name === name)?.ratios;
  const targets = (
    o.postgres
      ? // at least PostGraphile's throughput and at most its CPU per request, for every query it answers
        results.filter((r) => r.ratios.apiOverPostgraphile !== undefined).map((r) => ({ query: r.name, ratio: 'a/d', target: AD_TARGET, value: r.ratios.apiOverPostgraphile!, cpuValue: r.ratios.cpuApiOverPostgraphile! }))
      : [
          ...Object.entries(AB_TARGETS).map(([name, target]) => ({ query: name, ratio: 'a/b', target, value: ratioOf(name)!.apiOverSql!, cpuValue: ratioOf(name)!.cpuApiOverSql! })),
          ...(AC_NESTED_TARGET[o.scale] ? [{ query: 'nested', ratio: 'a/c', target: AC_NESTED_TARGET[o.scale], value: ratioOf('nested')!.apiOverNaive!, cpuValue: ratioOf('nested')!.cpuApiOverNaive! }] : []),
        ]
  ).map((t) => ({ ...t, met: o.postgres ? t.value >= t.target && t.cpuValue >= t.target : t.value >= t.target }));

  printTable(o.scale, o.postgres, allVariants, results);
  for (const t of targets) {
    const value = o.postgres ? `${t.value} (req/s), ${t.cpuValue} (CPU per request)` : `${t.value} (from CPU per request: ${t.cpuValue})`;
    process.stdout.write(`target ${t.query} ${t.ratio} ≥ ${t.target}: ${value} ${t.met ? 'met' : `MISSED by ${round(t.target - Math.min(t.value, o.postgres ? t.cpuValue : t.value), 3)}`}\n`);
  }

  if (o.out) {
    const report = {
      scale: o.scale,
      // the 1-minute load average of the machine before and after: other processes share its cores
      machine: { ...machine(), loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) } },
      database: o.postgres ? { dialect: 'postgresql', url: o.db.replace(/\/\/[^@/]*@/, '//'), analyzed: true } : { dialect: 'sqlite', path: o.db },
      settings: {
        connections: o.connections,
        durationS: o.duration,
        warmupS: o.warmup,
        rounds: o.rounds,
        loadGenerator: 'autocannon 8, in the benchmark process; each server in a child process',
        variants: allVariants,
        ...(o.postgres ? { cpu: 'server process + every postgres process of the machine, from /proc, per request' } : {}),
      },
      data,
      queries: results,
      targets,
    };
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${o.out}\n`);
  }
}

function printTable(scale: string, postgres: boolean, variants: readonly Variant[], results: { name: string; variants: Partial<Record<Variant, Measured>>; ratios: Ratios }[]): void {
  const ratioColumns = (postgres ? [['a/b', 'apiOverSql'], ['a/d', 'apiOverPostgraphile'], ['a/b CPU', 'cpuApiOverSql'], ['a/d CPU', 'cpuApiOverPostgraphile']] : [['a/b', 'apiOverSql'], ['a/c', 'apiOverNaive'], ['a/b CPU', 'cpuApiOverSql'], ['a/c CPU', 'cpuApiOverNaive']]) as [string, keyof Ratios][];
  const header = ['query', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'RSS MB', 'CPU ms/req', ...(postgres ? ['db CPU ms/req', 'total CPU ms/req'] : []), 'failed', ...ratioColumns.map(([h]) => h)];
  const rows: string[][] = [];
  for (const r of results) {
    for (const v of variants) {
      const m = r.variants[v];
      const api = v === 'api';
      if (!m) {
        rows.push(['', v, ...header.slice(2).map((_, i) => (i === 0 ? 'n/a' : ''))]);
        continue;
      }
      rows.push([api ? r.name : '', v, String(m.rps), String(m.p50), String(m.p99), String(m.sqlPerRequest), String(m.rssMb), String(m.cpuMsPerRequest),
        ...(postgres ? [String(m.dbCpuMsPerRequest), String(m.totalCpuMsPerRequest)] : []), String(m.failed),
        ...ratioColumns.map(([, k]) => (api ? String(r.ratios[k] ?? '') : ''))]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const names = postgres ? '(a) api, (b) sql, (d) postgraphile — on PostgreSQL' : '(a) api, (b) sql, (c) naive — on SQLite';
  process.stdout.write(`\nscale ${scale}: ${names}\n${line(header)}\n|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|\n${rows.map(line).join('\n')}\n\n`);
}

main().catch((error) => fail(String(error?.stack ?? error)));
