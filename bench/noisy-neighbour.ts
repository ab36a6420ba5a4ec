// npm run noisy -- [--scale M] [--db PATH] [--seconds 30] [--rounds 2] [--noisy 8] [--out FILE]
//
// Issue 16's noisy neighbour, on SQLite: eight clients send the most expensive queries the API
// allows (ten aliased one-character searches; workload, gaps, overlaps and accountability at
// once) back to back, while one more client sends cheap lookups and times them — the target is
// p99 ≤ 100 ms for the cheap ones. Three servers in turn, interleaved in rounds on the same
// database: reads on the main thread (as before), reads of expensive requests on the read pool,
// and the pool with the per-client cap of concurrent expensive requests (the default).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { cpuMs, databasePath, fail, machine, numberOption, parseOptions, percentile, round, type Running, scaleOption, startServers, stopServer } from './harness.js';

const P99_TARGET_MS = 100;
const SERVERS = [
  { name: 'main thread', env: { DUTYGRAPH_READ_WORKERS: '0', DUTYGRAPH_EXPENSIVE_PER_CLIENT: '1000000' } },
  { name: 'read pool', env: { DUTYGRAPH_READ_WORKERS: '2', DUTYGRAPH_EXPENSIVE_PER_CLIENT: '1000000' } },
  { name: 'read pool + cap (default)', env: { DUTYGRAPH_READ_WORKERS: '2', DUTYGRAPH_EXPENSIVE_PER_CLIENT: '2' } },
] as const;

const CHARACTERS = ['安', '全', '生', '产', '应', '急', '管', '理', '责', '任'];
const SEARCHES = `{ ${CHARACTERS.map((c, i) => `s${i}: search(query: "${c}", first: 20) { totalCount nodes { snippet } }`).join(' ')} }`;
const analyses = (unit: string) =>
  `{ workload(first: 100) { totalCount nodes { total } } gaps(first: 100) { totalCount } overlaps(first: 100) { totalCount } accountability(unit: ${JSON.stringify(unit)}) { total } }`;
const cheap = (unit: string) => `{ unit(name: ${JSON.stringify(unit)}) { name level jurisdiction { code name } } }`;

interface Round {
  server: string;
  round: number;
  seconds: number;
  cheap: { requests: number; p50Ms: number; p99Ms: number; maxMs: number; errors: number };
  noisy: { sent: number; answered: number; rateLimited: number; timedOut: number; otherErrors: number };
  serverCpuMsPerCheapRequest: number;
  loadAverage: number[];
}

async function send(url: string, query: string): Promise<{ status: number; code: string | null; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { status: res.status, code: json.errors?.[0]?.extensions?.code ?? null, ms: performance.now() - started };
  } catch {
    return { status: 0, code: 'NETWORK', ms: performance.now() - started };
  }
}

async function measure(server: Running, name: string, round_: number, seconds: number, noisyClients: number, unit: string): Promise<Round> {
  const until = Date.now() + seconds * 1000;
  const noisy = { sent: 0, answered: 0, rateLimited: 0, timedOut: 0, otherErrors: 0 };
  const noise = Array.from({ length: noisyClients }, async (_, i) => {
    for (let n = i; Date.now() < until; n++) {
      noisy.sent++;
      const r = await send(server.url, n % 2 ? analyses(unit) : SEARCHES);
      if (r.status === 200 && !r.code) noisy.answered++;
      else if (r.code === 'RATE_LIMITED') {
        noisy.rateLimited++;
        // as a client told Retry-After would: wait a little, then ask again
        await new Promise((resolve) => setTimeout(resolve, 100));
      } else if (r.code === 'TIMEOUT') noisy.timedOut++;
      else noisy.otherErrors++;
    }
  });
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = cpuMs(server.child.pid!);
  // the cheap client starts once the noise is under way
  await new Promise((resolve) => setTimeout(resolve, 1000));
  while (Date.now() < until) {
    const r = await send(server.url, cheap(unit));
    latencies.push(r.ms);
    if (r.status !== 200 || r.code) errors++;
  }
  const cpu = cpuMs(server.child.pid!) - cpuBefore;
  await Promise.all(noise);
  latencies.sort((a, b) => a - b);
  return {
    server: name,
    round: round_,
    seconds,
    cheap: { requests: latencies.length, p50Ms: round(percentile(latencies, 0.5)), p99Ms: round(percentile(latencies, 0.99)), maxMs: round(latencies.at(-1) ?? NaN), errors },
    noisy,
    // the whole server's CPU over the cheap requests: the noise's cost shows here too
    serverCpuMsPerCheapRequest: round(cpu / Math.max(1, latencies.length), 2),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
}

async function main(): Promise<void> {
  const parsed = parseOptions({
    scale: { type: 'string', default: 'M' },
    db: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '2' },
    noisy: { type: 'string', default: '8' },
    out: { type: 'string' },
  });
  if (parsed.help) {
    process.stdout.write(`Usage: npm run noisy -- [--scale M] [--db PATH] [--seconds S] [--rounds N] [--noisy N] [--out FILE]

  --db PATH      the SQLite file (default: ${databasePath('<scale>')}, made by dutygraph gen --scale <scale> --seed 1 when missing)
  --seconds S    seconds each server is measured per round (default 30)
  --rounds N     rounds; each runs the three servers in turn (default 2)
  --noisy N      clients sending expensive queries (default 8)
  --out FILE     also write the results as JSON
`);
    return;
  }
  const scale = scaleOption(parsed.scale);
  const db = parsed.db ?? databasePath(scale);
  const seconds = numberOption('seconds', parsed.seconds!, 5);
  const rounds = numberOption('rounds', parsed.rounds!, 1);
  const noisyClients = numberOption('noisy', parsed.noisy!, 1);
  let unit: string;
  try {
    const conn = new BetterSqlite(db, { readonly: true, fileMustExist: true });
    unit = String(
      (conn.prepare(`select u.name as name from unit u join assignment a on a.unit_id = u.row_id where u.kind <> 'COLLECTIVE' group by u.row_id order by count(*) desc, u.row_id limit 1`).get() as { name: string }).name,
    );
    conn.close();
  } catch (error) {
    fail(`cannot read ${db}: ${(error as Error).message} (make it with: dutygraph gen --scale ${scale} --seed 1 --db ${db})`);
  }
  const results: Round[] = [];
  for (let r = 1; r <= rounds; r++) {
    for (const s of SERVERS) {
      Object.assign(process.env, s.env);
      const { api } = await startServers(db, false, ['api'] as const);
      // one of each query first: the pool's threads and the page cache warm
      await send(api.url, cheap(unit));
      const result = await measure(api, s.name, r, seconds, noisyClients, unit);
      await stopServer(api);
      results.push(result);
      process.stdout.write(
        `round ${r} · ${s.name}: cheap p50 ${result.cheap.p50Ms} ms, p99 ${result.cheap.p99Ms} ms, max ${result.cheap.maxMs} ms (${result.cheap.requests} requests, ${result.cheap.errors} errors); noisy ${result.noisy.answered} answered, ${result.noisy.rateLimited} RATE_LIMITED, ${result.noisy.timedOut} TIMEOUT, ${result.noisy.otherErrors} other; load ${result.loadAverage.join(' ')}\n`,
      );
    }
  }
  const summary = SERVERS.map((s) => {
    const mine = results.filter((x) => x.server === s.name);
    const worstP99 = Math.max(...mine.map((x) => x.cheap.p99Ms));
    return { server: s.name, worstP99Ms: worstP99, meetsTarget: worstP99 <= P99_TARGET_MS };
  });
  process.stdout.write(`\ncheap lookups' p99 (worst round) — target ≤ ${P99_TARGET_MS} ms:\n${summary.map((x) => `  ${x.server}: ${x.worstP99Ms} ms${x.meetsTarget ? '' : ' (target missed)'}`).join('\n')}\n`);
  if (parsed.out) {
    mkdirSync(dirname(parsed.out), { recursive: true });
    writeFileSync(
      parsed.out,
      JSON.stringify({ scale, db, machine: machine(), ranAt: new Date().toISOString(), noisyClients, seconds, queries: { noisy: [SEARCHES, analyses(unit)], cheap: cheap(unit) }, results, summary }, null, 1) + '\n',
    );
    process.stdout.write(`results written to ${parsed.out}\n`);
  }
}

void main();
