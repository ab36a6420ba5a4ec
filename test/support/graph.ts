import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { ApolloServer } from '@apollo/server';
import { createOrm } from '../../src/orm.js';
import { seedDatabase } from '../../src/ingest/seed.js';
import { createApolloServer } from '../../src/graphql/server.js';
import { createContext, type Context } from '../../src/graphql/context.js';

/** a real SQLite file in a temporary folder, removed by close() */
export async function tempOrm(): Promise<{ orm: MikroORM; dbPath: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dutygraph-test-'));
  const dbPath = join(dir, 'test.sqlite');
  const orm = await createOrm({ dbPath });
  return {
    orm,
    dbPath,
    close: async () => {
      await orm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Graph {
  orm: MikroORM;
  server: ApolloServer<Context>;
  /** runs an operation in-process and returns data, failing the test on any error */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** runs an operation and returns errors and data as they are */
  execute(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: readonly any[]; extensions?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** the seed corpus in a fresh database, served by the real schema */
export async function seededGraph(options: { traceSql?: boolean } = {}): Promise<Graph> {
  const db = await tempOrm();
  await seedDatabase(db.orm);
  const server = await createApolloServer({ traceSql: options.traceSql ?? true });
  const execute = async (query: string, variables?: Record<string, unknown>) => {
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext(db.orm) });
    assert(res.body.kind === 'single');
    return res.body.singleResult as { data?: any; errors?: readonly any[]; extensions?: Record<string, unknown> };
  };
  return {
    orm: db.orm,
    server,
    execute,
    async query(query, variables) {
      const result = await execute(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors:\n${result.errors.map((e) => e.message).join('\n')}\nin:\n${query}`);
      return result.data;
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
