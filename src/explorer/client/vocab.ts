// The domain's words as the documents write them, with English beside them: data for the views, not logic.
import type { DocumentRef, Level, Relation, TaskRef } from './types';

export const LEVELS: Record<Level, string> = { NATIONAL: '国家', PROVINCE: '省', CITY: '市', COUNTY: '县' };
export const KINDS: Record<string, string> = { UNIT: '单位', TASK: '任务', DOCUMENT: '文件' };
export const RELATIONS: Record<Relation, string> = { IMPLEMENTS: '落实 / implements', CONTINUES: '延续 / continues', CORRESPONDS: '对应 / corresponds', REPORTS_ON: '报告 / reports on' };
export const REVIEWS = {
  EXTRACTED: { label: '未审核', en: 'extracted', mark: '' },
  CONFIRMED: { label: '已确认', en: 'confirmed', mark: '✓' },
  REJECTED: { label: '已驳回', en: 'rejected', mark: '✗' },
} as const;

export const levelLabel = (level: string): string => LEVELS[level as Level] ?? level;
export const relationLabel = (r: string): string => RELATIONS[r as Relation] ?? r;
export const taskLabel = (task: Pick<TaskRef, 'path' | 'title'>): string => `${task.path} ${task.title}`.trim();
export const docLabel = (doc: Pick<DocumentRef, 'number' | 'title'> | null | undefined): string => doc?.number || doc?.title || '';
