import assert from 'node:assert/strict';
import type { MikroORM } from '@mikro-orm/core';
import type { ApolloServer } from '@apollo/server';
import { createOrm, type DatabaseTarget } from '../../src/orm.js';
import { seedDatabase } from '../../src/ingest/seed.js';
import { createApolloServer } from '../../src/graphql/server.js';
import { createContext, type Context } from '../../src/graphql/context.js';
import { type Dialect, type TempDatabase, tempDatabase, TEST_DIALECT } from './database.js';

export interface TempOrm {
  orm: MikroORM;
  dialect: Dialect;
  target: DatabaseTarget;
  /** how a `dutygraph` child process reaches the same database */
  cli: TempDatabase['cli'];
  /** closes the ORM and removes the database */
  close: () => Promise<void>;
}

/** a fresh database of the suite's dialect (DUTYGRAPH_TEST_DB), or of the one asked for; removed by close() */
export async function tempOrm(dialect: Dialect = TEST_DIALECT): Promise<TempOrm> {
  const db = await tempDatabase(dialect);
  const orm = await createOrm(db.target).catch(async (error) => {
    await db.drop();
    throw error;
  });
  return {
    orm,
    dialect,
    target: db.target,
    cli: db.cli,
    close: async () => {
      await orm.close();
      await db.drop();
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
export async function seededGraph(options: { traceSql?: boolean; dialect?: Dialect } = {}): Promise<Graph> {
  const db = await tempOrm(options.dialect);
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
