import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { Matches, MaxLength, MinLength } from 'class-validator';
import { IngestRefusal, ingestOne, type IngestSummary } from './ingest.js';
import { Document, JurisdictionEvidence } from '../modules/document/document.entity.js';
import type { DocumentRow } from '../modules/document/document.loaders.js';
import { DocumentFormat, Role } from '../modules/common/enums.js';
import { RoleCount } from '../modules/analysis/analysis.types.js';
import { requireRole } from '../modules/auth/auth.service.js';
import { badInput } from '../graphql/errors.js';
import type { Context } from '../graphql/context.js';

export enum IngestStatus {
  CREATED = 'CREATED',
  REPLACED = 'REPLACED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(IngestStatus, {
  name: 'IngestStatus',
  description: 'What an ingest did with a document 导入结果.',
  valuesConfig: {
    CREATED: { description: '新增 — a document new to the graph' },
    REPLACED: { description: '替换 — a new version of a document already in it (same 文号, file name or text); tasks whose path is unchanged keep their IDs' },
    UNCHANGED: { description: '未变 — the same text was ingested before; nothing was written' },
  },
});

@InputType({ description: 'A document’s text to read into the graph 导入文件, through the same pipeline as `dutygraph ingest`.' })
export class IngestDocumentInput {
  @Field(() => String, { description: 'The file name it arrived under (e.g. 晋政发〔2024〕1号.txt): a document of the same name is replaced.' })
  @MinLength(1)
  @MaxLength(200)
  @Matches(/^[^/\\\u0000]+$/, { message: 'fileName must be a plain file name, without / or \\' })
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'The full text, as received (noise, page breaks and mixed punctuation are dealt with). Give this or `file`.' })
  @MinLength(1)
  text?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The file itself, base64-encoded: a PDF, a saved web page, Word (.docx, .doc, .wps), a spreadsheet (.xlsx, .xls, .csv), a scan, or text in any Chinese encoding — read by its content, as `dutygraph ingest` reads it. Give this or `text`.',
  })
  @Matches(/^[A-Za-z0-9+/=\s]+$/, { message: 'file must be base64' })
  file?: string | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of the issuing division, for a document whose header does not tell (e.g. 140500).' })
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a six-digit GB/T 2260 code' })
  jurisdiction?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Read and report, then write nothing.' })
  dryRun!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A clause that could not be read 未识别条款, with where it stands.' })
class IngestProblem {
  @Field(() => String, { description: 'What is wrong.' })
  message!: string;

  @Field(() => String, { description: 'The text of the clause.' })
  text!: string;

  @Field(() => Int, { description: 'Start offset in the cleaned text.' })
  start!: number;

  @Field(() => Int, { description: 'End offset (exclusive).' })
  end!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What the ingest read and wrote 导入报告.' })
export class IngestDocumentPayload {
  @Field(() => IngestStatus, { description: 'Created, replaced or unchanged (what it would be, on a dry run).' })
  status!: IngestStatus;

  @Field(() => Boolean, { description: 'Nothing was written.' })
  dryRun!: boolean;

  @Field(() => Document, { nullable: true, description: 'The document as written; null on a dry run.' })
  document!: DocumentRow | null;

  @Field(() => String, { description: 'Its title as read.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Its number 文号 as read.' })
  number!: string | null;

  @Field(() => [JurisdictionEvidence], { description: 'Why it is placed where it is: the words of the text that name its jurisdiction, or GIVEN.' })
  jurisdictionEvidence!: JurisdictionEvidence[];

  @Field(() => Int, { description: 'Tasks read.' })
  tasks!: number;

  @Field(() => Int, { description: 'Assignments read.' })
  assignments!: number;

  @Field(() => [RoleCount], { description: 'Assignments by role.' })
  assignmentsByRole!: RoleCount[];

  @Field(() => [String], { description: 'Units the document introduced to the graph.' })
  unitsCreated!: string[];

  @Field(() => [String], { description: 'Of those, the ones whose name followed no known pattern (to be reviewed).' })
  unitsUnverified!: string[];

  @Field(() => [IngestProblem], { description: 'Clauses that could not be read.' })
  problems!: IngestProblem[];

  @Field(() => Int, { description: 'Pieces of noise removed (page numbers and running headers, web navigation, advertising, captions, page breaks, markup).' })
  noiseRemoved!: number;

  @Field(() => DocumentFormat, { description: 'The form it was read from, told by its content.' })
  format!: DocumentFormat;

  @Field(() => String, { description: 'What read it, with its version.' })
  reader!: string;

  @Field(() => Int, { nullable: true, description: 'Pages of its source (a PDF or a scan); null for text without pages.' })
  pageCount!: number | null;

  @Field(() => [IngestProblem], { description: 'Clauses read by OCR from lines the engine was unsure of (confidence below 0.8): check them against the scan.' })
  lowConfidence!: IngestProblem[];
}

/** the payload of a summary: the document read back by its id */
export async function payloadOf(summary: IngestSummary, ctx: Context): Promise<IngestDocumentPayload> {
  return {
    ...summary,
    status: summary.status as IngestStatus,
    document: summary.documentId === null ? null : await ctx.loaders.documentById.load(summary.documentId),
    jurisdictionEvidence: summary.jurisdictionEvidence as JurisdictionEvidence[],
    assignmentsByRole: summary.assignmentsByRole.map(({ role, count }) => ({ role: role as Role, count })),
    format: summary.format as DocumentFormat,
  };
}

/** ingestDocument answers in the request: a document larger than this goes to startIngest */
export const SYNC_INGEST_LIMIT = { characters: 100_000, fileBytes: 2 * 1024 * 1024 };

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestDocumentPayload, {
    description:
      'Read a document into the graph 导入文件 (editor token) and answer with the report: the pipeline of `dutygraph ingest`, in one transaction with its audit record. For a work document of ordinary size; a larger one (over 100,000 characters of text, or a 2 MB file) is refused — send it to `startIngest`, which answers at once and works off the request path.',
  })
  async ingestDocument(@Arg('input', () => IngestDocumentInput, { description: 'The text or file, its file name, and where it was issued when its header does not tell.' }) input: IngestDocumentInput, @Ctx() ctx: Context): Promise<IngestDocumentPayload> {
    const { actor } = requireRole(ctx.auth, 'editor');
    if ((input.text?.length ?? 0) > SYNC_INGEST_LIMIT.characters || (input.file?.length ?? 0) > (SYNC_INGEST_LIMIT.fileBytes * 4) / 3) {
      throw badInput(input.file != null ? 'input.file' : 'input.text', `too large to ingest in the request (over ${SYNC_INGEST_LIMIT.characters} characters or ${SYNC_INGEST_LIMIT.fileBytes} bytes): send it to startIngest and follow ingestJob`);
    }
    try {
      return await payloadOf(await ingestOne(ctx.orm, input, actor), ctx);
    } catch (error) {
      if (error instanceof IngestRefusal) throw badInput(error.argument, error.message);
      throw error;
    }
  }
}
