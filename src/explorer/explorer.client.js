// dutygraph explorer: a browser client of the public GraphQL API (POST /graphql), drawn with cytoscape.js.
// Views are deep-linked by the URL fragment: #/search/<q>, #/unit/<id>, #/chain/<taskId>, #/matrix/<documentId>.
/* global cytoscape */

const cfg = JSON.parse(document.getElementById('explorer-config').textContent);
const $ = (id) => document.getElementById(id);

/** roles in the order a reader ranks them; labels as the documents write them */
const ROLES = {
  LEAD: { label: '牵头', color: '#dc2626', rank: 0 },
  SHARED: { label: '分工负责', color: '#f97316', rank: 1 },
  RESPONSIBLE: { label: '负责', color: '#2563eb', rank: 2 },
  SUPERVISE: { label: '督促落实', color: '#9333ea', rank: 3 },
  COOPERATE: { label: '配合', color: '#16a34a', rank: 4 },
  OTHER: { label: '其他', color: '#6b7280', rank: 5 },
};
const LEVELS = { PROVINCE: '省', CITY: '市', COUNTY: '县', NATIONAL: '国家' };
const KINDS = { UNIT: '单位', TASK: '任务', DOCUMENT: '文件' };
const GAP_LABELS = { NO_LEAD_OR_RESPONSIBLE: '无牵头无负责', ONLY_COLLECTIVE_OR_OPEN: '只落到集合', NOT_IMPLEMENTED: '下级未承接' };
const OVERLAP_LABELS = { MULTIPLE_LEADS: '多头牵头', LEAD_AND_COOPERATE: '既牵头又配合', NEAR_DUPLICATE: '重复部署' };
const LOWER_LEVEL = { PROVINCE: 'CITY', CITY: 'COUNTY' };

/** progressive expansion: how many neighbours are drawn before an "expand" control */
const FIRST_TASKS = 30;
const FIRST_UNITS = 12;
const EXPAND_STEP = 50;
/** above this many elements layouts run without animation and the viewport drops labels while moving */
const ANIMATE_BELOW = 250;
/** cose is quadratic: above this many nodes the views switch to a linear layout */
const COSE_UP_TO = 150;

// ---------- GraphQL ----------

/** a GraphQL string literal (JSON's escapes are GraphQL's) */
const lit = (value) => JSON.stringify(String(value));

async function gql(query) {
  const res = await fetch(cfg.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`HTTP ${res.status}: the API did not answer with JSON`);
  }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return body.data;
}

// ---------- small DOM helpers ----------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** a search snippet with 【…】 around each occurrence, as <mark> */
function snippet(text) {
  const out = h('span', { class: 'snippet' });
  for (const [i, part] of text.split(/[【】]/).entries()) out.append(i % 2 ? h('mark', {}, part) : part);
  return out;
}

const roleBadge = (role) => h('span', { class: `role role-${role}`, title: role }, ROLES[role]?.label ?? role);
const levelLabel = (level) => LEVELS[level] ?? level;
const taskLabel = (task) => `${task.path} ${task.title}`.trim();
const docLabel = (doc) => doc?.number || doc?.title || '';

function status(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

// ---------- view chrome: GraphQL link, exports ----------

function setViewQuery(query) {
  $('query-text').textContent = query.trim();
  // GraphiQL convention: the query travels in the URL fragment, so the server serves the page rather than running it
  $('graphql-link').href = `${cfg.graphqlExplorer}#query=${encodeURIComponent(query.trim())}`;
}

function exportLinks(param, value) {
  const formats = [['xlsx', 'Excel'], ['csv', 'CSV'], ['jsonld', 'JSON-LD'], ['graphml', 'GraphML']];
  return h('p', { class: 'exports' }, '导出 / Export: ',
    formats.map(([format, label]) => h('a', { href: `${cfg.exportPath}?format=${format}&${param}=${encodeURIComponent(value)}`, download: true }, label)));
}

const NODE_LEGEND = [['任务 / task', 'task'], ['省级单位 / province', 'PROVINCE'], ['市级 / city', 'CITY'], ['县级 / county', 'COUNTY'], ['集合单位 / collective', 'collective']];

function legend(extra = [], nodes = true) {
  return h('div', { class: 'legends' },
    h('ul', { class: 'legend', 'aria-label': '边的颜色：角色 / edge colours: roles' },
      Object.entries(ROLES).map(([role, r]) => h('li', {}, h('span', { class: 'swatch', style: `background:${r.color}` }), `${r.label} ${role}`)),
      extra.map(([label, cls]) => h('li', {}, h('span', { class: `swatch ${cls}`, style: 'background:#111827' }), label))),
    nodes ? h('ul', { class: 'legend', 'aria-label': '节点 / nodes' }, NODE_LEGEND.map(([label, cls]) => h('li', {}, h('span', { class: `dot dot-${cls}` }), label))) : null);
}

// ---------- the graph ----------

let cy = null;
/** the layout of the current view, re-run after an expansion */
let currentLayout = null;
let layoutRun = null;
/** "more" node ID → the neighbours it stands for and how to draw them */
let expanders = new Map();

/** big graphs draw straight edges without arrows (haystack) and unwrapped labels: both skip per-element geometry */
function graphStyle(big) {
  const roleEdges = Object.entries(ROLES).map(([role, r]) => ({ selector: `edge.role-${role}`, style: { 'line-color': r.color, 'target-arrow-color': r.color } }));
  return [
    { selector: 'node', style: {
      label: 'data(label)', 'font-family': getComputedStyle(document.body).fontFamily, 'font-size': 11, 'text-wrap': big ? 'none' : 'ellipsis', 'text-max-width': 150,
      'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 7, width: 18, height: 18, 'background-color': '#64748b' } },
    { selector: 'node.unit', style: { shape: 'round-rectangle', 'background-color': '#475569' } },
    { selector: 'node.unit.CITY', style: { 'background-color': '#0891b2' } },
    { selector: 'node.unit.COUNTY', style: { 'background-color': '#16a34a' } },
    { selector: 'node.unit.collective', style: { shape: 'hexagon', width: 24, height: 24 } },
    { selector: 'node.task', style: { shape: 'ellipse', 'background-color': '#facc15', 'border-width': 1, 'border-color': '#854d0e' } },
    { selector: 'node.focus', style: { width: 34, height: 34, 'font-size': 13, 'font-weight': 'bold', 'text-max-width': 280, 'border-width': 3, 'border-color': '#111827' } },
    // rows of many units side by side (the chain's lower levels): slanted labels do not run into each other
    { selector: 'node.slanted', style: { 'text-rotation': '-0.5rad', 'text-halign': 'left', 'text-valign': 'bottom', 'text-margin-x': 6, 'text-margin-y': 8 } },
    { selector: 'node.more', style: { shape: 'tag', 'background-color': '#e5e7eb', 'border-width': 1, 'border-color': '#6b7280', color: '#1f2937' } },
    { selector: 'edge', style: { width: 2, 'curve-style': big ? 'haystack' : 'bezier', 'target-arrow-shape': big ? 'none' : 'triangle', 'arrow-scale': 0.8, 'line-color': '#9ca3af', 'target-arrow-color': '#9ca3af' } },
    ...roleEdges,
    { selector: 'edge.link', style: { width: 4, 'line-color': '#111827', 'target-arrow-color': '#111827' } },
    { selector: 'edge.covered', style: { 'line-style': 'dashed', width: 1.5 } },
    { selector: 'edge.more', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
    { selector: ':selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
  ];
}

/** a fresh graph per view: the viewport options that keep 1,000 nodes responsive are fixed at creation */
function createGraph(elements) {
  if (cy) {
    layoutRun?.stop();
    cy.destroy();
  }
  const big = elements.length >= ANIMATE_BELOW;
  cy = cytoscape({
    container: $('graph'),
    elements,
    style: graphStyle(big),
    pixelRatio: big ? 1 : 'auto',
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    // big graphs: pan and zoom a bitmap, and drop edges while the viewport moves
    textureOnViewport: big,
    hideEdgesOnViewport: big,
  });
  cy.on('tap', 'edge', (e) => selectElement(e.target));
  cy.on('tap', 'node', (e) => (e.target.hasClass('more') ? expand(e.target.id()) : selectElement(e.target)));
  cy.on('dbltap', 'node', (e) => openNode(e.target));
  cy.on('mouseover', 'edge', (e) => showTip(e.target, e.renderedPosition));
  cy.on('mouseout', 'edge', () => ($('tip').hidden = true));
  return cy;
}

function showTip(edge, at) {
  const ev = edge.data('evidence');
  if (!ev) return;
  const tip = $('tip');
  tip.textContent = `${edge.data('caption')}：${ev.text}`;
  tip.style.left = `${Math.max(0, Math.min(at.x + 12, $('graph').clientWidth - 300))}px`;
  tip.style.top = `${at.y + 12}px`;
  tip.hidden = false;
}

/** a view's layout for its current size; animation only while the graph is small */
function runLayout(layoutFor) {
  const big = cy.elements().length >= ANIMATE_BELOW;
  layoutRun?.stop();
  const layout = layoutFor(cy.nodes().length);
  // cose animates only its end state: every intermediate step would be a redraw
  const animate = big ? false : layout.name === 'cose' ? 'end' : true;
  layoutRun = cy.layout({ animationDuration: 300, fit: true, padding: 30, ...layout, animate });
  layoutRun.run();
}

/** force-directed (cose) reads best while small; above that concentric rings, which run in linear time */
const ringsLayout = (n) => (n <= COSE_UP_TO
  ? { name: 'cose', idealEdgeLength: () => 90, nodeRepulsion: () => 60000, nodeOverlap: 20, numIter: 1500, randomize: false }
  : { name: 'concentric', concentric: (node) => node.data('ring') ?? 0, levelWidth: () => 1, minNodeSpacing: 8, avoidOverlap: true });

function draw(elements, layout) {
  currentLayout = layout;
  createGraph(elements);
  runLayout(layout);
  $('graph').setAttribute('aria-label', `关系图：${cy.nodes().length} 个节点，${cy.edges().length} 条边；各元素见侧栏列表 / graph of ${cy.nodes().length} nodes; its elements are listed in the side panel`);
}

function unitNode(unit, extra = {}) {
  const classes = ['unit', unit.level, unit.kind === 'COLLECTIVE' ? 'collective' : ''].join(' ');
  return { group: 'nodes', data: { id: `u:${unit.id}`, kind: 'unit', label: unit.name, unit, ...extra }, classes };
}

function taskNode(task, extra = {}) {
  return { group: 'nodes', data: { id: `t:${task.id}`, kind: 'task', label: taskLabel(task), task, ...extra }, classes: 'task' };
}

/** an edge for one assignment: task → unit, coloured by role, with its clause as evidence */
function assignmentEdge(a, task, unit, extra = {}) {
  return { group: 'edges', classes: `role-${a.role}`, data: {
    id: `a:${a.id}:${extra.reverse ? 'r' : 'f'}`, source: extra.reverse ? `u:${unit.id}` : `t:${task.id}`, target: extra.reverse ? `t:${task.id}` : `u:${unit.id}`,
    kind: 'assignment', role: a.role, caption: `${unit.name} ${ROLES[a.role]?.label ?? a.role} ${taskLabel(task)}`,
    evidence: a.clause, basis: a.basis, document: task.document, assignment: a, task, unit,
  } };
}

/** a "more" node standing for neighbours not drawn yet; tapping it (or its list button) draws the next ones */
function moreNode(key, anchorId, rest, add) {
  expanders.set(`more:${key}`, { anchorId, rest, add });
  return [
    { group: 'nodes', classes: 'more', data: { id: `more:${key}`, label: `+${rest.length} 展开 / expand`, kind: 'more' } },
    { group: 'edges', classes: 'more', data: { id: `more-edge:${key}`, source: anchorId, target: `more:${key}` } },
  ];
}

function expand(moreId) {
  const ex = expanders.get(moreId);
  if (!ex) return;
  const next = ex.rest.slice(0, EXPAND_STEP);
  const rest = ex.rest.slice(EXPAND_STEP);
  cy.batch(() => {
    cy.getElementById(moreId).remove();
    expanders.delete(moreId);
    cy.add(dedupe(ex.add(next)).filter((el) => cy.getElementById(el.data.id).empty()));
    if (rest.length) cy.add(moreNode(moreId.slice(5), ex.anchorId, rest, ex.add));
  });
  runLayout(currentLayout);
  renderElementList();
  status(`已展开 ${next.length} 个，图中共 ${cy.nodes().length} 个节点 / expanded ${next.length}; ${cy.nodes().length} nodes`);
}

// ---------- selection, evidence ----------

function selectElement(el) {
  cy.elements().unselect();
  el.select();
  document.querySelectorAll('.item.selected').forEach((b) => b.classList.remove('selected'));
  document.querySelector(`.item[data-el="${CSS.escape(el.id())}"]`)?.classList.add('selected');
  const d = el.data();
  if (d.kind === 'assignment') {
    showEvidence(`${d.unit.name} · ${ROLES[d.role]?.label ?? d.role} · ${taskLabel(d.task)}`, [
      { label: '分工依据 / clause', span: d.evidence, basis: d.basis, document: d.document },
    ], [
      h('a', { class: 'action', href: `#/unit/${d.unit.id}` }, `打开单位 ${d.unit.name}`),
      h('a', { class: 'action', href: `#/chain/${d.task.id}` }, '责任链 / chain'),
    ]);
  } else if (d.kind === 'link') {
    const { link, parent, task } = d;
    showEvidence(`${taskLabel(parent)} → ${docLabel(task.document)} ${taskLabel(task)}（${relationLabel(link.relation)} · ${link.method}${link.score != null ? ` ${link.score}` : ''}）`, [
      { label: `上级或先前任务 / implemented · ${docLabel(parent.document)}`, span: link.evidence.implemented, document: parent.document },
      { label: `${relationLabel(link.relation)} · ${docLabel(task.document)}`, span: link.evidence.implementer, document: task.document },
    ]);
  } else if (d.kind === 'covered') {
    showEvidence(`${d.collective.name} 包括 ${d.unit.name}`, [], [h('p', { class: 'meta' }, '集合单位展开（按行政区划代码）/ a member of the collective, by GB/T 2260 code')]);
  } else if (d.kind === 'unit') {
    showEvidence(d.unit.name, [], [
      h('p', { class: 'meta' }, `${levelLabel(d.unit.level)}级 · ${d.unit.kind ?? ''}`),
      h('a', { class: 'action', href: `#/unit/${d.unit.id}` }, '打开单位视图 / open unit'),
    ]);
  } else if (d.kind === 'task') {
    showEvidence(`${docLabel(d.task.document)} ${taskLabel(d.task)}`, [], [
      h('a', { class: 'action', href: `#/chain/${d.task.id}` }, '责任链 / chain'),
      d.task.document?.id ? h('a', { class: 'action', href: `#/matrix/${d.task.document.id}` }, '任务分工表 / matrix') : null,
    ]);
  }
}

function openNode(node) {
  const d = node.data();
  if (d.kind === 'unit') location.hash = `#/unit/${d.unit.id}`;
  else if (d.kind === 'task') location.hash = `#/chain/${d.task.id}`;
}

const documentTexts = new Map();
function documentText(id) {
  if (!documentTexts.has(id)) {
    documentTexts.set(id, gql(`{ node(id: ${lit(id)}) { ... on Document { id number title text } } }`).then((d) => d.node));
  }
  return documentTexts.get(id);
}

/** the document text with the given spans marked; offsets are UTF-16 code units, as JavaScript counts */
function markedText(text, spans) {
  const pre = h('pre', { class: 'doctext', tabindex: '0' });
  const sorted = spans.filter((s) => s && s.end > s.start).sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, at);
    if (start >= s.end) continue;
    pre.append(text.slice(at, start), h('mark', { class: s.cls ?? '' }, text.slice(start, s.end)));
    at = s.end;
  }
  pre.append(text.slice(at));
  return pre;
}

let evidenceSeq = 0;
async function showEvidence(title, items, extra = []) {
  const seq = ++evidenceSeq;
  const box = $('evidence');
  box.hidden = false;
  box.replaceChildren(h('h2', {}, '依据 / Evidence'), h('p', { class: 'evidence-title' }, title), ...extra);
  // scroll the panel, not the page, to the evidence
  $('panel').scrollTop = box.offsetTop - 8;
  for (const item of items) {
    if (!item.span) continue;
    const block = h('div', { class: 'evidence-item' },
      h('h3', {}, item.label),
      h('blockquote', { class: 'sentence' }, item.span.text),
      item.basis && item.basis.text !== item.span.text ? h('p', { class: 'meta' }, '推定依据 / basis: ', h('q', {}, item.basis.text)) : null);
    box.append(block);
    if (!item.document?.id) continue;
    const doc = await documentText(item.document.id);
    if (seq !== evidenceSeq) return; // another edge was chosen meanwhile
    const spans = [{ ...item.span, cls: 'clause' }];
    if (item.basis && (item.basis.start < item.span.start || item.basis.end > item.span.end)) spans.push({ ...item.basis, cls: 'basis' });
    const pre = markedText(doc.text, spans);
    pre.setAttribute('aria-label', `${docLabel(doc)} 原文 / document text`);
    block.append(h('p', { class: 'meta' }, `原文 · ${doc.number ?? ''} ${doc.title}`), pre);
    const mark = pre.querySelector('mark.clause');
    if (mark) pre.scrollTop = mark.offsetTop - pre.clientHeight / 3;
  }
}

// ---------- the element list: the graph's content as buttons, for keyboard and screen readers ----------

let listGroups = () => [];
function renderElementList() {
  const holder = $('element-list');
  holder.replaceChildren();
  for (const { title, elements } of listGroups()) {
    if (!elements.length) continue;
    holder.append(h('h3', {}, `${title}（${elements.length}）`), h('ul', { class: 'items' }, elements.map((el) => h('li', {},
      h('button', { class: 'item', type: 'button', 'data-el': el.id(), onclick: () => (el.hasClass('more') ? expand(el.id()) : (selectElement(el), cy.animate({ center: { eles: el } }, { duration: 200 }))) },
        el.data('role') ? roleBadge(el.data('role')) : null, ' ', el.data('listLabel') ?? el.data('label'))))));
  }
}

// ---------- views ----------

function show(which) {
  for (const id of ['graph', 'matrix', 'home']) $(id).hidden = id !== which;
  listGroups = () => [];
  renderElementList();
  $('tip').hidden = true;
  $('evidence').hidden = true;
  $('evidence').replaceChildren();
}

const UNIT_FIELDS = 'id name level kind';
const TASK_FIELDS = 'id path title document { id number title }';

function unitQuery(id, after) {
  return `{
  node(id: ${lit(id)}) {
    ... on Unit {
      ${UNIT_FIELDS} aliases sector jurisdiction { code name } members { ${UNIT_FIELDS} }
      assignments(first: 100${after ? `, after: ${lit(after)}` : ''}) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes {
          id role mention clause { text start end } basis { text start end }
          task { ${TASK_FIELDS} assignments { id role clause { text start end } basis { text start end } unit { ${UNIT_FIELDS} } } }
        }
      }
    }
  }
}`;
}

async function unitView(id) {
  show('graph');
  const first = unitQuery(id);
  setViewQuery(first);
  let data = await gql(first);
  const unit = data.node;
  if (!unit?.name) throw new Error(`没有这个单位 / no unit with ID ${id}`);
  const assignments = [...unit.assignments.nodes];
  // every page: a unit's duties are a few hundred at most
  while (data.node.assignments.pageInfo.hasNextPage && assignments.length < 2000) {
    data = await gql(unitQuery(id, data.node.assignments.pageInfo.endCursor));
    assignments.push(...data.node.assignments.nodes);
  }
  assignments.sort((a, b) => (ROLES[a.role]?.rank ?? 9) - (ROLES[b.role]?.rank ?? 9));
  // one task node per task; the unit's roles in it are its edges
  const tasks = [];
  const byTask = new Map();
  for (const a of assignments) {
    if (!byTask.has(a.task.id)) {
      byTask.set(a.task.id, []);
      tasks.push(a.task);
    }
    byTask.get(a.task.id).push(a);
  }
  const center = unitNode(unit, { ring: 3 });
  center.classes += ' focus';
  const addTasks = (batch) => batch.flatMap((task) => {
    const els = [taskNode(task, { ring: 2 })];
    for (const a of byTask.get(task.id)) els.push(assignmentEdge(a, task, unit, { reverse: true }));
    const others = task.assignments.filter((a) => a.unit.id !== unit.id);
    const addOthers = (list) => list.flatMap((a) => [unitNode(a.unit, { ring: 1 }), assignmentEdge(a, task, a.unit)]);
    els.push(...addOthers(others.slice(0, FIRST_UNITS)));
    if (others.length > FIRST_UNITS) els.push(...moreNode(`${task.id}`, `t:${task.id}`, others.slice(FIRST_UNITS), addOthers));
    return els;
  });
  expanders = new Map();
  const elements = [center, ...addTasks(tasks.slice(0, FIRST_TASKS))];
  if (tasks.length > FIRST_TASKS) elements.push(...moreNode(`tasks:${unit.id}`, center.data.id, tasks.slice(FIRST_TASKS), addTasks));
  draw(dedupe(elements), ringsLayout);

  const counts = Object.keys(ROLES).map((role) => [role, assignments.filter((a) => a.role === role).length]).filter(([, n]) => n);
  $('details').replaceChildren(
    h('h2', {}, unit.name),
    h('p', { class: 'meta' }, `${levelLabel(unit.level)}级 · ${unit.kind}${unit.sector ? ` · ${unit.sector}` : ''}${unit.jurisdiction ? ` · ${unit.jurisdiction.name}（${unit.jurisdiction.code}）` : ''}`),
    unit.aliases.length ? h('p', { class: 'meta' }, `别称 / aliases：${unit.aliases.join('、')}`) : null,
    unit.members.length ? h('details', {}, h('summary', {}, `集合单位，代表 ${unit.members.length} 个单位 / a collective of ${unit.members.length} units`),
      h('ul', { class: 'items' }, unit.members.map((m) => h('li', {}, h('a', { href: `#/unit/${m.id}` }, `${m.name}（${levelLabel(m.level)}）`))))) : null,
    h('p', {}, `承担 ${unit.assignments.totalCount} 项分工、${tasks.length} 项任务 / ${unit.assignments.totalCount} assignments on ${tasks.length} tasks：`, ...counts.map(([role, n]) => h('span', {}, ' ', roleBadge(role), ` ${n}`))),
    exportLinks('unit', unit.name),
    legend(),
    h('p', { class: 'meta' }, '点击边查看原文依据，双击节点打开它 / click an edge for its evidence, double-click a node to open it'),
  );
  listGroups = () => [
    { title: '任务 / tasks', elements: cy.edges('[kind = "assignment"]').filter((e) => e.data('unit').id === unit.id).map((e) => withListLabel(e, `${docLabel(e.data('task').document)} ${taskLabel(e.data('task'))}`)) },
    { title: '展开 / expand', elements: cy.nodes('.more').toArray() },
  ];
  renderElementList();
  status(`${unit.name}：图中 ${cy.nodes().length} 个节点 / ${cy.nodes().length} nodes`);
}

function withListLabel(el, label) {
  el.data('listLabel', label);
  return el;
}

/** a unit can appear on many tasks: one node, many edges */
function dedupe(elements) {
  const seen = new Set();
  return elements.filter((el) => (seen.has(el.data.id) ? false : seen.add(el.data.id)));
}

// what each kind of link between tasks is called, in the document's words and in English
const RELATIONS = { IMPLEMENTS: '落实 / implements', CONTINUES: '延续 / continues', CORRESPONDS: '对应 / corresponds', REPORTS_ON: '报告 / reports on' };
const relationLabel = (r) => RELATIONS[r] ?? r;
const relationCounts = (hops) => Object.entries(hops.filter((x) => x.link).reduce((n, x) => ({ ...n, [x.link.relation]: (n[x.link.relation] ?? 0) + 1 }), {})).map(([r, n]) => `${relationLabel(r).split(' / ')[0]} ${n}`).join('，');

function chainQuery(taskId) {
  return `{
  responsibilityChain(task: ${lit(taskId)}, depth: 4, maxNodes: 200) {
    truncated
    root { ${TASK_FIELDS} }
    hops {
      depth parent { ${TASK_FIELDS} }
      task {
        ${TASK_FIELDS}
        assignments {
          id role mention clause { text start end } basis { text start end }
          unit { ${UNIT_FIELDS} }
          coveredUnits { reach unit { ${UNIT_FIELDS} } }
        }
      }
      link { id relation method score evidence { implemented { text start end } implementer { text start end } } }
    }
  }
}`;
}

async function chainView(taskId) {
  show('graph');
  const query = chainQuery(taskId);
  setViewQuery(query);
  const chain = (await gql(query)).responsibilityChain;
  if (!chain) throw new Error(`没有这个任务 / no task with ID ${taskId}`);
  expanders = new Map();
  const elements = [];
  for (const hop of chain.hops) {
    const node = taskNode(hop.task);
    if (hop.depth === 0) node.classes += ' focus';
    elements.push(node);
    if (hop.parent && hop.link) {
      elements.push({ group: 'edges', classes: 'link', data: {
        id: `l:${hop.link.id}:${hop.task.id}`, source: `t:${hop.parent.id}`, target: `t:${hop.task.id}`, kind: 'link', link: hop.link, parent: hop.parent, task: hop.task,
        caption: `${relationLabel(hop.link.relation)} (${hop.link.method})`, evidence: hop.link.evidence.implementer, document: hop.task.document,
      } });
    }
    for (const a of hop.task.assignments) {
      elements.push(unitNode(a.unit), assignmentEdge(a, hop.task, a.unit));
      const covered = a.coveredUnits.filter((c) => c.reach === 'EXPANSION');
      const addCovered = (list) => list.flatMap((c) => [unitNode(c.unit), { group: 'edges', classes: `covered role-${a.role}`, data: {
        id: `c:${a.id}:${c.unit.id}`, source: `u:${a.unit.id}`, target: `u:${c.unit.id}`, kind: 'covered', collective: a.unit, unit: c.unit, role: a.role,
      } }]);
      elements.push(...addCovered(covered.slice(0, FIRST_UNITS)));
      if (covered.length > FIRST_UNITS) elements.push(...moreNode(`${a.id}`, `u:${a.unit.id}`, covered.slice(FIRST_UNITS), addCovered));
    }
  }
  for (const el of elements) if (el.data.kind === 'unit') el.classes += ' slanted';
  // top-down from the root task: province, city, county
  draw(dedupe(elements), (n) => ({ name: 'breadthfirst', directed: true, roots: `[id = ${lit(`t:${chain.root.id}`)}]`, spacingFactor: n > 300 ? 0.6 : 1, avoidOverlap: true }));

  const root = chain.root;
  $('details').replaceChildren(
    h('h2', {}, `责任链 / chain：${taskLabel(root)}`),
    h('p', { class: 'meta' }, `${root.document.number ?? ''} ${root.document.title}`),
    h('p', {}, `${chain.hops.length} 项任务，${chain.hops.filter((x) => x.depth > 0).length} 条关联（${relationCounts(chain.hops)}）/ ${chain.hops.length} tasks${chain.truncated ? '（已截断 / truncated）' : ''}`),
    h('p', {}, h('a', { class: 'action', href: `#/matrix/${root.document.id}` }, '任务分工表 / matrix')),
    root.document.number ? exportLinks('document', root.document.number) : null,
    legend([...new Set(chain.hops.filter((x) => x.link).map((x) => x.link.relation))].map((r) => [`${relationLabel(r)} (task → task)`, '']).concat([['集合展开 / members of a collective', 'dashed']])),
    h('p', { class: 'meta' }, '点击边查看原文依据（高亮于原文中）/ click an edge: its sentence, highlighted in the document'),
  );
  listGroups = () => [
    { title: '关联 / links', elements: cy.edges('[kind = "link"]').map((e) => withListLabel(e, `${taskLabel(e.data('parent'))} → ${relationLabel(e.data('link').relation)} → ${docLabel(e.data('task').document)} ${taskLabel(e.data('task'))}`)) },
    { title: '分工 / assignments', elements: cy.edges('[kind = "assignment"]').map((e) => withListLabel(e, `${taskLabel(e.data('task'))} · ${e.data('unit').name}`)) },
    { title: '展开 / expand', elements: cy.nodes('.more').toArray() },
  ];
  renderElementList();
  status(`责任链：${chain.hops.length} 项任务，图中 ${cy.nodes().length} 个节点 / ${cy.nodes().length} nodes`);
}

// ---------- the matrix ----------

function matrixQuery(documentId, level) {
  const lower = LOWER_LEVEL[level];
  return `{
  responsibilityMatrix(document: ${lit(documentId)}) {
    document { id number title kind jurisdiction { name level } }
    columns { ${UNIT_FIELDS} }
    rows { task { id path label title depth kind deadline } cells { column roles } }
  }
  gaps(first: 100, filter: { document: ${lit(documentId)} }) { totalCount nodes { kind detail task { id } } }${lower ? `
  notCarried: gaps(first: 100, filter: { document: ${lit(documentId)}, kinds: [NOT_IMPLEMENTED], lowerLevel: ${lower} }) { totalCount nodes { kind detail task { id } } }` : ''}
  overlaps(first: 100, filter: { document: ${lit(documentId)} }) { totalCount nodes { kind detail task { id } other { id path document { id number } } units { id name } } }
  duplicates: overlaps(first: 100, filter: { kinds: [NEAR_DUPLICATE] }) { nodes { kind detail task { id path document { id number } } other { id } } }
}`;
}

async function matrixView(documentId) {
  show('matrix');
  // the document's level decides which lower level should carry its tasks out
  const head = (await gql(`{ node(id: ${lit(documentId)}) { ... on Document { id jurisdiction { level } } } }`)).node;
  if (!head?.id) throw new Error(`没有这个文件 / no document with ID ${documentId}`);
  const query = matrixQuery(documentId, head.jurisdiction?.level);
  setViewQuery(query);
  const data = await gql(query);
  const m = data.responsibilityMatrix;
  const flags = new Map();
  const flag = (taskId, f) => (flags.get(taskId) ?? flags.set(taskId, []).get(taskId)).push(f);
  for (const g of [...data.gaps.nodes, ...(data.notCarried?.nodes ?? [])]) flag(g.task.id, { type: 'gap', label: GAP_LABELS[g.kind] ?? g.kind, detail: g.detail });
  for (const o of data.overlaps.nodes) flag(o.task.id, { type: 'overlap', label: OVERLAP_LABELS[o.kind] ?? o.kind, detail: `${o.detail}${o.units.length ? `：${o.units.map((u) => u.name).join('、')}` : ''}${o.other ? ` ↔ ${docLabel(o.other.document)} ${o.other.path}` : ''}` });
  // a near-duplicate is listed once, on the other document's task: mark this side too
  for (const o of data.duplicates.nodes) {
    if (o.other && o.task.document.id !== documentId) flag(o.other.id, { type: 'overlap', label: OVERLAP_LABELS[o.kind], detail: `${o.detail} ↔ ${docLabel(o.task.document)} ${o.task.path}` });
  }
  const rows = m.rows.map((row, order) => {
    const roles = new Map(row.cells.map((c) => [c.column, c.roles]));
    return { task: row.task, order, roles, flags: flags.get(row.task.id) ?? [] };
  });
  const state = { sort: { key: 'order', dir: 1 }, task: '', unit: '', role: '', flaggedOnly: false };
  const gapCount = rows.filter((r) => r.flags.some((f) => f.type === 'gap')).length;
  const overlapCount = rows.filter((r) => r.flags.some((f) => f.type === 'overlap')).length;

  const table = h('table', { class: 'matrix', id: 'matrix-table', 'aria-label': `任务分工表 ${docLabel(m.document)}` });
  const sortKeyFor = (key) => (r) => {
    if (key === 'order') return r.order;
    if (key === 'flags') return -r.flags.length;
    const roles = r.roles.get(key);
    return roles ? Math.min(...roles.map((x) => ROLES[x]?.rank ?? 9)) : 99;
  };
  const render = () => {
    const visibleCols = m.columns.map((u, i) => ({ u, i })).filter(({ u }) => !state.unit || u.name.includes(state.unit));
    const key = sortKeyFor(state.sort.key);
    const shown = rows
      .filter((r) => !state.task || `${r.task.path} ${r.task.title}`.includes(state.task))
      .filter((r) => !state.role || visibleCols.some(({ i }) => r.roles.get(i)?.includes(state.role)))
      .filter((r) => !state.unit || visibleCols.some(({ i }) => r.roles.has(i)))
      .filter((r) => !state.flaggedOnly || r.flags.length)
      .sort((a, b) => (key(a) - key(b)) * state.sort.dir || a.order - b.order);
    const sortHeader = (label, sortKey, cls, title) => {
      const active = state.sort.key === sortKey;
      return h('th', { scope: 'col', class: cls, title, 'aria-sort': active ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', 'aria-label': `按 ${label} 排序 / sort by ${label}`, onclick: () => {
          state.sort = { key: sortKey, dir: active ? -state.sort.dir : 1 };
          render();
          table.querySelector(`th[aria-sort]:not([aria-sort="none"]) button`)?.focus();
        } }, label));
    };
    table.replaceChildren(
      h('thead', {}, h('tr', {},
        sortHeader('序号 / 任务', 'order', 'task'),
        sortHeader('标记 / flags', 'flags', 'flags'),
        visibleCols.map(({ u, i }) => sortHeader(u.name, i, 'unit', `${u.name}（${levelLabel(u.level)}级）`)))),
      h('tbody', {}, shown.map((r) => h('tr', { class: [`depth-${r.task.depth}`, r.flags.some((f) => f.type === 'gap') ? 'gap' : '', r.flags.some((f) => f.type === 'overlap') ? 'overlap' : ''].join(' '), 'data-task': r.task.id, 'data-path': r.task.path },
        h('th', { scope: 'row', class: 'task' }, h('span', { class: 'path' }, r.task.path), ' ', r.task.title, r.task.deadline ? h('span', { class: 'meta' }, ` · ${r.task.deadline}`) : null),
        h('td', { class: 'flags' }, r.flags.map((f) => h('span', { class: `flag ${f.type}`, title: f.detail }, f.label))),
        visibleCols.map(({ u, i }) => {
          const roles = r.roles.get(i);
          if (!roles) return h('td', { class: 'cell' });
          return h('td', { class: 'cell', 'data-unit': u.name, tabindex: '0', role: 'button', 'aria-label': `${r.task.path} ${u.name}：${roles.map((x) => ROLES[x]?.label ?? x).join('、')}，查看依据`,
            onclick: () => cellEvidence(r.task, u, m.document),
            onkeydown: (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), cellEvidence(r.task, u, m.document)) },
          roles.map(roleBadge));
        })))),
    );
    $('matrix-count').textContent = `显示 ${shown.length} / ${rows.length} 行，${visibleCols.length} / ${m.columns.length} 列`;
  };

  const roleSelect = h('select', { id: 'matrix-role', onchange: (e) => ((state.role = e.target.value), render()) },
    h('option', { value: '' }, '全部角色 / all roles'), Object.entries(ROLES).map(([role, r]) => h('option', { value: role }, `${r.label} ${role}`)));
  $('matrix').replaceChildren(
    h('h2', {}, `任务分工表 / matrix：${m.document.number ?? ''} ${m.document.title}`),
    h('div', { class: 'matrix-tools' },
      h('label', {}, '任务 / task ', h('input', { type: 'text', id: 'matrix-task', placeholder: '路径或标题', oninput: (e) => ((state.task = e.target.value.trim()), render()) })),
      h('label', {}, '单位 / unit ', h('input', { type: 'text', id: 'matrix-unit', placeholder: '单位名称', oninput: (e) => ((state.unit = e.target.value.trim()), render()) })),
      h('label', {}, '角色 / role ', roleSelect),
      h('label', {}, h('input', { type: 'checkbox', id: 'matrix-flagged', onchange: (e) => ((state.flaggedOnly = e.target.checked), render()) }), ' 只看缺位或交叉 / flagged only'),
      h('span', { id: 'matrix-count', class: 'meta', 'aria-live': 'polite' })),
    table,
  );
  render();
  $('details').replaceChildren(
    h('h2', {}, m.document.number ?? m.document.title),
    h('p', { class: 'meta' }, m.document.title),
    h('p', {}, `${rows.length} 项条目 × ${m.columns.length} 个单位；缺位 ${gapCount} 项，交叉 ${overlapCount} 项 / ${gapCount} rows with gaps, ${overlapCount} with overlaps`),
    m.document.number ? exportLinks('document', m.document.number) : null,
    legend([], false),
    h('ul', { class: 'legend' }, h('li', {}, h('span', { class: 'flag gap' }, '缺位'), ' 责任缺位 gap'), h('li', {}, h('span', { class: 'flag overlap' }, '交叉'), ' 职责交叉 overlap')),
    h('p', { class: 'meta' }, '点击单元格查看原文依据；点击表头排序 / click a cell for its evidence; click a header to sort'),
  );
  status(`任务分工表：${rows.length} 行 × ${m.columns.length} 列`);
}

async function cellEvidence(task, unit, doc) {
  const data = await gql(`{ node(id: ${lit(task.id)}) { ... on Task { ${TASK_FIELDS} assignments { id role clause { text start end } basis { text start end } unit { id } } } } }`);
  const t = data.node;
  const mine = t.assignments.filter((a) => a.unit.id === unit.id);
  showEvidence(`${unit.name} · ${taskLabel(t)}`, mine.map((a) => ({ label: `${ROLES[a.role]?.label ?? a.role} ${a.role}`, span: a.clause, basis: a.basis, document: doc })), [
    h('a', { class: 'action', href: `#/unit/${unit.id}` }, `打开单位 ${unit.name}`),
    h('a', { class: 'action', href: `#/chain/${t.id}` }, '责任链 / chain'),
  ]);
}

// ---------- search results and home ----------

function searchQuery(q, first) {
  return `{
  search(query: ${lit(q)}, first: ${first}) {
    totalCount
    nodes {
      kind field score snippet
      unit { id name level }
      task { id path title document { id number title } }
      document { id number title }
    }
  }
}`;
}

function hitHref(hit) {
  if (hit.kind === 'UNIT') return `#/unit/${hit.unit.id}`;
  if (hit.kind === 'TASK') return `#/chain/${hit.task.id}`;
  return `#/matrix/${hit.document.id}`;
}

function hitTitle(hit) {
  if (hit.kind === 'UNIT') return `${hit.unit.name}（${levelLabel(hit.unit.level)}）`;
  if (hit.kind === 'TASK') return `${docLabel(hit.task.document)} ${taskLabel(hit.task)}`;
  return `${hit.document.number ?? ''} ${hit.document.title}`;
}

async function searchView(q) {
  show('home');
  const query = searchQuery(q, 50);
  setViewQuery(query);
  const { search } = await gql(query);
  $('q').value = q;
  $('home').replaceChildren(
    h('h2', {}, `“${q}” 的检索结果 / results: ${search.totalCount}`),
    h('ul', { class: 'items doclist' }, search.nodes.map((hit) => h('li', {},
      h('a', { href: hitHref(hit) }, h('span', { class: `kind kind-${hit.kind}` }, KINDS[hit.kind]), hitTitle(hit)),
      snippet(hit.snippet)))),
  );
  $('details').replaceChildren(h('h2', {}, '检索 / Search'), h('p', { class: 'meta' }, '单位打开邻域图，任务打开责任链，文件打开任务分工表 / units open their neighbourhood, tasks their chain, documents their matrix'));
  status('');
}

async function homeView() {
  show('home');
  const query = `{
  documents(first: 100) { totalCount nodes { id number title kind date jurisdiction { name level } } }
}`;
  setViewQuery(query);
  const { documents } = await gql(query);
  $('home').replaceChildren(
    h('h2', {}, `文件 / documents（${documents.totalCount}）`),
    h('ul', { class: 'doclist' }, documents.nodes.map((d) => h('li', {},
      h('a', { href: `#/matrix/${d.id}` }, `${d.number ?? ''} ${d.title}`),
      h('span', { class: 'meta' }, ['', d.jurisdiction?.name, d.date].filter((x) => x !== null && x !== undefined).join(' · '))))),
  );
  $('details').replaceChildren(
    h('h2', {}, '责任图谱浏览器 / Explorer'),
    h('p', {}, '在上方检索单位（名称或别称）、任务或文号；选中一个单位看它的任务与合作单位，选中一个任务看它的责任链，选中一个文件看它的任务分工表。'),
    h('p', { class: 'meta' }, 'Search above for a unit (name or alias), a task or a document number. Every view has its own URL.'),
    legend(),
  );
  status('');
}

// ---------- routing ----------

async function route() {
  const [, view = '', ...rest] = location.hash.replace(/^#/, '').split('/');
  const arg = decodeURIComponent(rest.join('/'));
  status('正在加载… / loading…');
  try {
    if (view === 'unit' && arg) await unitView(arg);
    else if (view === 'chain' && arg) await chainView(arg);
    else if (view === 'matrix' && arg) await matrixView(arg);
    else if (view === 'search' && arg) await searchView(arg);
    else await homeView();
    document.title = `${$('details').querySelector('h2')?.textContent ?? ''} — dutygraph 责任图谱`;
  } catch (error) {
    status(`出错 / error: ${error.message}`, true);
  }
}

// ---------- the search box: a combobox with suggestions ----------

const input = $('q');
const list = $('suggestions');
let suggestSeq = 0;
let suggestTimer = 0;
let hits = [];
let active = -1;

function closeSuggestions() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  active = -1;
}

function setActive(i) {
  const items = list.querySelectorAll('li');
  if (!items.length) return;
  active = (i + items.length) % items.length;
  items.forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
  input.setAttribute('aria-activedescendant', items[active].id);
  items[active].scrollIntoView({ block: 'nearest' });
}

function choose(i) {
  const hit = hits[i];
  closeSuggestions();
  if (hit) location.hash = hitHref(hit);
}

async function suggest(q) {
  const seq = ++suggestSeq;
  try {
    const { search } = await gql(searchQuery(q, 8));
    if (seq !== suggestSeq || input.value.trim() !== q) return; // typed on meanwhile
    hits = search.nodes;
    list.replaceChildren(...hits.map((hit, i) => h('li', { id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false',
      onmousedown: (e) => e.preventDefault(), onclick: () => choose(i) },
    h('span', { class: `kind kind-${hit.kind}` }, KINDS[hit.kind]), hitTitle(hit), snippet(hit.snippet))));
    if (!hits.length) list.append(h('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', id: 'suggestion-none' }, `没有结果 / nothing found for “${q}”`));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  } catch (error) {
    if (seq === suggestSeq) status(`检索出错 / search failed: ${error.message}`, true);
  }
}

input.addEventListener('input', (e) => {
  if (e.isComposing) return; // a pinyin IME is still composing: wait for its characters
  clearTimeout(suggestTimer);
  const q = input.value.trim();
  if (!q) return closeSuggestions();
  suggestTimer = setTimeout(() => suggest(q), 200);
});
input.addEventListener('compositionend', () => input.dispatchEvent(new Event('input')));
input.addEventListener('keydown', (e) => {
  if (e.isComposing) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (list.hidden) return void (input.value.trim() && suggest(input.value.trim()));
    setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (!list.hidden && active >= 0 && hits[active]) choose(active);
    else if (input.value.trim()) {
      closeSuggestions();
      location.hash = `#/search/${encodeURIComponent(input.value.trim())}`;
    }
  } else if (e.key === 'Escape') {
    if (!list.hidden) closeSuggestions();
    else input.value = '';
  }
});
input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));

// for the browser tests and the console: the live graph, and the drawing path with its size-dependent choices
window.dutygraphExplorer = { get cy() { return cy; }, draw, ringsLayout };

// a view opened by link or by the back button moves focus to it, so keyboard users land in the content
window.addEventListener('hashchange', () => route().then(() => $('stage').focus({ preventScroll: true })));
route();
