import type { MikroORM } from '@mikro-orm/core';
import { createContext } from '../../graphql/context.js';
import { apiError } from '../../graphql/errors.js';
import { type ExportData, type ExportFilter, loadExport } from './export.data.js';
import { toGraphml } from './graphml.js';
import { toJsonLd } from './jsonld.js';
import { documentLabel, toCsv } from './tabular.js';
import { toXlsx } from './xlsx.js';

export const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: toXlsx },
  csv: { contentType: 'text/csv; charset=utf-8', write: toCsv },
  jsonld: { contentType: 'application/ld+json; charset=utf-8', write: toJsonLd },
  graphml: { contentType: 'application/graphml+xml; charset=utf-8', write: toGraphml },
} satisfies Record<string, { contentType: string; write: (data: ExportData) => Buffer | Promise<Buffer> }>;

export type ExportFormat = keyof typeof FORMATS;

export function exportFormat(value: unknown): ExportFormat {
  if (typeof value === 'string' && Object.hasOwn(FORMATS, value)) return value as ExportFormat;
  throw apiError('BAD_USER_INPUT', `format: ${value === undefined ? 'missing' : `"${value}" is not a format`}; use one of ${Object.keys(FORMATS).join(', ')}`, { argumentName: 'format' });
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** a name to save it under, Chinese included: 任务分工表_晋政发〔2024〕1号.xlsx */
  fileName: string;
  documents: number;
  tasks: number;
  assignments: number;
  /** SQL statements the export ran: a fixed number, whatever its size */
  statements: number;
}

// characters file systems refuse (Windows is the strictest)
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001F]/g;

function fileNameOf(data: ExportData, format: ExportFormat): string {
  const parts = [format === 'xlsx' || format === 'csv' ? '任务分工表' : '责任图谱'];
  if (data.document) parts.push(documentLabel(data.document));
  if (data.unit) parts.push(data.unit.name);
  if (!data.document && !data.unit) parts.push('全部');
  return `${parts.join('_').replace(NOT_IN_FILE_NAMES, '_')}.${format}`;
}

/** one export, read through the API's loaders; bad input is a GraphQL error with a code (BAD_USER_INPUT, NOT_FOUND, AMBIGUOUS) */
export async function exportFile(orm: MikroORM, format: ExportFormat, filter: ExportFilter): Promise<ExportFile> {
  const ctx = createContext(orm);
  const data = await loadExport(ctx, filter);
  const { contentType, write } = FORMATS[format];
  return {
    body: await write(data),
    contentType,
    fileName: fileNameOf(data, format),
    documents: data.documents.length,
    tasks: data.tasks.length,
    assignments: data.assignments.length,
    statements: ctx.sql.statements,
  };
}
