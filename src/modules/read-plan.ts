import type { GraphQLResolveInfo } from 'graphql';
import { type Plan, type PlanContext, planRows, type PlanSchema } from '../graphql/planner.js';
import { UNIT_COLUMNS } from './unit/unit.loaders.js';
import { ASSIGNMENT_COLUMNS } from './assignment/assignment.loaders.js';
import { TASK_COLUMNS } from './task/task.loaders.js';
import { DOCUMENT_COLUMNS } from './document/document.loaders.js';
import { JURISDICTION_COLUMNS } from './jurisdiction/jurisdiction.loaders.js';

/**
 * What a statement may bring along for the query (src/graphql/planner.ts): the rows of each type
 * as its loaders read them, and the fields that lead from one row to related rows. Each relation
 * answers what its field's loader answers, in the same order; the resolvers of these fields take
 * the value from the parent row when it was brought.
 */
export const READ_PLAN: PlanSchema = {
  // `fields`: what each field's resolver reads of the row (a plain field reads its own property)
  rows: {
    Unit: {
      table: 'unit',
      alias: 'u',
      columns: UNIT_COLUMNS,
      key: 'rowId',
      fields: { ...plain('name', 'kind', 'level', 'sector', 'verified', 'version'), id: [], aliases: [], jurisdiction: ['jurisdictionCode'], assignments: [], parent: ['parentId'] },
    },
    Assignment: {
      table: 'assignment',
      alias: 'a',
      columns: ASSIGNMENT_COLUMNS,
      key: 'rowId',
      fields: { ...plain('role', 'mention', 'implicit', 'phrase', 'review', 'version'), id: [], task: ['taskId'], unit: ['unitId'] },
    },
    Task: {
      table: 'task',
      alias: 't',
      columns: TASK_COLUMNS,
      key: 'rowId',
      fields: { ...plain('ordinal', 'depth', 'label', 'path', 'title', 'kind', 'deadline', 'target', 'start', 'end', 'version'), id: [], assignments: [], document: ['documentId'], parent: ['parentId'] },
    },
    Document: {
      table: 'document',
      alias: 'd',
      columns: DOCUMENT_COLUMNS,
      key: 'rowId',
      fields: { ...plain('sourceFile', 'title', 'number', 'issuerName', 'date', 'year', 'kind', 'format', 'reader'), id: [], tasks: [] },
    },
    Jurisdiction: { table: 'jurisdiction', alias: 'j', columns: JURISDICTION_COLUMNS, key: 'code', fields: plain('code', 'name', 'level') },
  },
  relations: {
    Unit: {
      aliases: { kind: 'values', table: 'unit_alias', value: 'alias', order: 'row_id', join: (c, p) => `${c}.unit_id = ${p}.row_id` },
      jurisdiction: { kind: 'one', type: 'Jurisdiction', join: (c, p) => `${c}.code = ${p}.jurisdiction_code` },
      assignments: {
        kind: 'page',
        type: 'Assignment',
        list: 'Unit.assignments',
        join: (c, p) => `${c}.unit_id = ${p}.row_id`,
        order: 'row_id',
        orderKey: 'rowId',
        where: (c, { role }) => (role ? { sql: `${c}.role = ?`, params: [role] } : { sql: '', params: [] }),
      },
    },
    Assignment: {
      task: { kind: 'one', type: 'Task', join: (c, p) => `${c}.row_id = ${p}.task_id` },
      unit: { kind: 'one', type: 'Unit', join: (c, p) => `${c}.row_id = ${p}.unit_id` },
    },
    Task: {
      assignments: { kind: 'list', type: 'Assignment', join: (c, p) => `${c}.task_id = ${p}.row_id`, order: 'row_id' },
      document: { kind: 'one', type: 'Document', join: (c, p) => `${c}.row_id = ${p}.document_id` },
    },
    Document: {
      tasks: { kind: 'page', type: 'Task', list: 'Document.tasks', join: (c, p) => `${c}.document_id = ${p}.row_id`, order: 'ordinal', orderKey: 'ordinal' },
    },
  },
};

function plain(...properties: string[]): Record<string, string[]> {
  return Object.fromEntries(properties.map((p) => [p, [p]]));
}

/** the columns that bring what the query asks of rows of `type` read under `alias` (planner.ts planRows) */
export function planFor(ctx: PlanContext, info: GraphQLResolveInfo, type: string, alias: string, paths?: string[][]): Plan {
  return planRows(READ_PLAN, ctx, info, type, alias, paths);
}
