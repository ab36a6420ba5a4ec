// A document's 任务分工表: tasks × units, each cell the roles of the unit in the task, with gaps and
// overlaps flagged per row, implied assignments and review status per cell, and an editor's
// confirm / reject from the cell's evidence.
import { ApiError, editorToken, gql, lit, setEditorToken, UNIT_FIELDS } from './api';
import { $, type Child, fill, h, status } from './dom';
import { type EvidenceItem, showEvidence } from './evidence-panel';
import { legend, ROLES, roleBadge, roleLabel, roleRank } from './graph-style';
import type { DocumentRef, Level, ReviewStatus, Role, Span, Unit } from './types';
import { isSheet } from './sheet';
import { exportLinks, setViewQuery, show } from './view-chrome';
import { docLabel, levelLabel, REVIEWS } from './vocab';

const LOWER_LEVEL: Partial<Record<Level, Level>> = { PROVINCE: 'CITY', CITY: 'COUNTY' };
/** the roles that answer for a task (as the API's gaps count them) */
const ACCOUNTABLE: Role[] = ['LEAD', 'RESPONSIBLE', 'SHARED'];

interface MatrixAssignment {
  id: string;
  role: Role;
  implicit: boolean;
  review: ReviewStatus;
  version: number;
  mention: string;
  clause: Span;
  basis: Span | null;
}
interface MatrixTask {
  id: string;
  path: string;
  title: string;
  depth: number;
  kind: string;
  deadline: string | null;
}
type FlagType = 'gap' | 'open' | 'overlap';
interface Flag {
  type: FlagType;
  label: string;
  detail: string;
}
interface Row {
  task: MatrixTask;
  order: number;
  /** column index → the assignments of that unit in the task */
  cells: Map<number, MatrixAssignment[]>;
  flags: Flag[];
}

/** what each flag means, in the document's words; 开放名单 is a note, not a gap: more units share the task than it names */
const FLAGS: Record<string, { type: FlagType; label: string; detail: string }> = {
  NO_LEAD_OR_RESPONSIBLE: { type: 'gap', label: '无牵头无负责', detail: '没有单位牵头、负责或分工负责 / no unit leads it, is responsible for it or shares it' },
  ONLY_COLLECTIVE: { type: 'gap', label: '只落到集合', detail: '无牵头，负责的只有集合单位（各市、县人民政府…）/ no lead; only collectives answer for it' },
  OPEN_LIST: { type: 'open', label: '开放名单（等）', detail: '无牵头，点名的单位是开放名单（…等部门），还有未点名的单位 / no lead; the units named are an open list (…等部门)' },
  NOT_IMPLEMENTED: { type: 'gap', label: '下级未承接', detail: '下级没有承接它的任务 / no task of the lower level carries it out' },
  MULTIPLE_LEADS: { type: 'overlap', label: '多头牵头', detail: '' },
  LEAD_AND_COOPERATE: { type: 'overlap', label: '既牵头又配合', detail: '' },
  NEAR_DUPLICATE: { type: 'overlap', label: '重复部署', detail: '' },
};

const ASSIGNMENT_FIELDS = 'id role implicit review version mention clause { text start end openEnded } basis { text start end }';

function matrixQuery(documentId: string, level: Level | undefined): string {
  const lower = level ? LOWER_LEVEL[level] : undefined;
  return `{
  responsibilityMatrix(document: ${lit(documentId)}) {
    document { id number title kind jurisdiction { name level } }
    columns { ${UNIT_FIELDS} }
    rows { task { id path label title depth kind deadline } cells { column roles assignments { ${ASSIGNMENT_FIELDS} } } }
  }
  gaps(first: 100, filter: { document: ${lit(documentId)} }) { totalCount nodes { kind detail task { id } } }${lower ? `
  notCarried: gaps(first: 100, filter: { document: ${lit(documentId)}, kinds: [NOT_IMPLEMENTED], lowerLevel: ${lower} }) { totalCount nodes { kind detail task { id } } }` : ''}
  overlaps(first: 100, filter: { document: ${lit(documentId)} }) { totalCount nodes { kind detail task { id } other { id path document { id number } } units { id name } } }
  duplicates: overlaps(first: 100, filter: { kinds: [NEAR_DUPLICATE] }) { nodes { kind detail task { id path document { id number } } other { id } } }
}`;
}

/**
 * The API's ONLY_COLLECTIVE_OR_OPEN joins two findings: a task whose accountable units are all
 * collectives (a gap: nobody in particular answers), and one whose named units are an open list
 * (a note). The cells tell them apart.
 */
function splitCollectiveOrOpen(row: Row, columns: Unit[]): Flag {
  const accountable = [...row.cells].flatMap(([i, list]) => list.filter((a) => ACCOUNTABLE.includes(a.role)).map(() => columns[i]));
  return { ...FLAGS[accountable.length && accountable.every((u) => u.kind === 'COLLECTIVE') ? 'ONLY_COLLECTIVE' : 'OPEN_LIST'] };
}

const reviewMark = (a: MatrixAssignment) => REVIEWS[a.review]?.mark ?? '';

function assignmentBadge(a: MatrixAssignment): HTMLElement {
  const badge = roleBadge(a.role, `${a.implicit ? 'implicit ' : ''}review-${a.review}`);
  badge.title = `${roleLabel(a.role)} · ${a.implicit ? '推定（以下均需…）/ implied' : '原文写明 / written'} · ${REVIEWS[a.review].label} / ${REVIEWS[a.review].en}`;
  if (reviewMark(a)) badge.append(h('span', { class: 'review-mark', 'aria-hidden': 'true' }, reviewMark(a)));
  return badge;
}

export async function matrixView(documentId: string, reload: () => void): Promise<void> {
  show('matrix');
  // the document's level decides which lower level should carry its tasks out
  const head = (await gql(`{ node(id: ${lit(documentId)}) { ... on Document { id jurisdiction { level } } } }`)).node;
  if (!head?.id) throw new Error(`没有这个文件 / no document with ID ${documentId}`);
  const query = matrixQuery(documentId, head.jurisdiction?.level);
  setViewQuery(query);
  const data = await gql(query);
  const m = data.responsibilityMatrix as { document: DocumentRef; columns: Unit[]; rows: { task: MatrixTask; cells: { column: number; assignments: MatrixAssignment[] }[] }[] };
  const rows: Row[] = m.rows.map((row, order) => ({ task: row.task, order, cells: new Map(row.cells.map((c) => [c.column, c.assignments])), flags: [] }));
  const byTask = new Map(rows.map((r) => [r.task.id, r]));
  const flag = (taskId: string, f: Flag) => byTask.get(taskId)?.flags.push(f);
  for (const g of [...data.gaps.nodes, ...(data.notCarried?.nodes ?? [])]) {
    const row = byTask.get(g.task.id);
    if (row) flag(g.task.id, g.kind === 'ONLY_COLLECTIVE_OR_OPEN' ? splitCollectiveOrOpen(row, m.columns) : { ...(FLAGS[g.kind] ?? { type: 'gap', label: g.kind }), detail: FLAGS[g.kind]?.detail || g.detail });
  }
  for (const o of data.overlaps.nodes) {
    flag(o.task.id, { type: 'overlap', label: FLAGS[o.kind]?.label ?? o.kind, detail: `${o.detail}${o.units.length ? `：${o.units.map((u: Unit) => u.name).join('、')}` : ''}${o.other ? ` ↔ ${docLabel(o.other.document)} ${o.other.path}` : ''}` });
  }
  // a near-duplicate is listed once, on the other document's task: mark this side too
  for (const o of data.duplicates.nodes) {
    if (o.other && o.task.document.id !== documentId) flag(o.other.id, { type: 'overlap', label: FLAGS[o.kind]?.label ?? o.kind, detail: `${o.detail} ↔ ${docLabel(o.task.document)} ${o.task.path}` });
  }
  const state = { sort: { key: 'order' as string | number, dir: 1 }, task: '', unit: '', role: '' as Role | '', review: '' as ReviewStatus | '', flags: '' as FlagType | '' };
  const count = (type: FlagType) => rows.filter((r) => r.flags.some((f) => f.type === type)).length;

  const table = h('table', { class: 'matrix', id: 'matrix-table', 'aria-label': `任务分工表 ${docLabel(m.document)}` });
  const sortKeyFor = (key: string | number) => (r: Row) => {
    if (key === 'order') return r.order;
    if (key === 'flags') return -r.flags.filter((f) => f.type !== 'open').length;
    const list = r.cells.get(key as number);
    return list ? Math.min(...list.map((a) => roleRank(a.role))) : 99;
  };
  let openCell: { row: Row; column: number } | null = null;
  const unitMatches = (u: Unit, q: string) => u.name.includes(q) || (u.aliases ?? []).some((alias) => alias.includes(q));

  const render = () => {
    const unitCols = m.columns.map((u, i) => ({ u, i })).filter(({ u }) => !state.unit || unitMatches(u, state.unit));
    const wanted = (a: MatrixAssignment) => (!state.role || a.role === state.role) && (!state.review || a.review === state.review);
    const narrowing = !!(state.role || state.review);
    let shown = rows
      .filter((r) => !state.task || `${r.task.path} ${r.task.title}`.includes(state.task))
      .filter((r) => !state.flags || r.flags.some((f) => f.type === state.flags))
      .filter((r) => (narrowing ? unitCols.some(({ i }) => r.cells.get(i)?.some(wanted)) : !state.unit || unitCols.some(({ i }) => r.cells.has(i))));
    // a role or review filter hides the columns it leaves empty
    const cols = narrowing ? unitCols.filter(({ i }) => shown.some((r) => r.cells.get(i)?.some(wanted))) : unitCols;
    const key = sortKeyFor(state.sort.key);
    shown = shown.sort((a, b) => (key(a) - key(b)) * state.sort.dir || a.order - b.order);
    const sortHeader = (label: string, sortKey: string | number, cls: string, title?: string) => {
      const active = state.sort.key === sortKey;
      return h('th', { scope: 'col', class: cls, title, 'aria-sort': active ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', 'aria-label': `按 ${label} 排序 / sort by ${label}`, onclick: () => {
          state.sort = { key: sortKey, dir: active ? -state.sort.dir : 1 };
          render();
          table.querySelector<HTMLElement>('th[aria-sort]:not([aria-sort="none"]) button')?.focus();
        } }, label));
    };
    const cell = (r: Row, u: Unit, i: number) => {
      const list = r.cells.get(i);
      if (!list) return h('td', { class: 'cell' });
      const open = () => {
        openCell = { row: r, column: i };
        void cellEvidence(r, i, u, m.document, rerender);
      };
      return h('td', { class: 'cell', 'data-unit': u.name, tabindex: '0', role: 'button',
        'aria-label': `${r.task.path} ${u.name}：${list.map((a) => `${roleLabel(a.role)}${a.implicit ? '（推定）' : ''}${a.review !== 'EXTRACTED' ? `（${REVIEWS[a.review].label}）` : ''}`).join('、')}，查看依据`,
        onclick: open, onkeydown: (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open()) },
      list.map(assignmentBadge));
    };
    fill(table,
      h('thead', {}, h('tr', {},
        sortHeader('序号 / 任务', 'order', 'task'),
        sortHeader('标记 / flags', 'flags', 'flags'),
        cols.map(({ u, i }) => sortHeader(u.name, i, `unit${u.kind === 'COLLECTIVE' ? ' collective' : ''}`, `${u.name}（${levelLabel(u.level)}级）${u.aliases.length ? ` · ${u.aliases.join('、')}` : ''}`)))),
      h('tbody', {}, shown.map((r) => h('tr', { class: [`depth-${r.task.depth}`, ...new Set(r.flags.map((f) => f.type))].join(' '), 'data-task': r.task.id, 'data-path': r.task.path },
        h('th', { scope: 'row', class: 'task' }, h('span', { class: 'path' }, r.task.path), ' ', r.task.title, r.task.deadline ? h('span', { class: 'meta' }, ` · ${r.task.deadline}`) : null),
        h('td', { class: 'flags' }, r.flags.map((f) => h('span', { class: `flag ${f.type}`, title: f.detail }, f.label))),
        cols.map(({ u, i }) => cell(r, u, i))))),
    );
    $('matrix-count').textContent = `显示 ${shown.length} / ${rows.length} 行，${cols.length} / ${m.columns.length} 列`;
  };
  // after a review: the table and the open cell's evidence show the new status
  const rerender = () => {
    render();
    if (openCell) void cellEvidence(openCell.row, openCell.column, m.columns[openCell.column], m.document, rerender);
  };

  const select = (id: string, options: [string, string][], onchange: (value: string) => void) =>
    h('select', { id, onchange: (e: Event) => (onchange((e.target as HTMLSelectElement).value), render()) }, options.map(([value, label]) => h('option', { value }, label)));
  fill($('matrix'),
    h('h2', {}, `任务分工表 / matrix：${m.document.number ?? ''} ${m.document.title}`),
    // on a phone the filters fold away, so that the table has the height
    h('details', { class: 'matrix-filters', open: !isSheet() }, h('summary', {}, '筛选 / filters'), h('div', { class: 'matrix-tools' },
      h('label', {}, '任务 / task ', h('input', { type: 'text', id: 'matrix-task', placeholder: '路径或标题', oninput: (e: Event) => ((state.task = (e.target as HTMLInputElement).value.trim()), render()) })),
      h('label', {}, '单位 / unit ', h('input', { type: 'text', id: 'matrix-unit', placeholder: '名称或别称，如 省应急厅', oninput: (e: Event) => ((state.unit = (e.target as HTMLInputElement).value.trim()), render()) })),
      h('label', {}, '角色 / role ', select('matrix-role', [['', '全部角色 / all roles'], ...Object.entries(ROLES).map(([role, r]) => [role, `${r.label} ${role}`] as [string, string])], (v) => (state.role = v as Role | ''))),
      h('label', {}, '审核 / review ', select('matrix-review', [['', '全部 / all'], ...Object.entries(REVIEWS).map(([s, r]) => [s, `${r.label} ${s}`] as [string, string])], (v) => (state.review = v as ReviewStatus | ''))),
      h('label', {}, '标记 / flags ', select('matrix-flags', [['', '全部行 / all rows'], ['gap', '缺位 / gaps'], ['open', '开放名单 / open lists'], ['overlap', '交叉 / overlaps']], (v) => (state.flags = v as FlagType | ''))),
      h('span', { id: 'matrix-count', class: 'meta', 'aria-live': 'polite' }))),
    // the table scrolls in its own box: its header row and task column stay (position: sticky)
    h('div', { class: 'matrix-scroll', tabindex: '0', 'aria-label': '任务分工表（可横向滚动）/ matrix, scrolls sideways' }, table),
  );
  render();
  const implied = rows.reduce((n, r) => n + [...r.cells.values()].flat().filter((a) => a.implicit).length, 0);
  fill($('details'),
    h('h2', {}, m.document.number ?? m.document.title),
    h('p', { class: 'meta' }, m.document.title),
    h('p', {}, `${rows.length} 项条目 × ${m.columns.length} 个单位；缺位 ${count('gap')} 项，交叉 ${count('overlap')} 项，开放名单 ${count('open')} 项 / ${count('gap')} rows with gaps, ${count('overlap')} with overlaps, ${count('open')} open lists`),
    m.document.number ? exportLinks('document', m.document.number) : null,
    legend({ nodes: false }),
    h('ul', { class: 'legend flags-legend' },
      ['ONLY_COLLECTIVE', 'NO_LEAD_OR_RESPONSIBLE', 'NOT_IMPLEMENTED', 'OPEN_LIST'].map((k) => h('li', {}, h('span', { class: `flag ${FLAGS[k].type}` }, FLAGS[k].label), ' ', FLAGS[k].detail)),
      h('li', {}, h('span', { class: 'flag overlap' }, '交叉'), ' 职责交叉 / overlap'),
      h('li', {}, roleBadge('RESPONSIBLE', 'implicit'), ` 推定：由“以下均需…”推出，非本条写明（本表 ${implied} 处）/ implied by 以下均需…, not written at the task`),
      h('li', {}, roleBadge('SHARED', 'review-CONFIRMED'), '✓ 已确认 / confirmed · ', roleBadge('SHARED', 'review-REJECTED'), '✗ 已驳回 / rejected')),
    h('p', { class: 'meta' }, '点击单元格查看原文依据；点击表头排序 / tap a cell for its evidence; tap a header to sort'),
    editorBox(),
  );
  status(`任务分工表：${rows.length} 行 × ${m.columns.length} 列`);
  reloadView = reload;
}

let reloadView: () => void = () => {};

/** where an editor pastes an API token (kept in sessionStorage, for this tab only) */
function editorBox(): HTMLElement {
  const note = h('p', { class: 'meta', id: 'editor-token-note' });
  const input = h('input', { type: 'password', id: 'editor-token', autocomplete: 'off', spellcheck: 'false', placeholder: 'dg_…', value: editorToken() });
  const describe = () => (note.textContent = editorToken() ? '已设置：在单元格的依据中确认或驳回 / set: confirm or reject in a cell’s evidence' : '未设置：只读 / none: read only');
  const save = () => {
    setEditorToken(input.value.trim());
    describe();
  };
  input.addEventListener('change', save);
  describe();
  // a form, so that Enter saves too; it is never sent anywhere
  return h('details', { class: 'editor-box', open: !!editorToken() },
    h('summary', {}, '审核 / review（编辑者令牌 / editor token）'),
    h('form', { onsubmit: (e: Event) => (e.preventDefault(), save()) },
      h('label', { for: 'editor-token' }, 'API 令牌 / token（dutygraph token create --role editor）'),
      h('div', { class: 'token-row' }, input,
        h('button', { type: 'submit', class: 'action' }, '保存 / save'),
        h('button', { type: 'button', class: 'action', onclick: () => ((input.value = ''), save()) }, '清除 / forget'))),
    note);
}

/** a review the API refused, in words an editor can act on */
function reviewError(error: unknown, a: MatrixAssignment): Child[] {
  const e = error instanceof ApiError ? error : new ApiError(String((error as Error)?.message ?? error));
  const text = {
    CONFLICT: `版本冲突：这条分工已被改过（现为第 ${e.extensions.currentVersion ?? '?'} 版，本页读到的是第 ${a.version} 版），请重新载入再审核 / version conflict: it changed since this page read it; reload and review again`,
    UNAUTHENTICATED: '令牌无效或已撤销 / the token is not valid (or was revoked)',
    FORBIDDEN: '此令牌没有编辑权限（需要 editor）/ this token may not edit: an editor token is needed',
  }[e.code ?? ''] ?? e.message;
  return [
    h('p', { class: 'review-error', role: 'alert' }, h('strong', {}, e.code ?? 'ERROR'), ' ', text),
    e.code === 'CONFLICT' ? h('button', { type: 'button', class: 'action', onclick: () => reloadView() }, '重新载入 / reload') : null,
  ];
}

async function review(a: MatrixAssignment, statusTo: ReviewStatus, out: HTMLElement, done: () => void): Promise<void> {
  fill(out, h('span', { class: 'meta' }, '正在提交… / sending…'));
  try {
    const data = await gql(`mutation Review($input: ReviewAssignmentInput!) { reviewAssignment(input: $input) { assignment { id review version } } }`,
      { variables: { input: { assignment: a.id, status: statusTo, version: a.version } }, token: editorToken() });
    Object.assign(a, data.reviewAssignment.assignment);
    done();
  } catch (error) {
    fill(out, reviewError(error, a));
  }
}

/** one assignment's review status, and with a token the buttons that change it */
function reviewControls(a: MatrixAssignment, done: () => void): HTMLElement {
  const out = h('div', { class: 'review-result' });
  const token = editorToken();
  const button = (to: ReviewStatus, label: string) =>
    h('button', { type: 'button', class: `action review-${to}`, 'data-assignment': a.id, onclick: () => review(a, to, out, done) }, label);
  return h('div', { class: 'review' },
    h('p', { class: 'meta' }, `审核 / review：`, h('span', { class: `review-status review-${a.review}` }, `${REVIEWS[a.review].label} ${a.review}`), ` · 第 ${a.version} 版 / version ${a.version}`,
      a.implicit ? ' · 推定 / implied' : ''),
    token
      ? h('div', { class: 'review-buttons' },
        a.review !== 'CONFIRMED' ? button('CONFIRMED', '确认 / confirm') : null,
        a.review !== 'REJECTED' ? button('REJECTED', '驳回 / reject') : null,
        a.review !== 'EXTRACTED' ? button('EXTRACTED', '撤回审核 / back to extracted') : null)
      : h('p', { class: 'meta' }, '粘贴编辑者令牌后可在此确认或驳回 / paste an editor token (panel, below) to confirm or reject'),
    out);
}

function cellEvidence(row: Row, column: number, unit: Unit, doc: DocumentRef, done: () => void): Promise<void> {
  return showEvidence(`${unit.name} · ${row.task.path} ${row.task.title}`, (row.cells.get(column) ?? []).map((a): EvidenceItem => ({
    label: `${roleLabel(a.role)} ${a.role}${a.implicit ? ' · 推定 / implied' : ''} · 原文称谓 ${a.mention}`,
    span: a.clause, basis: a.basis, document: doc,
    extra: reviewControls(a, done),
  })), [
    h('a', { class: 'action', href: `#/unit/${unit.id}` }, `打开单位 ${unit.name}`),
    h('a', { class: 'action', href: `#/chain/${row.task.id}` }, '责任链 / chain'),
  ]);
}
