import { basename } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { parseDocument } from './parse.js';
import type { ReaderLayout } from './clean.js';
import type { DocumentFormat } from './formats/reader.js';
import { type DocumentView, ensureJurisdictions, ImportError, type ImportReport, importDocument, UnitStore } from './import.js';
import { decodeDocument, DEFAULT_MAX_BYTES, readDocumentFile, UnreadableFileError } from './read.js';
import { UnitResolver } from './resolve-units.js';
import { DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { refreshLinks } from '../modules/link/link.service.js';
import { takingTurns } from '../orm.js';

export interface IngestOptions {
  /** parse, resolve and report, then roll back: nothing is written */
  dryRun?: boolean;
  maxBytes?: number;
  /** GB/T 2260 code of the issuing jurisdiction, for documents whose header does not tell */
  jurisdiction?: string;
  /** who the audit trail names: `cli`, or the token of an API caller */
  actor?: string;
  /** told as the work goes on: files read, documents parsed, tasks written */
  onProgress?: (progress: IngestProgress) => void;
}

export type IngestStage = 'READING' | 'PARSING' | 'WRITING' | 'LINKING';

export interface IngestProgress {
  stage: IngestStage;
  done: number;
  total: number;
}

/** a document's text as read, under the name it arrived with, with what its reader knows of it */
export interface SourceText extends ReaderLayout {
  file: string;
  encoding: string;
  text: string;
  /** the form it arrived in and what read it; plain text when not given */
  format?: DocumentFormat;
  reader?: string;
}

export interface IngestedFile {
  file: string;
  encoding: string;
  view: DocumentView;
  report: ImportReport;
}

export interface IngestResult {
  ingested: IngestedFile[];
  /** files that could not be read or placed at all, with why */
  failed: { file: string; error: string; why: 'unreadable' | 'empty' | 'unplaced'; reason?: string }[];
  dryRun: boolean;
}

class DryRunRollback extends Error {}

/** reads the files (the unreadable ones reported by name), then ingests what was read */
export async function ingestFiles(orm: MikroORM, files: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const sources: SourceText[] = [];
  const failed: IngestResult['failed'] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.({ stage: 'READING', done: i, total: files.length });
    try {
      sources.push({ file, ...(await readDocumentFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES)) });
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      failed.push({ file, error: error.message, why: 'unreadable' });
    }
  }
  const result = await ingestTexts(orm, sources, options);
  return { ...result, failed: [...failed, ...result.failed] };
}

/**
 * Parses and writes documents: all of them in one transaction (a killed run leaves the
 * database as it was); those that cannot be placed are reported by name. The CLI and the
 * ingestDocument mutation share it.
 */
export async function ingestTexts(orm: MikroORM, sources: SourceText[], options: IngestOptions = {}): Promise<IngestResult> {
  const divisions = new DivisionIndex();
  if (options.jurisdiction && !divisions.byCode.has(options.jurisdiction)) {
    throw new UnreadableFileError('--jurisdiction', `"${options.jurisdiction}" is not a GB/T 2260 division code`);
  }
  const resolver = new UnitResolver(divisions);
  const failed: IngestResult['failed'] = [];
  const parsed: { file: string; encoding: string; doc: ReturnType<typeof parseDocument> }[] = [];
  for (const [i, { file, encoding, text, format, reader, ...layout }] of sources.entries()) {
    options.onProgress?.({ stage: 'PARSING', done: i, total: sources.length });
    const doc = parseDocument(text, divisions, layout);
    doc.source = { format: format ?? 'TEXT', reader: reader ?? 'text' };
    if (options.jurisdiction) {
      const given = divisions.byCode.get(options.jurisdiction)!;
      doc.meta.jurisdiction = given.code;
      doc.meta.jurisdictionEvidence = [{ source: 'GIVEN', text: `--jurisdiction ${given.code}`, code: given.code, name: given.name }];
    }
    if (!doc.text.trim()) failed.push({ file, error: `${file}: no text in it`, why: 'empty' });
    else parsed.push({ file, encoding, doc });
  }

  const ingested: IngestedFile[] = [];
  const audit = { actor: options.actor ?? 'cli', operation: 'INGEST' };
  const unreadable = failed.length;
  try {
    // tried again whole while another process writes to a SQLite file: what a try wrote is rolled back
    await takingTurns(() => orm.em.fork().transactional(async (em) => {
      ingested.length = 0;
      failed.length = unreadable;
      await ensureJurisdictions(em, divisions);
      const units = new UnitStore(em);
      const total = parsed.reduce((n, p) => n + p.doc.tasks.length, 0);
      let written = 0;
      const onTask = () => options.onProgress?.({ stage: 'WRITING', done: ++written, total });
      for (const p of parsed) {
        try {
          const { report, view } = await importDocument(em, p.doc, basename(p.file), resolver, divisions, units, audit, onTask);
          report.source.encoding = p.encoding;
          ingested.push({ file: p.file, encoding: p.encoding, report, view });
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          failed.push({ file: p.file, error: `${p.file}: ${error.reason}; pass --jurisdiction CODE`, why: 'unplaced', reason: error.reason });
        }
      }
      options.onProgress?.({ stage: 'LINKING', done: 0, total: 1 });
      await refreshLinks(em, ingested.filter((f) => f.report.status !== 'unchanged').map((f) => f.report.documentId));
      if (options.dryRun) throw new DryRunRollback();
    }));
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return { ingested, failed, dryRun: Boolean(options.dryRun) };
}

/** the human-readable report the CLI prints */
export function formatReport(result: IngestResult): string {
  const out: string[] = [];
  for (const { file, report: r } of result.ingested) {
    const d = r.document;
    out.push(`${file} (${r.source.format}, ${r.source.encoding}, read by ${r.source.reader}${r.source.pages ? `, ${r.source.pages} pages` : ''}): ${d.title}`);
    out.push(`  ${result.dryRun ? 'would be ' : ''}${r.status} — ${d.number ?? 'no number'}, ${d.kind}, jurisdiction ${d.jurisdiction}, issuer ${d.issuer ?? 'unknown'}, date ${d.date ?? 'unknown'}`);
    out.push(`  placed by: ${d.jurisdictionEvidence.map((e) => `${e.source.toLowerCase()} "${e.text}" → ${e.name} ${e.code}`).join('; ')}`);
    out.push(`  tasks: ${r.tasks} — by depth ${list(r.tasksByDepth)}; by kind ${list(r.tasksByKind)}`);
    out.push(`  assignments: ${r.assignments}${r.assignments ? ` — ${list(r.assignmentsByRole)}; implicit ${r.implicitAssignments}` : ''}`);
    const unverified = r.unitsCreated.filter((u) => !u.verified);
    out.push(`  units: ${r.unitsMatched.length} matched to known units, ${r.unitsCreated.length} created${unverified.length ? `, ${unverified.length} unverified: ${unverified.map((u) => u.name).join('、')}` : ''}`);
    if (r.problems.length) {
      out.push(`  clauses not read: ${r.problems.length}`);
      for (const p of r.problems) out.push(`    [${p.start}–${p.end}] ${p.message}: ${p.text}`);
    } else out.push('  clauses not read: none');
    if (r.lowConfidence.length) {
      out.push(`  clauses read by OCR with low confidence: ${r.lowConfidence.length} (check them against the scan)`);
      for (const c of r.lowConfidence) out.push(`    [${c.start}–${c.end}]${c.page ? ` page ${c.page}` : ''} confidence ${c.confidence}: ${c.text}`);
    }
    out.push(`  noise removed: ${list(r.noise.counts) || 'none'}`);
    for (const n of r.noise.removed.filter((x) => x.kind !== 'PAGE_BREAK')) out.push(`    ${n.kind} at ${n.rawStart}: ${JSON.stringify(n.text)} — ${n.reason}`);
  }
  for (const f of result.failed) out.push(`${f.file}: NOT INGESTED — ${f.error}`);
  if (result.dryRun) out.push('dry run: nothing was written');
  return out.join('\n') + '\n';
}

function list(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** one document as the API receives it: its text, or the file itself base64-encoded */
export interface IngestRequest {
  fileName: string;
  text?: string | null;
  file?: string | null;
  jurisdiction?: string | null;
  dryRun: boolean;
}

/** a request refused for what it holds, naming the input at fault (a GraphQL BAD_USER_INPUT) */
export class IngestRefusal extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** what the API reports of one ingest: plain data, the same whether it ran in the request or as a job */
export interface IngestSummary {
  status: 'CREATED' | 'REPLACED' | 'UNCHANGED';
  dryRun: boolean;
  documentId: number | null;
  title: string;
  number: string | null;
  jurisdictionEvidence: ImportReport['document']['jurisdictionEvidence'];
  tasks: number;
  assignments: number;
  assignmentsByRole: { role: string; count: number }[];
  unitsCreated: string[];
  unitsUnverified: string[];
  problems: ImportReport['problems'];
  noiseRemoved: number;
  format: string;
  reader: string;
  pageCount: number | null;
  lowConfidence: { message: string; text: string; start: number; end: number }[];
}

/** reads, parses and writes one document for the API; a request it cannot take is an IngestRefusal */
export async function ingestOne(orm: MikroORM, request: IngestRequest, actor: string, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
  if ((request.text == null) === (request.file == null)) throw new IngestRefusal('input', 'give either text or file, not both and not neither');
  let source: SourceText;
  if (request.file != null) {
    try {
      source = { file: request.fileName, ...(await decodeDocument(Buffer.from(request.file, 'base64'), request.fileName)) };
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new IngestRefusal('input.file', error.message);
      throw error;
    }
  } else source = { file: request.fileName, encoding: 'utf-8', text: request.text! };
  let result: IngestResult;
  try {
    result = await ingestTexts(orm, [source], { actor, dryRun: request.dryRun, jurisdiction: request.jurisdiction ?? undefined, onProgress });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new IngestRefusal('input.jurisdiction', `"${request.jurisdiction}" is not a GB/T 2260 division code`);
    throw error;
  }
  const [failure] = result.failed;
  if (failure?.why === 'empty') throw new IngestRefusal(request.file != null ? 'input.file' : 'input.text', 'there is no text in it once cleaned');
  if (failure) throw new IngestRefusal('input.jurisdiction', `${failure.reason ?? 'cannot tell which province, city or county issued it'}: give jurisdiction`);
  const { report } = result.ingested[0];
  return {
    status: report.status.toUpperCase() as IngestSummary['status'],
    dryRun: result.dryRun,
    documentId: result.dryRun ? null : report.documentId,
    title: report.document.title,
    number: report.document.number,
    jurisdictionEvidence: report.document.jurisdictionEvidence,
    tasks: report.tasks,
    assignments: report.assignments,
    assignmentsByRole: Object.entries(report.assignmentsByRole).map(([role, count]) => ({ role, count })),
    unitsCreated: report.unitsCreated.map((u) => u.name),
    unitsUnverified: report.unitsCreated.filter((u) => !u.verified).map((u) => u.name),
    problems: report.problems,
    noiseRemoved: Object.values(report.noise.counts).reduce((a, b) => a + b, 0),
    format: report.source.format,
    reader: report.source.reader,
    pageCount: report.source.pages,
    lowConfidence: report.lowConfidence.map((c) => ({ message: `confidence ${c.confidence}${c.page ? ` on page ${c.page}` : ''}`, text: c.text, start: c.start, end: c.end })),
  };
}
