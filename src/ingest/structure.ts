import type { DocumentKind, ParsedTask, TaskKind } from './types.js';
import { cellText, type ColumnKind, readStackedHeader, readTableHeader, readTableRow, readUnitsColumnHeader, rowCells, type TableHeader } from './table-rows.js';
import { BOX_START, type NumberingStyle, RESPONSIBILITY_LINE, toFullWidthPunct } from './lexicon.js';
import { decimalLooking, matchNumbering, NumberingState, type Paragraph } from './paragraphs.js';

/** a task as the structure pass sees it: its own paragraphs, before clauses are read */
export interface TaskDraft extends Omit<ParsedTask, 'assignments' | 'kind'> {
  style: NumberingStyle | 'subtopic' | 'row';
  /** a row of a 任务分工表: its cells of units and deadlines, by column */
  cells?: { kind: ColumnKind; start: number; end: number }[];
  /** …and its table has a column of its own for units that share the work (分工负责单位) */
  sharedColumn?: boolean;
  /** an item inside a table whose last column lists units: the kind of that column */
  unitsColumn?: ColumnKind;
  kind: TaskKind;
  /** [start, end) of each paragraph that belongs to the task itself (not its children) */
  paragraphs: { start: number; end: number }[];
  /** the plain paragraph that introduced a run of unnumbered items (——) */
  intro: string;
  /** where the run-in title starts: a one-sentence item (由X牵头…) states its duties there */
  titleStart: number;
}


// fields of an item (责任单位：…, 工作计划：…, 完成情况：…), not run-in sub-topics
const FIELD_WORD = /^((责任|牵头|配合|协办|主办|参与|督办)(单位|部门)|工作计划|工作目标|完成情况|进展情况|推进情况|目标任务|工作措施|具体措施|主要措施|主要内容|时间安排|完成时限|时间节点|工作要求)/;
// a run-in sub-topic without a number: 煤矿：…, 森林草原火灾:…
const SUBTOPIC = /^([^，,。；;：:、（()）“”《》\d]{2,8})[:：](?=\S)/;
// how the numbering styles nest by convention: 一、 > （一） > 1. > （1） > ①
const RANK: Record<TaskDraft['style'], number> = {
  part: -1,
  chapter: 0,
  article: 0,
  'paren-cn': 1,
  ordinal: 2,
  arabic: 2,
  row: 2,
  'paren-arabic': 3,
  'arabic-paren': 3,
  circled: 4,
  dash: 5,
  subtopic: 6,
};

const FILE_NAME = /\.(?:docx?|wps|pdf|xlsx?|txt|html?)$/i;
const DATE_LINE = /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|[一二三四五六七八九〇○零]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)(印发)?$/;
// what ends the text: distribution lists
const END_MATTER = /^(抄送[:：]|主送[:：])/;
// what ends a covering notice: its signature and date, 此件公开发布, 附件 — an attached plan may follow
const NOTICE_END = /^([（(]此件公开发布[)）]|附件[:：]?$)/;

/**
 * Finds the numbered items of a cleaned text, at every level, whatever the numbering
 * style (一、（一）1.（1）① 第一条 一是 ——), with run-in sub-topics and boxed 专栏 lists.
 */
export function findTasks(text: string, paragraphs: Paragraph[], docKind: DocumentKind): TaskDraft[] {

  const tasks: TaskDraft[] = [];
  // open numbering levels, outermost first
  const stack: { style: TaskDraft['style']; task: number }[] = [];
  // an open 专栏: the item it belongs to, and its line being read
  let box: { owner: number | null; line: number | null } | null = null;
  let ended = false;
  let lastPlain = '';
  let table: TableHeader | null = null;
  // the numbers seen so far, to tell 11.121人才… after item 10 from a decimal
  const numbering = new NumberingState();
  let unitsColumn: ColumnKind | null = null;

  const top = () => (stack.length ? stack[stack.length - 1] : null);
  // a row of a 任务分工表: its first task cell is its title, the others its text; its cells of units by column
  const addRow = (label: string, start: number, taskCells: Paragraph[], cells: NonNullable<TaskDraft['cells']>) => {
    const pos = stack.findIndex((s) => s.style === 'row');
    if (pos >= 0) stack.length = pos;
    const cell = taskCells[0]?.text ?? '';
    // a task cell that starts with the document's own numbering ((一)严格…, 1.完善…) names the item by
    // it, as the document does; 序号 is then only the table's count
    const own = matchNumbering(cell);
    const title = own ? cell.slice(own.label.length).trimStart() : cell;
    const restStart = (taskCells[0]?.start ?? start) + cell.length - title.length;
    const idx = addTask(tasks, { parent: top()?.task ?? null, style: 'row', label: own?.label ?? label, start, rest: title, restStart, intro: '', title });
    tasks[idx].paragraphs = taskCells.slice(1).map((c) => ({ start: c.start, end: c.start + c.text.length }));
    tasks[idx].cells = cells;
    tasks[idx].sharedColumn = Boolean(table?.trailing.some((k) => typeof k === 'object' && k.units === 'SHARED'));
    stack.push({ style: 'row', task: idx });
  };
  const attach = (p: Paragraph) => {
    const t = top();
    if (!t) return;
    const task = tasks[t.task];
    task.paragraphs.push({ start: p.start, end: p.start + p.text.length });
  };

  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const line = p.text;
    if (ended) break;
    if (tasks.length && END_MATTER.test(line)) {
      ended = true;
      break;
    }
    if (tasks.length && isNoticeEnd(paragraphs, i)) {
      // the covering notice ends; what follows (the plan it issues) starts from the top again
      stack.length = 0;
      table = null;
      unitsColumn = null;
      continue;
    }
    const columnsHeader = table ? null : readUnitsColumnHeader(paragraphs.slice(i, i + 10).map((q) => q.text));
    if (columnsHeader) {
      unitsColumn = columnsHeader.kind;
      i += columnsHeader.lines - 1;
      continue;
    }
    const stacked = readStackedHeader(paragraphs.slice(i, i + 12).map((q) => q.text));
    const header = stacked?.header ?? readTableHeader(line);
    if (header) {
      table = header;
      // the table is the content of a heading right above it (一、10件民生实事任务分解表), else it stands alone
      const heading = top();
      if (!(heading && i > 0 && tasks[heading.task].start === paragraphs[i - 1].start)) stack.length = 0;
      i += (stacked?.lines ?? 1) - 1;
      continue;
    }
    if (table?.stackedColumns && /^\d{1,3}$/.test(cellText(line))) {
      // a row copied one cell per line: the number, then its lines up to the next row's number; a
      // cell of several units may take a line for each; lines of bars alone are skipped
      const label = cellText(line);
      const next = String(Number(label) + 1);
      const cells: Paragraph[] = [];
      while (i + 1 < paragraphs.length && cellText(paragraphs[i + 1].text) !== next && cells.length < table.stackedColumns * 4) {
        if (isNoticeEnd(paragraphs, i + 1) || matchNumbering(paragraphs[i + 1].text)) break;
        const q = paragraphs[++i];
        const text = cellText(q.text);
        if (text) cells.push({ text, start: q.start + q.text.indexOf(text) });
      }
      const split = rowCells(cells.map((q) => ({ ...q, end: q.start + q.text.length })), table.trailing);
      addRow(label, p.start, split.task, split.columns);
      continue;
    }
    const row = table ? readTableRow(line, table) : null;
    if (row) {
      const task = { text: line.slice(row.task.start, row.task.end), start: p.start + row.task.start };
      addRow(row.label, p.start, [task], row.cells.map((c) => ({ kind: c.kind, start: p.start + c.start, end: p.start + c.end })));
      continue;
    }
    if (BOX_START.test(line)) {
      // a boxed list (专栏) belongs to the item it follows: its lines are parts of that item
      box = { owner: top()?.task ?? null, line: null };
      continue;
    }
    // 17.内蒙古自治区…政策清单.docx: a file's name above a copied text, not an item
    const numbered = FILE_NAME.test(line) ? null : (matchNumbering(line) ?? decimalLooking(line, (n) => numbering.isNext('arabic', n)));
    if (numbered) numbering.see(numbered);
    if (box) {
      // a box ends where a numbering of a higher level than its own list resumes
      if (!numbered || !['chapter', 'paren-cn', 'article'].includes(numbered.style)) {
        if (box.owner === null) continue;
        if (numbered) {
          const rest = line.slice(numbered.label.length);
          box.line = addTask(tasks, { parent: box.owner, style: 'subtopic', label: '', start: p.start, rest, restStart: p.start + numbered.label.length, intro: '' });
        } else if (box.line !== null) tasks[box.line].paragraphs.push({ start: p.start, end: p.start + line.length });
        continue;
      }
      box = null;
    }
    if (numbered) {
      // 七、 after （二） closes it, whatever came first: a lower numbering never holds a higher one
      while (stack.length && RANK[top()!.style] > RANK[numbered.style]) stack.pop();
      const pos = stack.findIndex((s) => s.style === numbered.style);
      if (pos >= 0) stack.length = pos;
      else if (top()?.style === 'subtopic') stack.pop();
      if (top()?.style === 'dash') stack.pop();
      const parent = top()?.task ?? null;
      const idx = addTask(tasks, {
        parent,
        style: numbered.style,
        label: numbered.label,
        start: p.start,
        rest: line.slice(numbered.label.length),
        restStart: p.start + numbered.label.length,
        intro: numbered.style === 'dash' ? lastPlain : '',
      });
      stack.push({ style: numbered.style, task: idx });
      // a chapter heading ends the table above it
      if (numbered.style === 'chapter') unitsColumn = null;
      else if (unitsColumn) tasks[idx].unitsColumn = unitsColumn;
      continue;
    }
    const current = top();
    const sub = SUBTOPIC.exec(line);
    if (sub && current && current.style !== 'dash' && !FIELD_WORD.test(line) && !RESPONSIBILITY_LINE.test(line)) {
      if (current.style === 'subtopic') stack.pop();
      const parent = top()!.task;
      const idx = addTask(tasks, {
        parent,
        style: 'subtopic',
        label: '',
        start: p.start,
        rest: line,
        restStart: p.start,
        intro: '',
        title: sub[1],
      });
      stack.push({ style: 'subtopic', task: idx });
      continue;
    }
    if (current?.style === 'dash') {
      // an item of a —— run is one paragraph: a plain paragraph after it belongs above
      stack.pop();
    } else if (current?.style === 'subtopic' && !RESPONSIBILITY_LINE.test(line)) {
      // a closing paragraph after the sub-topics speaks for the whole item
      stack.pop();
    }
    lastPlain = line;
    attach(p);
  }

  finishAll(tasks, text);
  assignKinds(tasks, docKind);
  return tasks;
}

function isNoticeEnd(paragraphs: Paragraph[], i: number): boolean {
  const line = paragraphs[i].text;
  if (NOTICE_END.test(line) || DATE_LINE.test(line)) return true;
  // a signature: a short organisation name alone on its line, followed by a date
  const next = paragraphs[i + 1]?.text ?? '';
  return line.length <= 30 && !/[，,。；：:]/.test(line) && !matchNumbering(line) && DATE_LINE.test(next);
}

function addTask(
  tasks: TaskDraft[],
  o: { parent: number | null; style: TaskDraft['style']; label: string; start: number; rest: string; restStart: number; intro: string; title?: string },
): number {
  const lead = o.rest.length - o.rest.trimStart().length;
  const rest = o.rest.trimStart();
  const restStart = o.restStart + lead;
  let title = o.title ?? runInTitle(rest);
  let bodyStart = restStart;
  if (o.title !== undefined) {
    bodyStart = restStart + o.title.length + 1;
  } else if (title) {
    bodyStart = restStart + title.length;
    // the punctuation that closes the run-in title
    if (/^[。：:！？]/.test(rest.slice(title.length))) bodyStart += 1;
  }
  title = title.trim();
  const parentPath = o.parent === null ? '' : tasks[o.parent].path + '/';
  const segment = o.label && o.style !== 'dash' ? pathLabel(o.label) : title;
  tasks.push({
    parent: o.parent,
    style: o.style,
    label: o.label,
    path: parentPath + segment,
    title,
    text: '',
    kind: 'TASK',
    depth: o.parent === null ? 0 : tasks[o.parent].depth + 1,
    start: o.start,
    end: 0,
    paragraphs: [{ start: bodyStart, end: restStart + rest.length }],
    intro: o.intro,
    titleStart: restStart,
  });
  return tasks.length - 1;
}

/** the heading or run-in title: up to the first 。 or ：outside brackets, or the whole line when it has neither */
function runInTitle(rest: string): string {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '（' || c === '(' || c === '〔' || c === '【') depth++;
    else if ((c === '）' || c === ')' || c === '〕' || c === '】') && depth > 0) depth--;
    else if (depth === 0 && /[。：:！？]/.test(c)) return rest.slice(0, i);
  }
  return rest.replace(/[。]$/, '');
}

/** （十） from (十), 三 from 三、, 1 from 1. — the form used in paths */
export function pathLabel(label: string): string {
  return toFullWidthPunct(label.replace(/\s/g, '')).replace(/[、.．。﹒]$/, '');
}

function finishAll(tasks: TaskDraft[], text: string): void {
  for (const t of tasks) {
    t.paragraphs = t.paragraphs.filter((p) => p.end > p.start);
    t.text = t.paragraphs.map((p) => text.slice(p.start, p.end)).join('\n');
    t.end = t.paragraphs.reduce((end, p) => Math.max(end, p.end), t.start);
  }
  // children follow their parent: walking backwards extends each parent over its children
  for (let i = tasks.length - 1; i >= 0; i--) {
    const parent = tasks[i].parent;
    if (parent !== null) tasks[parent].end = Math.max(tasks[parent].end, tasks[i].end);
  }
}

const KIND_BY_CONTEXT: [RegExp, TaskKind][] = [
  [/重点工程|重点项目/, 'PROJECT'],
  [/分项目标/, 'SUB_GOAL'],
  [/目标指标|主要指标|主要目标/, 'TARGET'],
  [/工作原则|基本原则/, 'PRINCIPLE'],
  [/工作要求|保障措施|组织实施/, 'REQUIREMENT'],
  [/能否按时完成|完成情况/, 'PROGRESS_ITEM'],
  [/主要做法|做法和措施/, 'MEASURE'],
];

function assignKinds(tasks: TaskDraft[], docKind: DocumentKind): void {
  const hasNumberedChildren = new Set<number>();
  tasks.forEach((t) => {
    if (t.parent !== null && t.style !== 'subtopic') hasNumberedChildren.add(t.parent);
  });
  tasks.forEach((t, i) => {
    if (t.style === 'subtopic') return void (t.kind = 'SUB_TOPIC');
    if (t.style === 'dash') return void (t.kind = dashKind(t.intro));
    if (docKind === 'PROGRESS_REPORT' && t.depth === 0) return void (t.kind = 'TARGET_TASK');
    if (docKind === 'PROGRESS_REPORT' && t.depth === 1) return void (t.kind = 'SECTION');
    if (hasNumberedChildren.has(i)) return void (t.kind = t.depth === 0 ? 'CHAPTER' : 'SECTION');
    for (let a: number | null = i; a !== null; a = tasks[a].parent) {
      const context = a === i ? '' : tasks[a].title;
      const hit = KIND_BY_CONTEXT.find(([re]) => re.test(context));
      if (hit) return void (t.kind = hit[1]);
    }
    t.kind = 'TASK';
  });
}

function dashKind(intro: string): TaskKind {
  if (/一年来|成效|成绩|取得/.test(intro)) return 'RESULT';
  if (/重点工作|重点任务|工作任务/.test(intro)) return 'TASK';
  if (/坚持|要求|原则/.test(intro)) return 'PRINCIPLE';
  return 'RESULT';
}
