import { Entity, OptionalProps, PrimaryKeyProp, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { DocumentFormat, DocumentKind, JurisdictionSource } from '../common/enums.js';
import { Node } from '../../graphql/relay.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Unit } from '../unit/unit.entity.js';

@Entity({ tableName: 'document' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A source document 文件: a notice, plan, progress report or news write-up, with its cleaned text.' })
export class Document {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @Property({ type: 'text', unique: true })
  @Field(() => String, { description: 'File name of the source 源文件名, as received (e.g. 003_de92b7dc7b209498.txt).' })
  sourceFile!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Title 标题.' })
  title!: string;

  @Property({ type: 'text', nullable: true, fieldName: 'doc_number' })
  @Index()
  @Field(() => String, { nullable: true, description: 'Document number 文号, e.g. 晋政发〔2024〕1号; null when it has none.' })
  number?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Issuer as written 发文机关.' })
  issuerName?: string | null;

  @ManyToOne(() => Unit, { nullable: true, fieldName: 'issuer_id' })
  issuer?: Rel<Unit> | null;

  @Property({ type: 'text', nullable: true, fieldName: 'issued_on' })
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of issue or publication 成文/发布日期; null when the text gives none.' })
  date?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the document speaks for 年度.' })
  year?: number | null;

  @Enum({ items: () => DocumentKind })
  @Field(() => DocumentKind, { description: 'Kind of document 文件类型.' })
  kind!: DocumentKind;

  @ManyToOne(() => Jurisdiction, { nullable: true, fieldName: 'jurisdiction_code' })
  jurisdiction?: Rel<Jurisdiction> | null;

  /** JSON of JurisdictionEvidence[]: what placed the document in its jurisdiction */
  @Property({ type: 'text', nullable: true })
  jurisdictionEvidence?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The cleaned official text 正文 (noise removed, page breaks repaired); clause spans index into it.' })
  text!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The text as received 原始文本, before cleaning.' })
  rawText!: string;

  @Property({ type: 'text' })
  contentHash!: string;

  @Enum({ items: () => DocumentFormat, default: DocumentFormat.TEXT })
  @Field(() => DocumentFormat, { description: 'The form it was received in 文件格式 (PDF, HTML, DOCX …), told by its content.' })
  format: DocumentFormat = DocumentFormat.TEXT;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What read it, with its version (pdfjs-dist 5.6.205, mammoth 1.13.0, tesseract 5.3.0 (chi_sim) …); null for documents written by `gen`.' })
  reader?: string | null;

  /** JSON of the offsets of `text` where pages 2, 3 … start; null when the source has no pages */
  @Property({ type: 'text', nullable: true })
  pageStarts?: string | null;

  [OptionalProps]?: 'format';
}

@Entity({ tableName: 'noise' })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'Text removed while cleaning a document 清除的噪声 — kept, with where and why.' })
export class Noise {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Kind of noise: ADVERTISING, IMAGE_CAPTION, PAGE_BREAK (a page number, or a break inside a sentence), PAGE_HEADER (a PDF\'s running header or footer), NAVIGATION (a web page around the article) or MARKUP.' })
  kind!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The text removed.' })
  text!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Where it stood in the raw text (UTF-16 offset).' })
  rawStart!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Where it was removed from, as an offset in the cleaned text.' })
  cleanOffset!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Why it was removed.' })
  reason!: string;
}

/** a part of a document the parser could not read (a clause with no unit it could name) */
@Entity({ tableName: 'parse_problem' })
@ObjectType({ simpleResolvers: true, description: 'A part of a document the parser could not read 未能识别的内容.' })
export class ParseProblem {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What went wrong.' })
  message!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The text that could not be read.' })
  text!: string;

  @Property({ type: 'integer', fieldName: 'span_start' })
  @Field(() => Int, { description: 'Start offset in the cleaned text.' })
  start!: number;

  @Property({ type: 'integer', fieldName: 'span_end' })
  @Field(() => Int, { description: 'End offset (exclusive) in the cleaned text.' })
  end!: number;
}

/** a document this one states it carries out (为贯彻落实《…》): resolved when that document is in the graph */
@Entity({ tableName: 'document_reference' })
@ObjectType({ simpleResolvers: true, description: 'A document this one states it carries out 所落实的文件 (为贯彻落实《…》), with the sentence that says so.' })
export class DocumentReference {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @ManyToOne(() => Document, { fieldName: 'document_id', deleteRule: 'cascade' })
  document!: Rel<Document>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The cited title, as written between 《》.' })
  title!: string;

  @ManyToOne(() => Document, { nullable: true, fieldName: 'cited_document_id', deleteRule: 'set null' })
  citedDocument?: Rel<Document> | null;

  @Property({ type: 'text' })
  sentence!: string;

  @Property({ type: 'integer' })
  sentenceStart!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What in a document placed it in its jurisdiction 发文地区的依据: the words, and the division they name.' })
export class JurisdictionEvidence {
  @Field(() => JurisdictionSource, { description: 'Which part of the document it is.' })
  source!: JurisdictionSource;

  @Field(() => String, { description: 'The words of the document it rests on (or the code given).' })
  text!: string;

  @Field(() => String, { description: 'GB/T 2260 code of the division those words name (000000 for the country).' })
  code!: string;

  @Field(() => String, { description: 'Name of that division.' })
  name!: string;
}
