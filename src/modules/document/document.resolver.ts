import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { planFor } from '../read-plan.js';
import { documentNumber } from './document.service.js';
import { Document, DocumentReference, JurisdictionEvidence, Noise, ParseProblem } from './document.entity.js';
import { TextSpan } from '../common/text-span.js';
import { DOCUMENT_COLUMNS, type DocumentReferenceRow, type DocumentRow, type NoiseRow } from './document.loaders.js';
import { DocumentKind, Level } from '../common/enums.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Unit } from '../unit/unit.entity.js';
import { ConnectionType, toGlobalId, PageArgs } from '../../graphql/relay.js';
import { pagedList } from '../../graphql/paging.js';
import { containsPattern } from '../../graphql/sql.js';
import { apiError, badInput } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';

export const DocumentConnection = ConnectionType(Document, 'Document', 'document');

@InputType({ description: 'Which documents to list.' })
class DocumentFilter {
  @Field(() => DocumentKind, { nullable: true, description: 'Only documents of this kind.' })
  kind?: DocumentKind | null;

  @Field(() => String, { nullable: true, description: 'Only documents of this issuing division (GB/T 2260 code).' })
  jurisdiction?: string | null;

  @Field(() => Level, { nullable: true, description: 'Only documents issued at this level.' })
  level?: Level | null;

  @Field(() => Int, { nullable: true, description: 'Only documents of this year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only documents whose title contains this text.' })
  titleContains?: string | null;
}

@ArgsType()
class DocumentsArgs extends PageArgs {

  @Field(() => DocumentFilter, { nullable: true, description: 'Conditions every document listed meets.' })
  filter?: DocumentFilter | null;
}

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => DocumentConnection, { description: 'Documents, in the order they were added.' })
  documents(@Args(() => DocumentsArgs) { filter, ...page }: DocumentsArgs, @Ctx() { sql }: Context) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.kind) where.push('d.kind = ?') && params.push(filter.kind);
    if (filter?.jurisdiction) where.push('d.jurisdiction_code = ?') && params.push(filter.jurisdiction.trim());
    if (filter?.level) where.push('exists (select 1 from jurisdiction j where j.code = d.jurisdiction_code and j.level = ?)') && params.push(filter.level);
    if (filter?.year) where.push('d.year = ?') && params.push(filter.year);
    if (filter?.titleContains) where.push(`d.title like ? escape '\\'`) && params.push(containsPattern(filter.titleContains));
    return pagedList(sql, { list: 'documents', columns: DOCUMENT_COLUMNS, from: 'document d', where, params, order: 'd.row_id', orderKey: 'rowId' }, page);
  }

  @Query(() => Document, { nullable: true, description: 'One document by its number 文号 (晋政发〔2024〕1号) or its source file name; give exactly one. A NOT_FOUND error (the field null) when no document has it.' })
  async document(
    @Arg('number', () => String, { nullable: true, description: 'Document number 文号, brackets as written or normalised.' }) number: string | null,
    @Arg('sourceFile', () => String, { nullable: true, description: 'Source file name, e.g. 003_de92b7dc7b209498.txt.' }) sourceFile: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if ((number == null) === (sourceFile == null)) throw badInput(number == null ? 'number' : 'sourceFile', 'give exactly one of number and sourceFile');
    const plan = planFor(ctx, info, 'Document', 'd');
    const [argument, column, what, value] = sourceFile != null ? ['sourceFile', 'source_file', 'source file', sourceFile.trim()] : ['number', 'doc_number', 'number', documentNumber(number!)];
    const found = await ctx.sql.one<DocumentRow>(`select ${DOCUMENT_COLUMNS}${plan.columns} from document d where d.${column} = ? limit 1`, [...plan.params, value]);
    if (!found) throw apiError('NOT_FOUND', `${argument}: no document has the ${what} "${sourceFile ?? number}"`, { argumentName: argument });
    return found;
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() d: DocumentRow) {
    return toGlobalId('Document', d.rowId);
  }

  @FieldResolver(() => String, { description: 'The cleaned official text 正文 (noise removed, page breaks repaired); clause spans index into it.' })
  async text(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return (await loaders.documentTexts.load(d.rowId)).text;
  }

  @FieldResolver(() => String, { description: 'The text as received 原始文本, before cleaning.' })
  async rawText(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return (await loaders.documentTexts.load(d.rowId)).rawText;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The issuing unit 发文机关, resolved.' })
  issuer(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return d.issuerId ? loaders.unitById.load(d.issuerId) : null;
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The issuing division 发文地区.' })
  jurisdiction(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return d.jurisdictionCode ? loaders.jurisdictionByCode.load(d.jurisdictionCode) : null;
  }

  @FieldResolver(() => [JurisdictionEvidence], {
    description: 'Why it is placed in its jurisdiction 发文地区的依据: the issuer line, title, signature, number or place names that name it, or GIVEN by whoever ingested it. Empty for documents written by `gen`.',
  })
  jurisdictionEvidence(@Root() d: DocumentRow): JurisdictionEvidence[] {
    return d.jurisdictionEvidence ? (JSON.parse(d.jurisdictionEvidence) as JurisdictionEvidence[]) : [];
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many pages its source has (a PDF or a scan); null for text without pages. `Clause.page` gives the page of each clause.' })
  pageCount(@Root() d: DocumentRow): number | null {
    return d.pageStarts ? (JSON.parse(d.pageStarts) as number[]).length + 1 : null;
  }

  @FieldResolver(() => [Int], { description: 'Offsets of `text` where pages 2, 3 … of the source start 分页位置 (empty for text without pages): the page of any span.' })
  pageStarts(@Root() d: DocumentRow): number[] {
    return d.pageStarts ? (JSON.parse(d.pageStarts) as number[]) : [];
  }

  @FieldResolver(() => [Noise], { description: 'Everything removed from the received text while reading and cleaning it 清除的噪声: a PDF\'s page numbers and running headers, a web page\'s navigation, advertising, captions, page breaks, markup.' })
  noise(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return loaders.noiseByDocumentId.load(d.rowId);
  }

  @FieldResolver(() => [DocumentReference], { description: 'The documents it states it carries out 所落实的文件 (为贯彻落实《…》), resolved where they are in the graph.' })
  references(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return loaders.referencesByDocumentId.load(d.rowId);
  }

  @FieldResolver(() => [ParseProblem], { description: 'Parts the parser could not read 未能识别的条款 (empty when everything was read).' })
  problems(@Root() d: DocumentRow, @Ctx() { loaders }: Context) {
    return loaders.problemsByDocumentId.load(d.rowId);
  }
}

@Resolver(() => DocumentReference)
export class DocumentReferenceResolver {
  @FieldResolver(() => Document, { nullable: true, description: 'The cited document, when it is in the graph.' })
  document(@Root() r: DocumentReferenceRow, @Ctx() { loaders }: Context) {
    return r.citedDocumentId ? loaders.documentById.load(r.citedDocumentId) : null;
  }

  @FieldResolver(() => TextSpan, { description: 'The sentence that cites it 依据原文.' })
  evidence(@Root() r: DocumentReferenceRow): TextSpan {
    return { text: r.sentence, start: r.sentenceStart, end: r.sentenceStart + r.sentence.length };
  }
}

@Resolver(() => Noise)
export class NoiseResolver {
  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() n: NoiseRow) {
    return toGlobalId('Noise', n.rowId);
  }
}
