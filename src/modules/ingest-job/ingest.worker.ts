// The ingest worker: a thread of its own, with its own connection to the database, so reading,
// parsing and writing a large document never holds up the server's event loop.
import 'reflect-metadata';
import type { MessagePort } from 'node:worker_threads';
import type { MikroORM } from '@mikro-orm/core';
import { createOrm, type DatabaseTarget } from '../../orm.js';
import { IngestRefusal, ingestOne, type IngestRequest, type IngestSummary } from '../../ingest/ingest.js';

export interface IngestTask {
  target: DatabaseTarget;
  request: IngestRequest;
  actor: string;
  /** where progress is posted */
  port: MessagePort;
}

export type IngestOutcome = { summary: IngestSummary } | { refusal: { argument: string; message: string } };

const orms = new Map<string, Promise<MikroORM>>();

/** in a worker, with a connection of its own; `given`: in the caller's thread, on its database (one in memory) */
export default async function ingest({ target, request, actor, port }: IngestTask, given?: MikroORM): Promise<IngestOutcome> {
  const key = JSON.stringify(target);
  if (!given && !orms.has(key)) orms.set(key, createOrm(target));
  const orm = given ?? (await orms.get(key)!);
  try {
    return { summary: await ingestOne(orm, request, actor, (p) => port.postMessage(p)) };
  } catch (error) {
    if (error instanceof IngestRefusal) return { refusal: { argument: error.argument, message: error.message } };
    throw error;
  } finally {
    port.close();
  }
}
