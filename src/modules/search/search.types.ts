import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Level } from '../common/enums.js';
import { searchWindow } from '../../env.js';
import { ConnectionType, PageArgs } from '../../graphql/relay.js';

export enum SearchHitKind {
  TASK = 'TASK',
  UNIT = 'UNIT',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit is 检索结果类型.',
  valuesConfig: {
    TASK: { description: '条目 — a numbered item of a document, matched in its title or body text' },
    UNIT: { description: '单位 — a unit, matched in its canonical name or one of its aliases' },
    DOCUMENT: { description: '文件 — a document, matched in its title, number (文号) or text' },
  },
});

/** what the page statement returns for one hit; the field resolvers load the rest */
export interface SearchHitRow {
  kind: SearchHitKind;
  targetId: number;
  field: string;
  /** the integer rank the list is ordered and keyed by */
  scoreKey: number;
  /** scoreKey as the API shows it */
  score: number;
  /** the canonical query, for the snippet */
  query: string;
}

@ObjectType({ simpleResolvers: true, description: 'One search hit 检索结果: a task, unit or document whose text contains the query, with the field that matched and an excerpt.' })
export class SearchHit {
  @Field(() => SearchHitKind, { description: 'What was found 结果类型: TASK, UNIT or DOCUMENT; the field of that name holds it.' })
  kind!: SearchHitKind;

  @Field(() => Float, {
    description:
      'Relevance 相关度, higher first: 2 plus a fraction for a hit in a heading (title 标题, name 名称, alias 别称, number 文号), 1 plus a fraction for a hit in body text 正文; the fraction is the occurrences per character of the field (damped for fields of a few characters), so more occurrences and shorter fields rank higher. Equal scores are ordered by kind and ID.',
  })
  score!: number;

  @Field(() => String, {
    description: 'Which field matched 命中字段 (its best match when several did): title 标题, text 正文, number 文号 (tasks and documents); name 名称, alias 别称 (units).',
  })
  field!: string;
}

const WINDOW = searchWindow().toLocaleString('en');

@ObjectType('SearchConnection', { simpleResolvers: true, description: 'A page of search hits (Relay connection, keyset-paginated), best first.' })
export class SearchConnection extends ConnectionType(SearchHit, 'Search', 'search hit', { abstract: true }) {
  // counted with totalCount, only when asked
  @Field(() => Boolean, {
    simple: false,
    description: `Whether the pages hold every hit, ranked among all of them. False when the query matched ${WINDOW} headings or ${WINDOW} body texts or more (the server's DUTYGRAPH_SEARCH_WINDOW): the hits are then those ranked among the first ${WINDOW} of each, in index order, and totalCount is an estimate, rounded to two significant digits — narrow the query (a longer term, a filter) to see all.`,
  })
  complete!: boolean;
}

@InputType({ description: 'Conditions every search hit meets, applied inside the index query (so pages and counts are of the hits that meet them).' })
export class SearchFilter {
  @Field(() => [SearchHitKind], { nullable: true, description: 'Only hits of these kinds (TASK, UNIT, DOCUMENT).' })
  kinds?: SearchHitKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this document and its tasks (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it; units have no document: none is found).' })
  document?: string | null;

  @Field(() => Level, { nullable: true, description: 'Only tasks and documents issued at this level (省 / 市 / 县), and units of it.' })
  level?: Level | null;

  @Field(() => String, { nullable: true, description: 'Only tasks and documents of this division (GB/T 2260 code: 140000 is 山西省 itself, not its cities), and its units.' })
  jurisdiction?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only tasks and documents of documents issued in this year (units have no year: none is found).' })
  year?: number | null;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field(() => String, {
    description:
      'What to look for 检索词, 1 to 100 characters: found as a contiguous substring, with full- and half-width punctuation taken as the same and whitespace ignored (one or two characters are enough: 矿, 煤矿).',
  })
  query!: string;

  @Field(() => SearchFilter, { nullable: true, description: 'Conditions every hit meets.' })
  filter?: SearchFilter | null;

}
