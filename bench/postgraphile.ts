// The peer a team would put in front of this data in an afternoon: PostGraphile 4.14.1 (5.x needs a
// newer Node than the project's) as a library on the same PostgreSQL database, production settings,
// no mutations. Each benchmark query is rewritten to the schema it generates from the tables and
// foreign keys; its answer is turned back into the API's shape only to check that both say the same —
// under load it is sent its own query and answers in its own shape.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationName } from './queries.js';

// installed apart (bench/peers/package.json says why)
const PEERS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/peers');
const peerRequire = createRequire(join(PEERS, 'package.json'));

/** installs PostGraphile into bench/peers from its lockfile, once; false when npm could not */
export function ensurePostgraphile(): boolean {
  if (existsSync(join(PEERS, 'node_modules/postgraphile'))) return true;
  process.stdout.write(`installing PostGraphile into ${PEERS} (npm ci) …\n`);
  return spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEERS, stdio: 'inherit' }).status === 0;
}

type Json = any;

interface Rewrite {
  query: string;
  variables(ours: Record<string, any>): Record<string, unknown>;
  /** its `data` in the API's shape */
  toOurs(data: Json): Json;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const rowIdOfCursor = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':').pop());

/** the operations PostGraphile can answer from its generated schema; the chain (a breadth-first walk
 * with a score threshold), search and workload (aggregates) need SQL functions written by hand */
export const POSTGRAPHILE_QUERIES: Partial<Record<OperationName, Rewrite>> = {
  Point: {
    query: `query Point($name: String!) {
  unitByName(name: $name) {
    name kind level sector
    unitAliasesByUnitIdList(orderBy: PRIMARY_KEY_ASC) { alias }
    jurisdictionByJurisdictionCode { code name level }
  }
}`,
    variables: (v) => ({ name: v.name }),
    toOurs: (d) => ({
      unit: d.unitByName && {
        name: d.unitByName.name,
        kind: d.unitByName.kind,
        level: d.unitByName.level,
        sector: d.unitByName.sector,
        aliases: d.unitByName.unitAliasesByUnitIdList.map((a: Json) => a.alias),
        jurisdiction: d.unitByName.jurisdictionByJurisdictionCode,
      },
    }),
  },
  Nested: {
    query: `query Nested($name: String!, $first: Int!) {
  unitByName(name: $name) {
    name
    assignmentsByUnitId(first: $first, orderBy: PRIMARY_KEY_ASC) {
      totalCount
      nodes { role taskByTaskId { path title assignmentsByTaskIdList(orderBy: PRIMARY_KEY_ASC) { role unitByUnitId { name level } } } }
    }
  }
}`,
    variables: (v) => ({ name: v.name, first: v.first }),
    toOurs: (d) => ({
      unit: d.unitByName && {
        name: d.unitByName.name,
        assignments: {
          totalCount: d.unitByName.assignmentsByUnitId.totalCount,
          nodes: d.unitByName.assignmentsByUnitId.nodes.map((a: Json) => ({ role: a.role, task: task(a.taskByTaskId, (u: Json) => ({ name: u.name, level: u.level })) })),
        },
      },
    }),
  },
  Document: {
    query: `query Document($number: String!, $first: Int!) {
  allDocumentsList(condition: { docNumber: $number }, first: 1) {
    docNumber
    title
    tasksByDocumentIdList(orderBy: ORDINAL_ASC, first: $first) { path title assignmentsByTaskIdList(orderBy: PRIMARY_KEY_ASC) { role unitByUnitId { name } } }
  }
}`,
    variables: (v) => ({ number: v.number, first: v.first }),
    toOurs: (d) => {
      const doc = d.allDocumentsList[0];
      return {
        document: doc && { number: doc.docNumber, title: doc.title, tasks: { nodes: doc.tasksByDocumentIdList.map((t: Json) => task(t, (u: Json) => ({ name: u.name }))) } },
      };
    },
  },
  Page: {
    query: `query Page($first: Int!, $after: Cursor) {
  allTasks(first: $first, after: $after, orderBy: PRIMARY_KEY_ASC) {
    pageInfo { hasNextPage }
    nodes { rowId path title kind documentByDocumentId { docNumber } }
  }
}`,
    // its cursors are its own: the one after the same task
    variables: (v) => ({ first: v.first, after: v.after == null ? null : Buffer.from(JSON.stringify(['primary_key_asc', [rowIdOfCursor(v.after)]])).toString('base64') }),
    toOurs: (d) => {
      const nodes = d.allTasks.nodes;
      return {
        tasks: {
          pageInfo: { hasNextPage: d.allTasks.pageInfo.hasNextPage, endCursor: nodes.length ? b64(`tasks:${nodes[nodes.length - 1].rowId}`) : null },
          nodes: nodes.map((t: Json) => ({ id: b64(`Task:${t.rowId}`), path: t.path, title: t.title, kind: t.kind, document: { number: t.documentByDocumentId.docNumber } })),
        },
      };
    },
  },
};

function task(t: Json, unit: (u: Json) => Json): Json {
  return { path: t.path, title: t.title, assignments: t.assignmentsByTaskIdList.map((a: Json) => ({ role: a.role, unit: unit(a.unitByUnitId) })) };
}

/** the request body PostGraphile is sent for one of the benchmark's requests, or null when it has no rewrite */
export function postgraphileBody(operationName: OperationName, variables: Record<string, unknown>): string | null {
  const r = POSTGRAPHILE_QUERIES[operationName];
  return r ? JSON.stringify({ operationName, query: r.query, variables: r.variables(variables) }) : null;
}

/** its answer in the API's shape, for the comparison */
export function postgraphileAnswer(operationName: OperationName, json: Json): Json {
  return { ...json, data: POSTGRAPHILE_QUERIES[operationName]!.toOurs(json.data) };
}

/** POST /graphql served by PostGraphile over a pool of 10 connections, as the API's */
export function createPostgraphileServer(databaseUrl: string): Server {
  const { Pool } = peerRequire('pg') as typeof import('pg');
  const { postgraphile } = peerRequire('postgraphile') as { postgraphile: (pool: unknown, schema: string, options: object) => (req: unknown, res: unknown) => void };
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const handler = postgraphile(pool, 'public', {
    disableDefaultMutations: true,
    simpleCollections: 'both',
    graphiql: false,
    disableQueryLog: true,
    retryOnInitFail: false,
    ignoreRBAC: false,
  });
  const server = createServer(handler);
  server.on('close', () => void pool.end());
  return server;
}
