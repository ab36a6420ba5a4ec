// Results of the pure parsing stage: no ORM, no file system.

export type Role = 'LEAD' | 'SHARED' | 'RESPONSIBLE' | 'COOPERATE' | 'SUPERVISE' | 'OTHER';
export type Level = 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY';
export type DocumentKind = 'NOTICE' | 'PLAN' | 'PROGRESS_REPORT' | 'NEWS' | 'OTHER';
export type TaskKind =
  | 'CHAPTER'
  | 'TASK'
  | 'SUB_TOPIC'
  | 'TARGET_TASK'
  | 'SECTION'
  | 'MEASURE'
  | 'PROGRESS_ITEM'
  | 'TARGET'
  | 'SUB_GOAL'
  | 'PROJECT'
  | 'PRINCIPLE'
  | 'REQUIREMENT'
  | 'RESULT';
export type UnitKind =
  | 'GOVERNMENT'
  | 'PARTY_ORGAN'
  | 'COMMITTEE'
  | 'OFFICE'
  | 'DEPARTMENT'
  | 'VERTICAL_AGENCY'
  | 'PUBLIC_INSTITUTION'
  | 'ENTERPRISE'
  | 'RESCUE_TEAM'
  | 'ZONE_ADMINISTRATION'
  | 'COLLECTIVE'
  | 'OTHER';

/** A character range [start, end) in the cleaned text. */
export interface Span {
  start: number;
  end: number;
}

/** Text removed while cleaning, kept so nothing is silently lost. */
export interface Noise {
  kind: 'ADVERTISING' | 'IMAGE_CAPTION' | 'PAGE_BREAK' | 'PAGE_HEADER' | 'NAVIGATION' | 'MARKUP';
  text: string;
  /** offset in the raw text */
  rawStart: number;
  /** offset in the cleaned text where it was removed */
  cleanOffset: number;
  reason: string;
}

export interface ParsedClause extends Span {
  text: string;
  /** the list ends in 等 / 等部门 / 等单位: more units than those named */
  openEnded: boolean;
  /** for a paged source (PDF, scan): the page it starts on, from 1 */
  page?: number;
  /** for text read by OCR: the lowest confidence (0–1) of the lines it spans */
  confidence?: number;
}

export interface ParsedAssignment {
  role: Role;
  /** the unit as written, after page-break repair */
  mention: string;
  /** the normalised name the resolver starts from (prefix inherited, 其他 dropped …) */
  name: string;
  clause: ParsedClause;
  implicit: boolean;
  /** for implicit assignments: the sentence that declares them */
  basis?: ParsedClause;
  /** for role OTHER: the phrase that stands for the role */
  phrase?: string;
}

export interface ParsedTask extends Span {
  /** index into ParsedDocument.tasks, or null at the top */
  parent: number | null;
  label: string;
  path: string;
  title: string;
  text: string;
  kind: TaskKind;
  depth: number;
  deadline?: string;
  /** a quantified target the item states: 下降15%, 达到90%, 不低于75% */
  target?: string;
  assignments: ParsedAssignment[];
}

export interface DocumentMeta {
  title: string;
  number: string | null;
  issuer: string | null;
  date: string | null;
  year: number | null;
  kind: DocumentKind;
  /** GB/T 2260 code of the issuing jurisdiction */
  jurisdiction: string | null;
  /** what in the text placed it there */
  jurisdictionEvidence: JurisdictionEvidence[];
  /** why it could not be placed, when it could not */
  jurisdictionRefused?: string;
}

/** ISSUER: the header's issuer line; TITLE: the body or place heading the title; SIGNATURE: the name above the date at the end; NUMBER: the 文号; BODY: places named in the text; GIVEN: --jurisdiction */
export type JurisdictionSource = 'ISSUER' | 'TITLE' | 'SIGNATURE' | 'NUMBER' | 'BODY' | 'GIVEN';

export interface JurisdictionEvidence {
  source: JurisdictionSource;
  /** the words of the text it rests on */
  text: string;
  /** the division they point to */
  code: string;
  name: string;
}

export interface ParseProblem {
  /** what could not be read */
  message: string;
  text: string;
  start: number;
  end: number;
}

export interface ParsedDocument {
  meta: DocumentMeta;
  rawText: string;
  text: string;
  noise: Noise[];
  tasks: ParsedTask[];
  problems: ParseProblem[];
  /** the documents it states it carries out: 为贯彻落实《…》… */
  references: DocumentReferenceParsed[];
  /** for a paged source: offsets of the cleaned text where pages 2, 3 … start; null for unpaged text */
  pageStarts: number[] | null;
  /** for text read by OCR: the confidence of each line, at offsets of the cleaned text */
  confidence: { start: number; end: number; confidence: number }[];
  /** clauses read from lines OCR was unsure of */
  lowConfidence: ParsedClause[];
  /** the form it was read from and what read it, set by whoever read the file */
  source?: { format: string; reader: string };
}

export interface DocumentReferenceParsed {
  /** the cited title, without 《》 */
  title: string;
  /** the sentence that cites it, with its span */
  sentence: ParsedClause;
}
