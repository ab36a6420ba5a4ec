// The shapes of the API's answers that the explorer reads: the fields its queries ask for, nothing more.

export type Role = 'LEAD' | 'SHARED' | 'RESPONSIBLE' | 'SUPERVISE' | 'COOPERATE' | 'OTHER';
export type Level = 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY';
export type ReviewStatus = 'EXTRACTED' | 'CONFIRMED' | 'REJECTED';
export type Relation = 'IMPLEMENTS' | 'CONTINUES' | 'CORRESPONDS' | 'REPORTS_ON';

/** a span of a document's text: the evidence for a fact */
export interface Span {
  text: string;
  start: number;
  end: number;
  openEnded?: boolean;
}

export interface Jurisdiction {
  code: string;
  name: string;
  level?: Level;
}

export interface DocumentRef {
  id: string;
  number: string | null;
  title: string;
  kind?: string;
  date?: string | null;
  jurisdiction?: Jurisdiction | null;
}

export interface Unit {
  id: string;
  name: string;
  level: Level;
  kind: string;
  aliases: string[];
  jurisdiction: Jurisdiction | null;
}

export interface TaskRef {
  id: string;
  path: string;
  title: string;
  document: DocumentRef;
}

export interface CoveredUnit {
  reach: 'DIRECT' | 'EXPANSION';
  unit: Unit;
}

export interface Assignment {
  id: string;
  role: Role;
  mention?: string;
  implicit?: boolean;
  review?: ReviewStatus;
  version?: number;
  clause: Span;
  basis?: Span | null;
  unit: Unit;
  coveredUnits?: CoveredUnit[];
}

export interface TaskLink {
  id: string;
  relation: Relation;
  method: string;
  score: number | null;
  evidence: { implemented: Span; implementer: Span };
}
