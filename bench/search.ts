// npm run bench:search -- --scale M|L [--db PATH] | --database-url URL  [--seconds 5] [--rounds 3] [--connections 10] [--out FILE]
//
// Issue 15's goals, measured on one generated database: search for one-, two-, three-, five- and
// six-character terms and a unit's short name, a filtered search, the explorer's suggestions,
// and the dashboards (workload, gaps, overlaps, accountability) for a whole province — each under
// autocannon at 10 connections against the API, the queries taking turns in rounds. Reported per
// query: p50/p99 latency, requests per second, CPU per request of the API process and (on
// PostgreSQL) of the database's backends, read from /proc; the load average before and after.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { analyze, autocannon, cpuMs, databasePath, fail, machine, numberOption, parseOptions, percentile, postgresCpuSince, round, scaleOption, startServers, stopServer } from './harness.js';

const P99_TARGET_MS = 50;
const SUGGEST_TARGET_MS = 100;
const HIT = 'kind score field snippet task { path title } unit { name } document { title }';
const search = (q: string, extra = '') => `{ search(query: ${JSON.stringify(q)}, first: 20${extra}) { totalCount complete nodes { ${HIT} } } }`;

/** what each query is, and the target it is held to */
const QUERIES: { name: string; query: string; targetMs: number }[] = [
  { name: 'search 安 (1 character)', query: search('安'), targetMs: P99_TARGET_MS },
  { name: 'search 煤矿 (2)', query: search('煤矿'), targetMs: P99_TARGET_MS },
  { name: 'search 危化品 (3)', query: search('危化品'), targetMs: P99_TARGET_MS },
  { name: 'search 危险化学品 (5)', query: search('危险化学品'), targetMs: P99_TARGET_MS },
  { name: 'search 安全生产督查 (6)', query: search('安全生产督查'), targetMs: P99_TARGET_MS },
  { name: 'search 市应急局 (a unit’s short name)', query: search('市应急局'), targetMs: P99_TARGET_MS },
  { name: 'search 煤矿 in one province', query: search('煤矿', ', filter: { jurisdiction: "140000" }'), targetMs: P99_TARGET_MS },
  // what the explorer asks at each keystroke (src/explorer/client/search.ts)
  {
    name: 'suggestions for 应急',
    query: `{ search(query: "应急", first: 8) { totalCount nodes { kind field score snippet unit { id name level } task { id path title document { id number title } } document { id number title } } } }`,
    targetMs: SUGGEST_TARGET_MS,
  },
  { name: 'workload of 山西省', query: `{ workload(filter: { jurisdiction: "140000" }, first: 20) { totalCount nodes { unit { name } total byRole { role count } byLevel { level count } } } }`, targetMs: P99_TARGET_MS },
  { name: 'gaps of provincial documents', query: `{ gaps(filter: { level: PROVINCE }, first: 20) { totalCount nodes { kind task { path } } } }`, targetMs: P99_TARGET_MS },
  { name: 'overlaps', query: `{ overlaps(first: 20) { totalCount nodes { kind } } }`, targetMs: P99_TARGET_MS },
  { name: 'accountability of 省应急厅', query: `{ accountability(unit: "省应急厅", jurisdiction: "140000") { total } }`, targetMs: P99_TARGET_MS },
];

function options() {
  const parsed = parseOptions({
    scale: { type: 'string', default: 'M' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    out: { type: 'string' },
  });
  if (parsed.help) {
    process.stdout.write(`Usage: npm run bench:search -- [--scale M|L] [--db PATH | --database-url URL] [--seconds S] [--rounds N] [--connections N] [--out FILE]

  --db PATH           a SQLite file made by dutygraph gen (default: ${databasePath('<scale>')})
  --database-url URL  a PostgreSQL database made by dutygraph gen --database-url (ANALYZE is run first)
  --seconds S         measured seconds per query and round (default 5)
`);
    process.exit(0);
  }
  const scale = scaleOption(parsed.scale);
  return {
    scale,
    target: parsed['database-url'] ?? parsed.db ?? databasePath(scale),
    postgres: !!parsed['database-url'],
    seconds: numberOption('seconds', parsed.seconds!, 1),
    rounds: Math.round(numberOption('rounds', parsed.rounds!, 1)),
    connections: Math.round(numberOption('connections', parsed.connections!, 1)),
    out: parsed.out ?? null,
  };
}

async function main(): Promise<void> {
  const o = options();
  if (o.postgres) analyze(o.target);
  const loadBefore = os.loadavg();
  const { api } = await startServers(o.target, false, ['api'] as const);
  const results: Record<string, unknown>[] = [];
  try {
    const runs = QUERIES.map(() => ({ requests: 0, seconds: 0, apiCpuMs: 0, dbCpuMs: 0, latencies: [] as number[], failed: 0, firstError: undefined as string | undefined, single: 0, totalCount: null as unknown }));
    for (const [i, q] of QUERIES.entries()) {
      const body = JSON.stringify({ query: q.query });
      // one request alone: its answer (a query over the time limit is measured all the same, as failures)
      const started = performance.now();
      const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { data?: Record<string, { totalCount?: number; complete?: boolean } | null>; errors?: { extensions?: { code?: string } }[] };
      runs[i].single = round(performance.now() - started, 1);
      const root = json.data ? Object.values(json.data)[0] : null;
      runs[i].totalCount = root?.totalCount ?? null;
      const error = json.errors?.[0]?.extensions?.code;
      if (error) runs[i].firstError = error;
      process.stdout.write(`${q.name}: alone ${runs[i].single} ms${error ? `, ${error}` : ''}${root?.totalCount != null ? `, totalCount ${root.totalCount}${root.complete === false ? ' (estimate)' : ''}` : ''}\n`);
      await autocannon({ url: api.url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: o.connections, duration: 1, timeout: 60 });
    }
    for (let r = 0; r < o.rounds; r++) {
      for (const [i, q] of QUERIES.entries()) {
        const run = runs[i];
        const [apiBefore, dbCpu] = [cpuMs(api.child.pid!), o.postgres ? postgresCpuSince() : null];
        const load = autocannon({ url: api.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query }), connections: o.connections, duration: o.seconds, timeout: 60 });
        load.on('response', (_client, status, _bytes, ms) => {
          run.latencies.push(ms);
          if (status >= 300) run.firstError ??= `HTTP ${status}`;
        });
        load.on('reqError', (error) => (run.firstError ??= error.message));
        const res = await load;
        run.apiCpuMs += cpuMs(api.child.pid!) - apiBefore;
        if (dbCpu) run.dbCpuMs += dbCpu();
        run.failed += res.errors + res.timeouts + res.non2xx;
        run.requests += res.requests.total;
        run.seconds += res.duration;
      }
    }
    for (const [i, q] of QUERIES.entries()) {
      const run = runs[i];
      if (!run.requests) fail(`${q.name}: no request completed`);
      run.latencies.sort((a, b) => a - b);
      const p99 = round(percentile(run.latencies, 0.99), 1);
      results.push({
        query: q.name,
        aloneMs: run.single,
        totalCount: run.totalCount,
        rps: round(run.requests / run.seconds),
        p50Ms: round(percentile(run.latencies, 0.5), 1),
        p99Ms: p99,
        targetP99Ms: q.targetMs,
        // an answer with errors is no answer, however fast (autocannon counts HTTP 200 as success)
        met: p99 <= q.targetMs && !run.firstError,
        apiCpuMsPerRequest: round(run.apiCpuMs / run.requests, 2),
        ...(o.postgres ? { databaseCpuMsPerRequest: round(run.dbCpuMs / run.requests, 2) } : {}),
        failed: run.failed,
        ...(run.firstError ? { firstError: run.firstError } : {}),
      });
    }
  } finally {
    await stopServer(api);
  }
  const loadAfter = os.loadavg();
  const cpu = o.postgres ? ' | db CPU ms/req' : '';
  process.stdout.write(`\n${o.postgres ? 'PostgreSQL' : 'SQLite'} ${o.scale}, ${o.connections} connections, ${o.rounds} × ${o.seconds} s per query; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write(`| query | alone ms | req/s | p50 ms | p99 ms | target | API CPU ms/req${cpu} | failed |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |${o.postgres ? ' ---: |' : ''} ---: |\n`);
  for (const r of results as any[]) {
    process.stdout.write(`| ${r.query} | ${r.aloneMs} | ${r.rps} | ${r.p50Ms} | ${r.p99Ms} | ${r.met ? '✓' : '✗'} ≤ ${r.targetP99Ms} | ${r.apiCpuMsPerRequest}${o.postgres ? ` | ${r.databaseCpuMsPerRequest}` : ''} | ${r.failed} |\n`);
  }
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    const database = o.postgres ? { dialect: 'postgresql', url: o.target.replace(/\/\/[^@/]*@/, '//') } : { dialect: 'sqlite', path: o.target };
    writeFileSync(o.out, JSON.stringify({ scale: o.scale, database, at: new Date().toISOString(), machine: machine(), loadAverage: { before: loadBefore, after: loadAfter }, connections: o.connections, rounds: o.rounds, secondsPerRound: o.seconds, results }, null, 2) + '\n');
  }
}

main().catch((error) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
