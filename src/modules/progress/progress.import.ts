import type { EntityManager } from '@mikro-orm/core';
import type { ParsedDocument } from '../../ingest/types.js';
import type { Document } from '../document/document.entity.js';
import type { Task } from '../task/task.entity.js';
import type { Unit } from '../unit/unit.entity.js';
import { ProgressReport } from './progress.entity.js';
import { extractProgress } from './progress.extract.js';
import type { ProgressStatus } from './progress.enums.js';

/**
 * Writes the statuses a document reports, inside the caller's transaction: a replaced document's
 * extracted reports are replaced — a task keeps its report row (and global ID) when it is still reported on.
 */
export async function writeProgressReports(
  em: EntityManager,
  o: { parsed: ParsedDocument; doc: Document; tasks: Task[]; issuer: Unit | null },
): Promise<number> {
  const found = extractProgress(o.parsed);
  // reports a person recorded against this document are theirs, not the extractor's: they stay
  const old = o.doc.rowId ? await em.find(ProgressReport, { document: o.doc, recordedBy: null }, { orderBy: { rowId: 'asc' } }) : [];
  const byTask = new Map(old.map((r) => [r.task.rowId, r]));
  for (const p of found) {
    const task = o.tasks[p.taskIndex];
    const fields = {
      task,
      document: o.doc,
      reportingUnit: o.issuer,
      date: o.parsed.meta.date,
      year: o.parsed.meta.year,
      status: p.status as ProgressStatus,
      evidenceText: p.evidence.text,
      evidenceStart: p.evidence.start,
      evidenceEnd: p.evidence.end,
    };
    const same = task.rowId ? byTask.get(task.rowId) : undefined;
    if (same) {
      Object.assign(same, fields);
      byTask.delete(task.rowId);
    } else em.create(ProgressReport, fields);
  }
  for (const stale of byTask.values()) em.remove(stale);
  return found.length;
}
