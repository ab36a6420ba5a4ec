import { type NodeType, toGlobalId } from '../../graphql/relay.js';
import type { AssignmentRow, AssignmentTexts } from '../assignment/assignment.loaders.js';
import type { ExportData } from './export.data.js';
import { ROLE_HEADERS } from './tabular.js';

/** node IRIs are the API's global IDs, so `node(id:)` finds what an IRI names */
export const IRI_BASE = 'urn:dutygraph:';
/** terms of our own, for what the Organization Ontology and PROV have no word for */
export const VOCAB = 'urn:dutygraph:vocab#';

export const CONTEXT = {
  '@version': 1.1,
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  popolo: 'http://www.popoloproject.com/schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dg: VOCAB,
};

// absolute: a relative reference does not resolve against a urn: base
export const nodeIri = (type: NodeType, id: number | string) => `${IRI_BASE}${toGlobalId(type, id)}`;
const iri = (type: NodeType, id: number | string) => ({ '@id': nodeIri(type, id) });
const roleIri = (role: string) => ({ '@id': `dg:role/${role}` });

/**
 * Units are org:Organization (Popolo's Organization); a task is an org:OrganizationalCollaboration —
 * a project with an identity of its own that units take part in — so each assignment is an
 * org:Membership of a unit in a task with an org:Role, derived (PROV) from the clause that says so.
 * A collective's members are org:Memberships in the collective; a unit's parent is org:subOrganizationOf.
 */
export function toJsonLd(data: ExportData): Buffer {
  const graph: Record<string, unknown>[] = [];
  const roles = [...new Set(data.assignments.map((a) => a.role))];
  for (const role of roles) {
    graph.push({ ...roleIri(role), '@type': ['org:Role', 'skos:Concept'], 'skos:prefLabel': { '@value': ROLE_HEADERS[role], '@language': 'zh' }, 'skos:notation': role });
  }
  for (const d of data.documents) {
    graph.push({
      ...iri('Document', d.rowId),
      '@type': ['prov:Entity', 'dcterms:BibliographicResource'],
      'dcterms:title': { '@value': d.title, '@language': 'zh' },
      ...(d.number ? { 'dcterms:identifier': d.number } : {}),
      ...(d.date ? { 'dcterms:issued': { '@value': d.date, '@type': 'xsd:date' } } : {}),
      ...(d.issuerId && data.units.has(d.issuerId) ? { 'dcterms:creator': iri('Unit', d.issuerId) } : {}),
      'dg:sourceFile': d.sourceFile,
      'dg:kind': d.kind,
    });
  }
  for (const u of data.units.values()) {
    const j = u.jurisdictionCode ? data.jurisdictions.get(u.jurisdictionCode) : undefined;
    graph.push({
      ...iri('Unit', u.rowId),
      '@type': ['org:Organization', 'popolo:Organization'],
      'skos:prefLabel': { '@value': u.name, '@language': 'zh' },
      'skos:altLabel': (data.aliases.get(u.rowId) ?? []).map((a) => ({ '@value': a, '@language': 'zh' })),
      'org:classification': { '@id': `dg:kind/${u.kind}` },
      'dg:level': u.level,
      ...(u.sector ? { 'dg:sector': u.sector } : {}),
      ...(j ? { 'dg:jurisdiction': { ...iri('Jurisdiction', j.code), 'skos:notation': j.code, 'skos:prefLabel': { '@value': j.name, '@language': 'zh' } } } : {}),
      ...(u.parentId && data.units.has(u.parentId) ? { 'org:subOrganizationOf': iri('Unit', u.parentId) } : {}),
    });
  }
  for (const m of data.memberships) {
    graph.push({
      '@id': `${nodeIri('Unit', m.collectiveId)}/member/${toGlobalId('Unit', m.memberId)}`,
      '@type': ['org:Membership', 'dg:CollectiveMembership'],
      'org:organization': iri('Unit', m.collectiveId),
      'org:member': iri('Unit', m.memberId),
    });
  }
  for (const t of data.tasks) {
    graph.push({
      ...iri('Task', t.rowId),
      '@type': ['org:OrganizationalCollaboration', 'dg:Task'],
      'skos:prefLabel': { '@value': t.title, '@language': 'zh' },
      'dg:path': t.path,
      'dg:label': t.label,
      'dg:kind': t.kind,
      ...(t.deadline ? { 'dg:deadline': t.deadline } : {}),
      'dcterms:isPartOf': iri('Document', t.documentId),
      ...(t.parentId ? { 'dg:parentTask': iri('Task', t.parentId) } : {}),
    });
  }
  const documentOf = new Map(data.tasks.map((t) => [t.rowId, t.documentId]));
  for (const a of data.assignments) graph.push(assignmentNode(a, documentOf.get(a.taskId)!));
  for (const l of data.links) {
    graph.push({
      ...iri('TaskLink', l.rowId),
      '@type': ['prov:Entity', 'dg:TaskLink'],
      'dg:implementer': iri('Task', l.implementerId),
      'dg:implements': iri('Task', l.implementedId),
      'dg:relation': l.relation,
      'dg:method': l.method,
      ...(l.score != null ? { 'dg:score': Number(l.score) } : {}),
    });
  }
  return Buffer.from(JSON.stringify({ '@context': CONTEXT, '@graph': graph }, null, 1), 'utf8');
}

function assignmentNode(a: AssignmentRow & AssignmentTexts, documentId: number): Record<string, unknown> {
  const id = nodeIri('Assignment', a.rowId);
  // the evidence: the clause (and, for an implied duty, the sentence implying it), quoted from the document
  const span = (suffix: string, text: string, start: number, end: number) => ({
    '@id': `${id}/${suffix}`,
    '@type': 'prov:Entity',
    'prov:value': { '@value': text, '@language': 'zh' },
    'prov:wasQuotedFrom': iri('Document', documentId),
    'dg:start': Number(start),
    'dg:end': Number(end),
  });
  const evidence = [{ ...span('clause', a.clauseText, a.clauseStart, a.clauseEnd), 'dg:openEnded': Boolean(a.openEnded) }];
  if (a.basisText != null) evidence.push({ ...span('basis', a.basisText, a.basisStart!, a.basisEnd!), 'dg:openEnded': false });
  return {
    '@id': id,
    '@type': ['org:Membership', 'popolo:Membership', 'prov:Entity', 'dg:Assignment'],
    'org:member': iri('Unit', a.unitId),
    'org:organization': iri('Task', a.taskId),
    'org:role': roleIri(a.role),
    'dg:mention': { '@value': a.mention, '@language': 'zh' },
    'dg:implicit': Boolean(a.implicit),
    'dg:review': a.review,
    ...(a.phrase ? { 'dg:phrase': a.phrase } : {}),
    'prov:wasDerivedFrom': evidence,
  };
}
