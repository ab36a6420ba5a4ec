import type { ParsedDocument } from '../../ingest/types.js';
import { type Sentence, taskSentences } from './sentences.js';

/** how far a reported task has come, as the report states it (string form of the ProgressStatus enum) */
export type ProgressStatusValue = 'DONE' | 'MOSTLY_DONE' | 'IN_PROGRESS' | 'NOT_DONE';

export interface ParsedProgress {
  /** index into parsed.tasks of the task the status is reported for */
  taskIndex: number;
  status: ProgressStatusValue;
  /** the sentence that states it, as it stands in the cleaned text */
  evidence: Sentence;
}

// the section of a progress report that answers "will it be done on time?"
const STATUS_SECTION = /^(能否按时完成|是否按时完成|完成情况|完成进度|进度情况)[：:]?$/;

// the order matters: 未完成 and 基本完成 both contain 完成, 已基本完成 contains 已…完成
const STATUS_WORDS: [RegExp, ProgressStatusValue][] = [
  [/未完成|没有完成|尚未完成|未能完成|不能按时完成|无法按时完成/, 'NOT_DONE'],
  [/基本完成/, 'MOSTLY_DONE'],
  [/已经完成|已完成|已全面完成|已全部完成|全部完成/, 'DONE'],
  [/正在推进|正在进行|推进中|正在实施|正在有序推进|进行中/, 'IN_PROGRESS'],
];

export function statusOf(sentence: string): ProgressStatusValue | null {
  return STATUS_WORDS.find(([re]) => re.test(sentence))?.[1] ?? null;
}

/**
 * The statuses a progress report gives its tasks, each with the sentence that states it — pure.
 *
 * Only the status section of each reported task is read ((三) 能否按时完成：已完成。): its
 * 进展情况 narrates sub-steps (第二阶段任务已全面完成，第三阶段任务正在有序推进) that are not the
 * task's status. A status written in the section itself is the status of the task above it
 * (the 目标任务); a status written under a numbered item of the section (1. …已经完成。) is that
 * item's. A task whose section speaks only item by item (目标任务四 of 000) gets no status of its
 * own: the report gives none, and any roll-up of its items would be ours, not the document's.
 */
export function extractProgress(parsed: ParsedDocument): ParsedProgress[] {
  const out: ParsedProgress[] = [];
  const seen = new Set<number>();
  const add = (taskIndex: number, sentences: Sentence[]) => {
    if (seen.has(taskIndex)) return;
    for (const s of sentences) {
      const status = statusOf(s.text);
      if (!status) continue;
      out.push({ taskIndex, status, evidence: s });
      seen.add(taskIndex);
      return;
    }
  };
  parsed.tasks.forEach((section, i) => {
    if (!STATUS_SECTION.test(section.title)) return;
    add(section.parent ?? i, taskSentences(parsed, i));
    parsed.tasks.forEach((item, j) => {
      if (j > i && isUnder(parsed, j, i)) add(j, taskSentences(parsed, j));
    });
  });
  return out.sort((a, b) => a.evidence.start - b.evidence.start);
}

function isUnder(parsed: ParsedDocument, j: number, ancestor: number): boolean {
  for (let p = parsed.tasks[j].parent; p !== null; p = parsed.tasks[p].parent) if (p === ancestor) return true;
  return false;
}
