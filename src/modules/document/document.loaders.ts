import DataLoader from 'dataloader';
import type { DocumentFormat, DocumentKind } from '../common/enums.js';
import { groupBy, placeholders, type Sql } from '../../graphql/sql.js';

export interface DocumentRow {
  rowId: number;
  sourceFile: string;
  title: string;
  number: string | null;
  issuerName: string | null;
  issuerId: number | null;
  date: string | null;
  year: number | null;
  kind: DocumentKind;
  jurisdictionCode: string | null;
  jurisdictionEvidence: string | null;
  format: DocumentFormat;
  reader: string | null;
  pageStarts: string | null;
}

export interface NoiseRow {
  rowId: number;
  documentId: number;
  kind: string;
  text: string;
  rawStart: number;
  cleanOffset: number;
  reason: string;
}

export interface DocumentReferenceRow {
  documentId: number;
  title: string;
  citedDocumentId: number | null;
  sentence: string;
  sentenceStart: number;
}

export interface ParseProblemRow {
  documentId: number;
  message: string;
  text: string;
  start: number;
  end: number;
}

// the texts are large: they are loaded only when a query asks for them
export const DOCUMENT_COLUMNS = `d.row_id as "rowId", d.source_file as "sourceFile", d.title as "title", d.doc_number as "number",
  d.issuer_name as "issuerName", d.issuer_id as "issuerId", d.issued_on as "date", d.year as "year", d.kind as "kind", d.jurisdiction_code as "jurisdictionCode",
  d.jurisdiction_evidence as "jurisdictionEvidence", d.format as "format", d.reader as "reader", d.page_starts as "pageStarts"`;

export function documentLoaders(sql: Sql) {
  return {
    documentById: new DataLoader<number, DocumentRow | null>(async (ids) => {
      const rows = await sql.all<DocumentRow>(`/* documentById */ select ${DOCUMENT_COLUMNS} from document d where d.row_id in (${placeholders(ids.length)})`, [...ids]);
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    documentTexts: new DataLoader<number, { text: string; rawText: string }>(async (ids) => {
      const rows = await sql.all<{ rowId: number; text: string; rawText: string }>(
        `/* documentTexts */ select row_id as "rowId", text as "text", raw_text as "rawText" from document where row_id in (${placeholders(ids.length)})`,
        [...ids],
      );
      const byId = new Map(rows.map((r) => [r.rowId, r]));
      return ids.map((id) => byId.get(id) ?? { text: '', rawText: '' });
    }),
    noiseByDocumentId: new DataLoader<number, NoiseRow[]>(async (ids) => {
      const rows = await sql.all<NoiseRow>(
        `/* noiseByDocumentId */ select row_id as "rowId", document_id as "documentId", kind as "kind", text as "text", raw_start as "rawStart",
           clean_offset as "cleanOffset", reason as "reason" from noise where document_id in (${placeholders(ids.length)}) order by row_id`,
        [...ids],
      );
      const byDoc = groupBy(rows, (r) => r.documentId);
      return ids.map((id) => byDoc.get(id) ?? []);
    }),
    referencesByDocumentId: new DataLoader<number, DocumentReferenceRow[]>(async (ids) => {
      const rows = await sql.all<DocumentReferenceRow>(
        `/* referencesByDocumentId */ select document_id as "documentId", title as "title", cited_document_id as "citedDocumentId", sentence as "sentence",
           sentence_start as "sentenceStart" from document_reference where document_id in (${placeholders(ids.length)}) order by row_id`,
        [...ids],
      );
      const byDoc = groupBy(rows, (r) => r.documentId);
      return ids.map((id) => byDoc.get(id) ?? []);
    }),
    problemsByDocumentId: new DataLoader<number, ParseProblemRow[]>(async (ids) => {
      const rows = await sql.all<ParseProblemRow>(
        `/* problemsByDocumentId */ select document_id as "documentId", message as "message", text as "text", span_start as "start", span_end as "end"
         from parse_problem where document_id in (${placeholders(ids.length)}) order by row_id`,
        [...ids],
      );
      const byDoc = groupBy(rows, (r) => r.documentId);
      return ids.map((id) => byDoc.get(id) ?? []);
    }),
  };
}
