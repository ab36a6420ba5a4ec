import type { LinkRelation } from '../link/link.entity.js';
import { toGlobalId } from '../../graphql/relay.js';
import type { ExportData } from './export.data.js';
import { documentLabel, ROLE_HEADERS, taskLabel } from './tabular.js';

type KeyType = 'string' | 'boolean' | 'int' | 'double';
interface Key {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: KeyType;
}

// Gephi takes the attribute named "label" as the label of nodes and edges; yEd maps any of them
const KEYS: Key[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'type', for: 'node', name: 'type', type: 'string' },
  { id: 'level', for: 'node', name: 'level', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'sector', for: 'node', name: 'sector', type: 'string' },
  { id: 'jurisdiction', for: 'node', name: 'jurisdiction', type: 'string' },
  { id: 'path', for: 'node', name: 'path', type: 'string' },
  { id: 'title', for: 'node', name: 'title', type: 'string' },
  { id: 'deadline', for: 'node', name: 'deadline', type: 'string' },
  { id: 'number', for: 'node', name: 'number', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_type', for: 'edge', name: 'type', type: 'string' },
  { id: 'role', for: 'edge', name: 'role', type: 'string' },
  { id: 'mention', for: 'edge', name: 'mention', type: 'string' },
  { id: 'clause', for: 'edge', name: 'clause', type: 'string' },
  { id: 'implicit', for: 'edge', name: 'implicit', type: 'boolean' },
  { id: 'method', for: 'edge', name: 'method', type: 'string' },
  { id: 'score', for: 'edge', name: 'score', type: 'double' },
];

// characters XML 1.0 cannot carry at all, even escaped
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Data = Record<string, string | number | boolean | null | undefined>;

function dataElements(values: Data, indent: string): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${indent}<data key="${k}">${escapeXml(String(v))}</data>\n`)
    .join('');
}

// the edge label of each relation, as a reader of the graph would name it
const RELATION_LABEL: Record<LinkRelation, string> = { IMPLEMENTS: '落实', CONTINUES: '延续', CORRESPONDS: '对应', REPORTS_ON: '报告' };

/** units, tasks and documents as nodes; assignments, task → document, task links, issuers and unit membership as edges */
export function toGraphml(data: ExportData): Buffer {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ...KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>\n`),
    '  <graph id="dutygraph" edgedefault="directed">\n',
  ];
  const node = (id: string, values: Data) => out.push(`    <node id="${escapeXml(id)}">\n${dataElements(values, '      ')}    </node>\n`);
  const edge = (id: string, source: string, target: string, values: Data) =>
    out.push(`    <edge id="${escapeXml(id)}" source="${escapeXml(source)}" target="${escapeXml(target)}">\n${dataElements(values, '      ')}    </edge>\n`);
  const levelOf = (code: string | null) => (code ? data.jurisdictions.get(code)?.level : undefined);
  const jurisdictionName = (code: string | null) => (code ? (data.jurisdictions.get(code)?.name ?? code) : undefined);

  const documents = new Map(data.documents.map((d) => [d.rowId, d]));
  for (const d of data.documents) {
    node(toGlobalId('Document', d.rowId), { label: documentLabel(d), type: 'document', level: levelOf(d.jurisdictionCode), kind: d.kind, jurisdiction: jurisdictionName(d.jurisdictionCode), title: d.title, number: d.number });
  }
  for (const t of data.tasks) {
    const d = documents.get(t.documentId);
    node(toGlobalId('Task', t.rowId), { label: taskLabel(t), type: 'task', level: levelOf(d?.jurisdictionCode ?? null), kind: t.kind, path: t.path, title: t.title, deadline: t.deadline, number: d?.number });
  }
  for (const u of data.units.values()) {
    node(toGlobalId('Unit', u.rowId), { label: u.name, type: 'unit', level: u.level, kind: u.kind, sector: u.sector, jurisdiction: jurisdictionName(u.jurisdictionCode) });
  }
  for (const a of data.assignments) {
    edge(toGlobalId('Assignment', a.rowId), toGlobalId('Unit', a.unitId), toGlobalId('Task', a.taskId), {
      e_label: ROLE_HEADERS[a.role],
      e_type: 'assignment',
      role: a.role,
      mention: a.mention,
      clause: a.clauseText,
      implicit: Boolean(a.implicit),
    });
  }
  for (const t of data.tasks) {
    if (documents.has(t.documentId)) edge(`${toGlobalId('Task', t.rowId)}.document`, toGlobalId('Task', t.rowId), toGlobalId('Document', t.documentId), { e_label: '属于', e_type: 'part_of' });
  }
  for (const l of data.links) {
    edge(toGlobalId('TaskLink', l.rowId), toGlobalId('Task', l.implementerId), toGlobalId('Task', l.implementedId), {
      e_label: RELATION_LABEL[l.relation],
      e_type: l.relation.toLowerCase(),
      method: l.method,
      score: l.score == null ? null : Number(l.score),
    });
  }
  for (const d of data.documents) {
    if (d.issuerId && data.units.has(d.issuerId)) edge(`${toGlobalId('Document', d.rowId)}.issuer`, toGlobalId('Document', d.rowId), toGlobalId('Unit', d.issuerId), { e_label: '发文机关', e_type: 'issued_by' });
  }
  for (const m of data.memberships) {
    edge(`${toGlobalId('Unit', m.memberId)}.member.${toGlobalId('Unit', m.collectiveId)}`, toGlobalId('Unit', m.memberId), toGlobalId('Unit', m.collectiveId), { e_label: '成员', e_type: 'member_of' });
  }
  for (const u of data.units.values()) {
    if (u.parentId && data.units.has(u.parentId)) {
      edge(`${toGlobalId('Unit', u.rowId)}.parent`, toGlobalId('Unit', u.rowId), toGlobalId('Unit', u.parentId), { e_label: '上级', e_type: 'sub_organization_of' });
    }
  }
  out.push('  </graph>\n</graphml>\n');
  return Buffer.from(out.join(''), 'utf8');
}
