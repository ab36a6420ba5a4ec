import type { Context } from '../../graphql/context.js';
import { apiError, badInput } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/relay.js';
import { DOCUMENT_COLUMNS, type DocumentRow } from './document.loaders.js';

/** a document number 文号 as stored: 〔〕 are often typed as [] or ［］ */
export function documentNumber(typed: string): string {
  return typed.trim().replace(/[[［]/g, '〔').replace(/[\]］]/g, '〕');
}

/**
 * The document a value given as `argument` names, in any of the three ways users have one: its
 * global ID, its number 文号 (brackets as typed: 〔〕, [] or ［］) or its source file name. NOT_FOUND
 * when none: a filter naming no document is an error, never an empty page.
 */
export async function requireDocument(ctx: Pick<Context, 'sql' | 'loaders'>, value: string, argument: string): Promise<DocumentRow> {
  const v = value.trim();
  const global = fromGlobalId(v);
  if (global?.type === 'Document') {
    // no number or file name decodes as a document's ID: this is one, and a malformed one is bad input
    if (!/^\d+$/.test(global.id)) throw badInput(argument, `"${v}" is not the ID of a Document`);
    const byId = await ctx.loaders.documentById.load(Number(global.id));
    if (byId) return byId;
  } else if (global && /^[A-Z][A-Za-z]+$/.test(global.type) && /^\d+$/.test(global.id)) {
    throw badInput(argument, `"${v}" is the ID of a ${global.type}, not of a Document`);
  }
  const found = await ctx.sql.one<DocumentRow>(`/* documentNamed */ select ${DOCUMENT_COLUMNS} from document d where d.doc_number = ? or d.source_file = ? order by d.row_id`, [documentNumber(v), v]);
  if (!found) throw apiError('NOT_FOUND', `${argument}: no document has the number, ID or source file "${value}"`, { argumentName: argument });
  return found;
}
