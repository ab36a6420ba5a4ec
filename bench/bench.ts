// npm run bench -- --scale S|M|L [--out FILE] [--db PATH] [--duration SECONDS]
//
// On one database and one HTTP stack, for each query: (a) the API, (b) a hand-written SQL
// baseline returning the same JSON, (c) the API with loaders that do not batch. (a) and (c) must
// answer exactly what (b) answers; then each runs under autocannon at 10 connections, the server
// in a child process whose peak RSS is read from /proc.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { assertSame, autocannon, cpuMs, databasePath, datasetOptions, fail, machine, numberOption, peakRssMb, percentile, post, resetPeakRss, round, startServers, stopServer, parseOptions, prepareRun } from './harness.js';
import { requestBody, type Variant, VARIANTS } from './queries.js';

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
  /** requests that failed under load (connection errors, timeouts, non-2xx), and the first error seen */
  failed: number;
  firstError?: string;
}

function options() {
  const parsed = parseOptions({
    scale: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
  });
  if (parsed.help) {
    process.stdout.write(`Usage: npm run bench -- --scale S|M|L [--out FILE] [--db PATH] [--duration S] [--warmup S] [--rounds N] [--connections N]

  --scale S|M|L     the generated dataset (dutygraph gen --scale … --seed 1), made when --db does not exist
  --db PATH         the SQLite file (default: ${databasePath('<scale>')})
  --out FILE        also write the results as JSON
  --duration S      seconds measured per query and variant (default 5), after --warmup S (default 1)
  --rounds N        the measured time is cut into N rounds, the variants taking turns (default 3),
                    so that a change in the machine's load falls on all three alike
  --connections N   concurrent connections of the load generator (default 10)
`);
    process.exit(0);
  }
  return {
    ...datasetOptions(parsed),
    duration: numberOption('duration', parsed.duration!, 1),
    warmup: numberOption('warmup', parsed.warmup!, 0),
    rounds: Math.round(numberOption('rounds', parsed.rounds!, 1)),
    connections: numberOption('connections', parsed.connections!, 1),
  };
}

async function main(): Promise<void> {
  const o = options();
  const loadBefore = os.loadavg()[0];
  const { queries, data } = prepareRun(o.scale, o.db);

  // 1. every variant answers the same; statements per request from the servers' own counts
  const statements = new Map<string, Record<Variant, number>>();
  const expected = new Map<string, unknown>();
  // one request alone, the slowest variant, in ms: a query this slow gets longer rounds
  const slowest = new Map<string, number>();
  {
    const servers = await startServers(o.db, true, VARIANTS);
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
  const servers = await startServers(o.db, false, VARIANTS);
  const results: { name: string; note: string; variants: Record<Variant, Measured>; ratios: Ratios }[] = [];
  for (const q of queries) {
    const body = requestBody(q);
    const load = { method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: o.connections, timeout: 120 };
    // with 10 requests in flight on a server that runs one at a time, a request waits ~10 times its own
    // time: a round must be long enough for several to complete
    const needed = (2 * o.connections * slowest.get(q.name)!) / 1000;
    const [rounds, seconds] = needed > o.duration / o.rounds ? [1, Math.max(o.duration, Math.ceil(needed))] : [o.rounds, o.duration / o.rounds];
    const runs = {} as Record<Variant, { requests: number; seconds: number; cpuMs: number; latencies: number[]; failed: number; firstError?: string }>;
    for (const v of VARIANTS) {
      const s = servers[v];
      assertSame(q, v, (await post(s.url, body)).json, expected.get(q.name));
      resetPeakRss(s.child.pid!);
      if (o.warmup > 0) await autocannon({ ...load, url: s.url, duration: o.warmup });
      runs[v] = { requests: 0, seconds: 0, cpuMs: 0, latencies: [], failed: 0 };
    }
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < VARIANTS.length; i++) {
        const v = VARIANTS[(i + round) % VARIANTS.length];
        const cpuBefore = cpuMs(servers[v].child.pid!);
        const run = autocannon({ ...load, url: servers[v].url, duration: seconds });
        run.on('response', (_client, status, _bytes, ms) => {
          runs[v].latencies.push(ms);
          if (status >= 300) runs[v].firstError ??= `HTTP ${status}`;
        });
        run.on('reqError', (error) => (runs[v].firstError ??= error.message));
        const r = await run;
        runs[v].cpuMs += cpuMs(servers[v].child.pid!) - cpuBefore;
        // a variant that fails under load is reported (the table marks it), not dropped with the whole run
        runs[v].failed += r.errors + r.timeouts + r.non2xx;
        runs[v].requests += r.requests.total;
        runs[v].seconds += r.duration;
      }
    }
    const variants = {} as Record<Variant, Measured>;
    for (const v of VARIANTS) {
      const { requests, seconds, cpuMs: cpu, latencies, failed, firstError } = runs[v];
      if (!requests) fail(`${q.name}/${v}: no request completed in ${seconds} s`);
      latencies.sort((a, b) => a - b);
      variants[v] = {
        rps: round(requests / seconds),
        p50: round(percentile(latencies, 0.5), 2),
        p99: round(percentile(latencies, 0.99), 2),
        sqlPerRequest: statements.get(q.name)![v],
        rssMb: peakRssMb(servers[v].child.pid!),
        cpuMsPerRequest: round(cpu / requests, 3),
        failed,
        ...(firstError ? { firstError } : {}),
      };
      if (failed) process.stderr.write(`bench: ${q.name}/${v}: ${failed} requests failed under load (first: ${firstError})\n`);
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

function printTable(scale: string, results: { name: string; variants: Record<Variant, Measured>; ratios: Ratios }[]): void {
  const header = ['query', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'RSS MB', 'CPU ms/req', 'failed', 'a/b', 'a/c', 'a/b CPU', 'a/c CPU'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const v of VARIANTS) {
      const m = r.variants[v];
      const api = v === 'api';
      rows.push([api ? r.name : '', v, String(m.rps), String(m.p50), String(m.p99), String(m.sqlPerRequest), String(m.rssMb), String(m.cpuMsPerRequest), String(m.failed),
        ...(api ? [r.ratios.apiOverSql, r.ratios.apiOverNaive, r.ratios.cpuApiOverSql, r.ratios.cpuApiOverNaive].map(String) : ['', '', '', ''])]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  process.stdout.write(`\nscale ${scale}: (a) api, (b) sql, (c) naive\n${line(header)}\n|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|\n${rows.map(line).join('\n')}\n\n`);
}

main().catch((error) => fail(String(error?.stack ?? error)));
