import type { EntityManager } from '@mikro-orm/core';
import type { ParsedDocument } from '../../ingest/types.js';
import type { UnitStore } from '../../ingest/import.js';
import type { UnitResolver } from '../../ingest/resolve-units.js';
import type { Division } from '../jurisdiction/divisions.js';
import type { Document } from '../document/document.entity.js';
import type { Task } from '../task/task.entity.js';
import type { Role } from '../common/enums.js';
import { Indicator, IndicatorOwner, Observation } from './indicator.entity.js';
import type { IndicatorDirection } from './indicator.enums.js';
import { extractIndicators, extractObservations } from './indicator.extract.js';

/**
 * Writes a document's indicators (with their owners) and observations, inside the caller's
 * transaction. A replaced document's are replaced: an indicator keeps its row (and global ID)
 * while its task and metric are unchanged, an observation while its metric and period are.
 */
export async function writeIndicators(
  em: EntityManager,
  o: { parsed: ParsedDocument; doc: Document; tasks: Task[]; units: UnitStore; resolver: UnitResolver; where: Division },
): Promise<{ indicators: number; observations: number }> {
  const indicators = extractIndicators(o.parsed);
  const observations = extractObservations(o.parsed);

  const oldIndicators = o.doc.rowId ? await em.find(Indicator, { document: o.doc }, { orderBy: { rowId: 'asc' } }) : [];
  // owners are rewritten whole: they have no identity of their own
  if (oldIndicators.length) await em.nativeDelete(IndicatorOwner, { indicator: { $in: oldIndicators.map((i) => i.rowId) } });
  const byKey = keyed(oldIndicators, (i) => `${i.task.rowId}|${i.metric}`);
  for (const p of indicators) {
    const task = o.tasks[p.taskIndex];
    const fields = {
      document: o.doc,
      task,
      metric: p.metric,
      metricKey: p.metricKey,
      scope: p.scope,
      unitOfMeasure: p.unitOfMeasure,
      baseline: p.baseline,
      direction: p.direction as IndicatorDirection,
      targetValue: p.targetValue,
      targetUnit: p.targetUnit,
      deadline: p.deadline,
      deadlineYear: p.deadlineYear,
      evidenceText: p.evidence.text,
      evidenceStart: p.evidence.start,
      evidenceEnd: p.evidence.end,
    };
    const same = task.rowId ? byKey.take(`${task.rowId}|${p.metric}`) : undefined;
    const indicator = same ? Object.assign(same, fields) : em.create(Indicator, fields);
    for (const owner of p.owners) {
      const unit = await o.units.upsert(o.resolver.resolve(owner.name, o.where));
      em.create(IndicatorOwner, { indicator, unit, role: owner.role as Role });
    }
  }
  for (const stale of byKey.rest()) em.remove(stale);

  const oldObservations = o.doc.rowId ? await em.find(Observation, { document: o.doc }, { orderBy: { rowId: 'asc' } }) : [];
  const byMeasure = keyed(oldObservations, (x) => `${x.metric}|${x.period ?? ''}`);
  for (const p of observations) {
    const fields = {
      document: o.doc,
      task: p.taskIndex === null ? null : o.tasks[p.taskIndex],
      metric: p.metric,
      metricKey: p.metricKey,
      value: p.value,
      unit: p.unit,
      change: p.change,
      period: p.period,
      evidenceText: p.evidence.text,
      evidenceStart: p.evidence.start,
      evidenceEnd: p.evidence.end,
    };
    const same = byMeasure.take(`${p.metric}|${p.period ?? ''}`);
    if (same) Object.assign(same, fields);
    else em.create(Observation, fields);
  }
  for (const stale of byMeasure.rest()) em.remove(stale);
  return { indicators: indicators.length, observations: observations.length };
}

/** old rows by key, each taken at most once; what is left over is stale */
function keyed<T>(rows: T[], key: (row: T) => string) {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return {
    take: (k: string) => map.get(k)?.shift(),
    rest: () => [...map.values()].flat(),
  };
}
