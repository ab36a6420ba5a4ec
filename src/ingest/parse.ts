import type { DocumentReferenceParsed, ParsedAssignment, ParsedDocument, ParsedTask, ParseProblem } from './types.js';
import { append } from './arrays.js';
import { cleanText, type ReaderLayout } from './clean.js';
import { LOW_CONFIDENCE } from './formats/reader.js';
import { readMetadata } from './metadata.js';
import { placeDocument } from './jurisdiction.js';
import { findTasks } from './structure.js';
import { splitParagraphs } from './paragraphs.js';
import { dedupeAssignments, findClauses, findStatedDuties, readCell, unreadBrackets } from './clauses.js';
import { rowCells } from './table-rows.js';
import { FIRST_IS_LEAD, RESPONSIBILITY_LINE } from './lexicon.js';
import type { DivisionIndex } from '../modules/jurisdiction/divisions.js';

// 6月底前, 年内, 2025年完成 …: when the document sets a time for the task
const DEADLINE =
  /(\d{4}年(?:\d{1,2}月)?(?:底|年底)?前|到\d{4}年底?|\d{4}年底|\d{4}年(?=(?:编制|基本|全面)?(?:完成|建成|实现|达到))|\d{1,2}月(?:底|中旬|上旬|下旬)?前|年内|年底前)/;
const TARGET = /(?:下降|降低|减少|提高|提升|增长|达到|超过|不低于|不少于|不超过|控制在|占比超过|覆盖率达到)\s*[<>≤≥]?\s*\d+(?:\.\d+)?\s*(?:%|‰|个百分点)|[<>≤≥]\s*\d+(?:\.\d+)?/;
const REPORTING_KINDS = new Set(['PROGRESS_REPORT', 'NEWS']);

/**
 * Reads one document: cleaned text, metadata, every numbered task at every level, and the
 * responsibility clauses of each — pure, and never throws on bad input: what it cannot
 * read is returned in `problems`.
 */
export function parseDocument(raw: string, divisions: DivisionIndex, layout: ReaderLayout = {}): ParsedDocument {
  const { text, noise, pageStarts, confidence } = cleanText(raw, layout);
  // paragraphs, once: a copy run together on one line is cut back into them
  const paragraphs = splitParagraphs(text);
  const head = readMetadata(text, paragraphs, divisions);
  const meta: ParsedDocument['meta'] = { ...head, jurisdiction: null, jurisdictionEvidence: [] };
  const drafts = findTasks(text, paragraphs, meta.kind);
  const problems: ParseProblem[] = [];

  const tasks: ParsedTask[] = drafts.map((d) => ({
    parent: d.parent,
    label: d.label,
    path: d.path,
    title: d.title,
    text: d.text,
    kind: d.kind,
    depth: d.depth,
    start: d.start,
    end: d.end,
    ...(!REPORTING_KINDS.has(meta.kind) && deadlineOf(d.title + d.text) ? { deadline: deadlineOf(d.title + d.text) } : {}),
    ...(!REPORTING_KINDS.has(meta.kind) && TARGET.exec(d.title + d.text) ? { target: TARGET.exec(d.title + d.text)![0].replace(/\s+/g, '') } : {}),
    assignments: [],
  }));

  // declarations (以下均需…负责) reach every later task numbered like the one that declares them
  const declared: { from: number; style: string; depth: number; assignments: ParsedAssignment[] }[] = [];
  // an item's own text: its run-in heading (which may carry its clause: 二、推进产业数字化（牵头责任单位：…）。,
  // or be the whole item: 由区商贸旅游局牵头，全面负责…), then its paragraphs
  const ownSpans = (d: (typeof drafts)[number]) => [{ start: d.titleStart, end: d.titleStart + d.title.length }, ...d.paragraphs];
  drafts.forEach((d, i) => {
    for (const p of ownSpans(d)) {
      for (const found of findClauses(text.slice(p.start, p.end), p.start)) {
        append(tasks[i].assignments, found.assignments);
        append(problems, found.problems);
        if (found.declarations.length) declared.push({ from: i, style: d.style, depth: d.depth, assignments: found.declarations });
      }
      append(problems, unreadBrackets(text.slice(p.start, p.end), p.start));
    }
    // an item of a table whose last column lists units: its last lines that are units are that column
    const cells = d.cells ?? (d.unitsColumn ? rowCells(ownSpans(d).map((s) => ({ ...s, text: text.slice(s.start, s.end) })), [d.unitsColumn]).columns : []);
    const fromCells: ParsedAssignment[] = [];
    for (const cell of cells) {
      const cellText = text.slice(cell.start, cell.end);
      if (cell.kind === 'deadline') tasks[i].deadline = cellText;
      if (typeof cell.kind !== 'object') continue;
      const found = readCell(cellText, cell.start, cell.kind.units, cell.kind.phrase);
      append(fromCells, found.assignments);
      append(problems, found.problems);
    }
    // a 牵头单位 column beside a 责任单位 one: the responsible units share the work it leads — unless
    // the table gives those a column of their own (分工负责单位, as `dutygraph export` writes it)
    if (!d.sharedColumn && fromCells.some((a) => a.role === 'LEAD')) for (const a of fromCells) if (a.role === 'RESPONSIBLE') a.role = 'SHARED';
    append(tasks[i].assignments, fromCells);
  });
  applyFirstIsLead(text, tasks);
  for (const t of tasks) shareBesideLeadLine(t);
  // where a task of a notice or plan has no clause, its duties may be stated in its sentences
  if (!REPORTING_KINDS.has(meta.kind)) {
    drafts.forEach((d, i) => {
      if (tasks[i].assignments.length) return;
      for (const p of ownSpans(d)) {
        for (const found of findStatedDuties(text.slice(p.start, p.end), p.start)) append(tasks[i].assignments, found.assignments);
      }
    });
  }
  for (const t of tasks) t.assignments = dedupeAssignments(t.assignments);
  for (const decl of declared) {
    for (let j = decl.from + 1; j < drafts.length; j++) {
      if (drafts[j].style !== decl.style || drafts[j].depth !== decl.depth) continue;
      for (const a of decl.assignments) {
        if (!tasks[j].assignments.some((b) => b.name === a.name && b.role === a.role)) tasks[j].assignments.push(a);
      }
    }
  }
  const placed = placeDocument(text, paragraphs, head, divisions, tasks.flatMap((t) => t.assignments.map((a) => a.name)));
  meta.jurisdiction = placed.code;
  meta.jurisdictionEvidence = placed.evidence;
  if (placed.refused) meta.jurisdictionRefused = placed.refused;
  const paged = layout.pageStarts !== undefined;
  for (const a of tasks.flatMap((t) => t.assignments)) {
    for (const clause of a.basis ? [a.clause, a.basis] : [a.clause]) {
      if (paged) clause.page = pageAt(pageStarts, clause.start);
      const seen = confidence.filter((c) => c.start < clause.end && c.end > clause.start).map((c) => c.confidence);
      if (seen.length) clause.confidence = Math.min(...seen);
    }
  }
  const lowConfidence = uniqueBy(
    tasks.flatMap((t) => t.assignments.map((a) => a.clause)).filter((c) => c.confidence !== undefined && c.confidence < LOW_CONFIDENCE),
    (c) => c.start,
  );
  return { meta, rawText: raw, text, noise, tasks, problems, references: findReferences(text, meta.title), pageStarts: paged ? pageStarts : null, confidence, lowConfidence };
}

/** the page (from 1) an offset of the cleaned text stands on */
export function pageAt(pageStarts: number[], offset: number): number {
  let page = 1;
  for (const start of pageStarts) if (start <= offset) page++;
  return page;
}

function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
}

/**
 * 牵头单位：X on one line and 责任单位：Y on the next are one list of the item's units: Y
 * shares the work X leads, as it would written in one clause.
 */
function shareBesideLeadLine(task: ParsedTask): void {
  const lines = task.assignments.filter((a) => !a.implicit && RESPONSIBILITY_LINE.test(a.clause.text));
  if (!lines.some((a) => a.role === 'LEAD')) return;
  for (const a of lines) if (a.role === 'RESPONSIBLE') a.role = 'SHARED';
}

/**
 * 排在第一位的部门为牵头部门，下同: from where a document declares it, the first unit of each clause
 * that names no lead leads, and the others that are merely responsible share.
 */
function applyFirstIsLead(text: string, tasks: ParsedTask[]): void {
  const declared = FIRST_IS_LEAD.exec(text);
  if (!declared) return;
  for (const t of tasks) {
    const byClause = new Map<number, ParsedAssignment[]>();
    for (const a of t.assignments) {
      if (a.implicit || a.clause.end < declared.index) continue;
      byClause.set(a.clause.start, [...(byClause.get(a.clause.start) ?? []), a]);
    }
    for (const list of byClause.values()) {
      if (list.some((a) => a.role === 'LEAD')) continue;
      list.forEach((a, i) => {
        if (i === 0 && (a.role === 'RESPONSIBLE' || a.role === 'SHARED')) a.role = 'LEAD';
        else if (a.role === 'RESPONSIBLE') a.role = 'SHARED';
      });
    }
  }
}

// 为贯彻落实《…》《…》… / 根据《…》: the documents this one says it carries out
const STATES_IMPLEMENTING = /(贯彻落实|贯彻|落实|根据|按照|依据|对照)/;

function findReferences(text: string, ownTitle: string): DocumentReferenceParsed[] {
  const out: DocumentReferenceParsed[] = [];
  let at = 0;
  for (const sentence of text.split(/(?<=[。；\n])/)) {
    const start = at;
    at += sentence.length;
    const first = sentence.indexOf('《');
    if (first < 0 || !STATES_IMPLEMENTING.test(sentence.slice(Math.max(0, first - 6), first))) continue;
    const clean = sentence.replace(/[。；\n]$/, '');
    const clause = { text: clean, start, end: start + clean.length, openEnded: false };
    for (const m of sentence.slice(first).matchAll(/《([^《》]{4,80})》/g)) {
      const title = m[1];
      // 以下统称《规划》 and the document's own title are not other documents
      if (title.length < 6 || ownTitle.includes(title) || out.some((r) => r.title === title)) continue;
      out.push({ title, sentence: clause });
    }
  }
  return out;
}

function deadlineOf(s: string): string | undefined {
  return DEADLINE.exec(s)?.[0];
}
