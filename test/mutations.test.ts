import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/ingest/seed.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createHttpServer } from '../src/http.js';
import { createToken, revokeToken } from '../src/modules/auth/auth.service.js';
import { verifyChain } from '../src/modules/audit-trail/audit.service.js';
import { tempOrm } from './support/graph.js';
import { storedAnalysisStatements } from '../src/modules/analysis/stored-analysis.js';
import type { SqlEntityManager } from '@mikro-orm/knex';

let base: string;
let db: Awaited<ReturnType<typeof tempOrm>>;
let close: () => Promise<void>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await tempOrm();
  await seedDatabase(db.orm);
  tokens.editor = await createToken(db.orm, 'alice', 'editor');
  tokens.viewer = await createToken(db.orm, 'victor', 'viewer');
  tokens.revoked = await createToken(db.orm, 'rex', 'admin');
  await revokeToken(db.orm, 'rex');
  const apollo = await createApolloServer();
  const server: Server = createHttpServer(apollo, db.orm);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
    await db.close();
  };
});
afterAll(() => close());

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

// 004 sub-goal 1: 市财政局 配合 — the correction a reviewer might make
async function target() {
  const { body } = await gql(`{ tasks(filter: { path: "一/（二）/1" }) { nodes { id assignments { id role version review unit { name } } } } }`);
  const task = body.data.tasks.nodes[0];
  return { task, finance: task.assignments.find((a: any) => a.unit.name === '晋城市财政局') };
}

const UPDATE = `mutation ($id: ID!, $v: Int!, $role: Role) { updateAssignment(input: { assignment: $id, version: $v, role: $role }) { assignment { role version review history { actor operation before after } } } }`;

describe('writes behind tokens', () => {
  it('a mutation without a token is UNAUTHENTICATED, with a viewer token FORBIDDEN, with a revoked or made-up one UNAUTHENTICATED (401)', async () => {
    const { finance } = await target();
    const vars = { id: finance.id, v: finance.version, role: 'SHARED' };
    expect((await gql(UPDATE, vars)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gql(UPDATE, vars, tokens.viewer)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    for (const bad of [tokens.revoked, 'dg_not-a-token']) {
      const res = await gql(UPDATE, vars, bad);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await target()).finance).toEqual(finance);
  });

  it('an editor corrects a role with one mutation; the change, its author and its before/after are in the audit log', async () => {
    const { finance } = await target();
    expect(finance).toMatchObject({ role: 'COOPERATE', review: 'EXTRACTED', version: 1 });
    const res = await gql(UPDATE, { id: finance.id, v: 1, role: 'SHARED' }, tokens.editor);
    expect(res.body.errors).toBeUndefined();
    const a = res.body.data.updateAssignment.assignment;
    expect(a).toMatchObject({ role: 'SHARED', version: 2, review: 'CONFIRMED' });
    expect(a.history).toHaveLength(1);
    expect(a.history[0]).toMatchObject({ actor: 'alice', operation: 'UPDATE_ASSIGNMENT' });
    expect(a.history[0].before).toMatchObject({ role: 'COOPERATE', version: 1 });
    expect(a.history[0].after).toMatchObject({ role: 'SHARED', version: 2 });
    const log = await gql(`{ auditLog(filter: { actor: "alice" }) { totalCount nodes { operation entity } } }`);
    expect(log.body.data.auditLog).toEqual({ totalCount: 1, nodes: [{ operation: 'UPDATE_ASSIGNMENT', entity: 'Assignment' }] });
    expect((await verifyChain(db.orm)).broken).toBeNull();
  });

  it('an update naming a stale version fails with CONFLICT and changes nothing', async () => {
    const { finance } = await target();
    const res = await gql(UPDATE, { id: finance.id, v: 1, role: 'LEAD' }, tokens.editor);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: finance.version });
    expect((await target()).finance).toEqual(finance);
  });

  it('inputs are validated field by field; unknown IDs are NOT_FOUND; nothing is half-written', async () => {
    const { task } = await target();
    const assign = `mutation ($t: ID!, $u: String!, $e: String) { assignUnit(input: { task: $t, unit: $u, role: COOPERATE, evidence: $e }) { assignment { id role review clause { text start } unit { name } } } }`;
    const before = await gql(`{ auditLog { totalCount } }`);
    expect((await gql(assign, { t: task.id, u: '月球应急局' }, tokens.editor)).body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'input.unit' });
    expect((await gql(assign, { t: task.id, u: '市统计局', e: '这句话不在文件里。' }, tokens.editor)).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.evidence' });
    expect((await gql(assign, { t: 'VW5pdDox', u: '市统计局' }, tokens.editor)).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.task' });
    expect((await gql(assign, { t: task.id, u: '' }, tokens.editor)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql(`{ auditLog { totalCount } }`)).body.data.auditLog.totalCount).toBe(before.body.data.auditLog.totalCount);

    const ok = await gql(assign, { t: task.id, u: '市统计局', e: '市县两级应急管理部门行政执法装备配备达标率达到 80%' }, tokens.editor);
    expect(ok.body.data.assignUnit.assignment).toMatchObject({ role: 'COOPERATE', review: 'CONFIRMED', unit: { name: '晋城市统计局' }, clause: { text: '市县两级应急管理部门行政执法装备配备达标率达到 80%' } });
    expect(ok.body.data.assignUnit.assignment.clause.start).toBeGreaterThan(0);
    expect((await gql(assign, { t: task.id, u: '市统计局' }, tokens.editor)).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.role' });
  });

  it('an extracted assignment is confirmed or rejected, and can be removed with its record kept', async () => {
    const { task } = await target();
    const lead = task.assignments.find((a: any) => a.role === 'LEAD');
    const review = await gql(`mutation ($id: ID!) { reviewAssignment(input: { assignment: $id, version: 1, status: REJECTED }) { assignment { review version } } }`, { id: lead.id }, tokens.editor);
    expect(review.body.data.reviewAssignment.assignment).toEqual({ review: 'REJECTED', version: 2 });
    const removed = await gql(`mutation ($id: ID!) { unassignUnit(input: { assignment: $id, version: 2 }) { removedId task { path } } }`, { id: lead.id }, tokens.editor);
    expect(removed.body.data.unassignUnit).toEqual({ removedId: lead.id, task: { path: '一/（二）/1' } });
    const log = await gql(`{ auditLog(filter: { entity: "Assignment", operation: "UNASSIGN" }) { nodes { actor before after } } }`);
    expect(log.body.data.auditLog.nodes[0]).toMatchObject({ actor: 'alice', after: null });
    expect(log.body.data.auditLog.nodes[0].before).toMatchObject({ role: 'LEAD', review: 'REJECTED' });
  });

  it('the stored gaps and overlaps follow every write: a task loses its only accountable unit and gains a gap, gets one back and loses it, gains an overlap', async () => {
    const { body } = await gql(`{ tasks(first: 100, filter: { kind: TASK }) { nodes { id path document { id } assignments { id role version unit { name } } } } }`);
    const task = body.data.tasks.nodes.find((t: any) => t.assignments.filter((a: any) => ['LEAD', 'RESPONSIBLE', 'SHARED'].includes(a.role)).length === 1);
    expect(task).toBeDefined();
    const only = task.assignments.find((a: any) => ['LEAD', 'RESPONSIBLE', 'SHARED'].includes(a.role));
    const gaps = async () =>
      (await gql(`query ($d: ID!) { gaps(first: 100, filter: { document: $d, kinds: [NO_LEAD_OR_RESPONSIBLE] }) { totalCount nodes { task { id } } } }`, { d: task.document.id })).body.data.gaps;
    const before = await gaps();
    expect(before.nodes.map((n: any) => n.task.id)).not.toContain(task.id);
    await gql(`mutation ($id: ID!, $v: Int!) { unassignUnit(input: { assignment: $id, version: $v }) { removedId } }`, { id: only.id, v: only.version }, tokens.editor);
    const without = await gaps();
    expect(without.totalCount).toBe(before.totalCount + 1);
    expect(without.nodes.map((n: any) => n.task.id)).toContain(task.id);
    const back = await gql(`mutation ($t: ID!, $u: String!) { assignUnit(input: { task: $t, unit: $u, role: LEAD }) { assignment { id } } }`, { t: task.id, u: only.unit.name }, tokens.editor);
    expect(back.body.errors).toBeUndefined();
    expect(await gaps()).toEqual(before);
    // the same unit cooperating as well: a role overlap, stored as it is written
    const overlaps = async () =>
      (await gql(`query ($d: ID!) { overlaps(first: 100, filter: { document: $d, kinds: [LEAD_AND_COOPERATE] }) { totalCount nodes { task { id } units { name } } } }`, { d: task.document.id })).body.data.overlaps;
    expect((await overlaps()).nodes.map((n: any) => n.task.id)).not.toContain(task.id);
    await gql(`mutation ($t: ID!, $u: String!) { assignUnit(input: { task: $t, unit: $u, role: COOPERATE }) { assignment { id } } }`, { t: task.id, u: only.unit.name }, tokens.editor);
    expect((await overlaps()).nodes).toContainEqual({ task: { id: task.id }, units: [{ name: only.unit.name }] });
    // what the writes kept is what deriving everything afresh gives
    const stored = async () => [
      ...((await db.orm.em.fork().getConnection().execute(`select gap_key as "k", kind as "kind" from task_gap order by gap_key`)) as unknown[]),
      ...((await db.orm.em.fork().getConnection().execute(`select overlap_key as "k", kind as "kind", unit_id as "u" from task_overlap order by overlap_key`)) as unknown[]),
    ];
    const kept = await stored();
    expect(kept.length).toBeGreaterThan(10);
    await db.orm.em.fork().transactional(async (em) => {
      for (const st of storedAnalysisStatements(null)) await (em as SqlEntityManager).execute(st.sql, st.params);
    });
    expect(await stored()).toEqual(kept);
  });
});
