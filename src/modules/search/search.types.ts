import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/relay.js';

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

export const SearchConnection = ConnectionType(SearchHit, 'Search', 'search hit');

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'What to look for 检索词, 1 to 100 characters: found as a contiguous substring, with full- and half-width punctuation taken as the same and whitespace ignored (one or two characters are enough: 矿, 煤矿).',
  })
  query!: string;

  @Field(() => Int, { nullable: true, description: 'Page size: 50 by default, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after (`pageInfo.endCursor` of the previous page of the same query).' })
  after?: string | null;
}
