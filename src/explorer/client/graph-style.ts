// How the graph draws roles, units and links, in one table each: the cytoscape style and the legend
// are both made from these tables, so the two cannot drift apart.
import type cytoscape from 'cytoscape';
import { h } from './dom';
import type { Role } from './types';

interface LineStyle {
  color: string;
  width: number;
  /** dash and gap lengths; none is a solid line. A dash of 0 with round caps draws dots */
  dash?: [number, number];
}

/**
 * Roles in the order a reader ranks them. 牵头 and 分工负责 differ in colour, width and line
 * (solid / dashed), so they stay apart on a small screen and in grey print.
 */
export const ROLES: Record<Role, LineStyle & { label: string; rank: number }> = {
  LEAD: { label: '牵头', rank: 0, color: '#dc2626', width: 4 },
  SHARED: { label: '分工负责', rank: 1, color: '#ea580c', width: 2.5, dash: [8, 4] },
  RESPONSIBLE: { label: '负责', rank: 2, color: '#2563eb', width: 2 },
  SUPERVISE: { label: '督促落实', rank: 3, color: '#9333ea', width: 2.5, dash: [0, 5] },
  COOPERATE: { label: '配合', rank: 4, color: '#16a34a', width: 1.5, dash: [3, 3] },
  OTHER: { label: '其他', rank: 5, color: '#6b7280', width: 1.5, dash: [0, 4] },
};
export const roleLabel = (role: string): string => ROLES[role as Role]?.label ?? role;
export const roleRank = (role: string): number => ROLES[role as Role]?.rank ?? 9;

/** the other kinds of edge; every arrow points to whoever carries the work out */
export const EDGE_KINDS = {
  link: { label: '任务 → 落实或对应它的任务 / task → the task carrying it out', color: '#111827', width: 4, arrow: 'triangle-backcurve' },
  covered: { label: '集合单位 → 其成员 / collective → member', color: '#94a3b8', width: 1, arrow: 'circle' },
} as const;

/** node kinds: colour and shape, for the graph and the legend alike */
export const NODE_KINDS = {
  task: { label: '任务 / task', color: '#facc15', border: '#854d0e', shape: 'ellipse' },
  PROVINCE: { label: '省级单位 / province', color: '#475569', shape: 'round-rectangle' },
  CITY: { label: '市级 / city', color: '#0891b2', shape: 'round-rectangle' },
  COUNTY: { label: '县级 / county', color: '#16a34a', shape: 'round-rectangle' },
  collective: { label: '集合单位 / collective', color: '#c026d3', shape: 'hexagon' },
} as const;

/** label text in screen pixels, whatever the zoom: the label pass then decides which fit */
export const LABEL_PX = 11;
const FOCUS_LABEL_PX = 13;

const dashStyle = (s: LineStyle) =>
  s.dash ? { 'line-style': 'dashed', 'line-dash-pattern': s.dash, 'line-cap': s.dash[0] === 0 ? 'round' : 'butt' } : { 'line-style': 'solid', 'line-cap': 'butt' };

/**
 * The stylesheet for a zoom level: labels keep their size on screen (scale = 1 / zoom), nodes
 * never shrink below a tap target. Big graphs draw straight edges without arrows (haystack): no
 * per-edge geometry.
 */
export function graphStyle(big: boolean, zoom = 1): cytoscape.StylesheetJson {
  const s = 1 / zoom;
  const px = (n: number) => n * s;
  const node = (n: number) => Math.max(n, px(12));
  const font = getComputedStyle(document.body).fontFamily;
  const label = (size: number) => ({
    'font-family': font, 'font-size': px(size), 'text-wrap': 'wrap', 'text-max-width': px(400), 'line-height': 1.2,
    'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': px(3),
    'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': px(1), 'text-background-shape': 'roundrectangle',
  });
  return [
    { selector: 'node', style: { label: 'data(short)', ...label(LABEL_PX), width: node(18), height: node(18), 'background-color': '#64748b', color: '#111827' } },
    ...(['PROVINCE', 'CITY', 'COUNTY'] as const).map((level) => ({ selector: `node.unit.${level}`, style: { shape: NODE_KINDS[level].shape, 'background-color': NODE_KINDS[level].color } })),
    // after the levels: a collective is drawn as one, whatever its level
    { selector: 'node.unit.collective', style: { shape: NODE_KINDS.collective.shape, 'background-color': NODE_KINDS.collective.color, width: node(24), height: node(24) } },
    { selector: 'node.task', style: { shape: NODE_KINDS.task.shape, 'background-color': NODE_KINDS.task.color, 'border-width': 1, 'border-color': NODE_KINDS.task.border } },
    { selector: 'node.focus', style: { ...label(FOCUS_LABEL_PX), width: node(34), height: node(34), 'font-weight': 'bold', 'border-width': 3, 'border-color': '#111827' } },
    { selector: 'node.more', style: { shape: 'tag', 'background-color': '#e5e7eb', 'border-width': 1, 'border-color': '#6b7280', color: '#1f2937' } },
    // where the label pass put a label (below is the default), and what it found no room for: shown
    // again on hover, on tap, or zoomed in
    { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-halign': 'center', 'text-margin-x': 0, 'text-margin-y': px(-3) } },
    { selector: 'node.label-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': px(4), 'text-margin-y': 0 } },
    { selector: 'node.label-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-x': px(-4), 'text-margin-y': 0 } },
    { selector: 'node.label-hidden', style: { label: '' } },
    { selector: 'node.hover, node:selected', style: { label: 'data(label)', 'z-index': 99, 'text-background-opacity': 1, 'text-max-width': px(260), 'text-border-width': px(1), 'text-border-opacity': 1, 'text-border-color': '#6b7280' } },
    { selector: 'edge', style: { width: 2, 'curve-style': big ? 'haystack' : 'bezier', 'target-arrow-shape': big ? 'none' : 'triangle', 'arrow-scale': 0.9, 'line-color': '#9ca3af', 'target-arrow-color': '#9ca3af' } },
    ...Object.entries(ROLES).map(([role, r]) => ({ selector: `edge.role-${role}`, style: { 'line-color': r.color, 'target-arrow-color': r.color, width: r.width, ...dashStyle(r) } })),
    ...Object.entries(EDGE_KINDS).map(([kind, k]) => ({ selector: `edge.${kind}`, style: { 'line-color': k.color, 'target-arrow-color': k.color, width: k.width, 'line-style': 'solid', ...(big ? {} : { 'target-arrow-shape': k.arrow }) } })),
    { selector: 'edge.more', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none', width: 1 } },
    { selector: ':selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': px(6) } },
  ] as cytoscape.StylesheetJson;
}

/** a line as the graph draws it, for the legend */
function lineSwatch(s: LineStyle, arrow = 'triangle'): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('viewBox', '0 0 34 10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 5, x2: 26, y2: 5, stroke: s.color, 'stroke-width': Math.min(s.width, 4) })) line.setAttribute(k, String(v));
  if (s.dash) {
    line.setAttribute('stroke-dasharray', s.dash.join(' '));
    if (s.dash[0] === 0) line.setAttribute('stroke-linecap', 'round');
  }
  const head = document.createElementNS(ns, arrow === 'circle' ? 'circle' : 'path');
  if (arrow === 'circle') for (const [k, v] of Object.entries({ cx: 29, cy: 5, r: 3 })) head.setAttribute(k, String(v));
  else head.setAttribute('d', 'M26 1 L34 5 L26 9 Z');
  head.setAttribute('fill', s.color);
  svg.append(line, head);
  return svg;
}

const dot = (kind: keyof typeof NODE_KINDS) => {
  const k = NODE_KINDS[kind];
  return h('span', { class: `dot dot-${k.shape}`, style: `background:${k.color}${'border' in k ? `;border:1px solid ${k.border}` : ''}`, 'aria-hidden': 'true' });
};

export function roleBadge(role: string, extra = ''): HTMLElement {
  return h('span', { class: `role role-${role}${extra ? ` ${extra}` : ''}`, title: role }, roleLabel(role));
}

/** the legend of a view: every role's line, the other edges it draws, its node kinds */
export function legend(opts: { edges?: (keyof typeof EDGE_KINDS)[]; nodes?: boolean; extra?: HTMLElement[] } = {}): HTMLElement {
  const { edges = [], nodes = true, extra = [] } = opts;
  return h('div', { class: 'legends' },
    h('ul', { class: 'legend', 'aria-label': '边：角色与线型 / edges: roles and line styles' },
      Object.entries(ROLES).map(([role, r]) => h('li', {}, lineSwatch(r), `${r.label} ${role}`)),
      edges.map((kind) => h('li', {}, lineSwatch(EDGE_KINDS[kind], EDGE_KINDS[kind].arrow === 'circle' ? 'circle' : 'triangle'), EDGE_KINDS[kind].label)),
      extra),
    nodes ? h('ul', { class: 'legend', 'aria-label': '节点 / nodes' }, (Object.keys(NODE_KINDS) as (keyof typeof NODE_KINDS)[]).map((kind) => h('li', {}, dot(kind), NODE_KINDS[kind].label))) : null,
    h('p', { class: 'meta' }, '箭头指向承担工作的一方：任务 → 单位，上级任务 → 落实它的任务，集合 → 成员 / arrows point to who carries the work out'));
}
