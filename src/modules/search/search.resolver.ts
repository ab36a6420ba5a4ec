import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { SearchArgs, SearchConnection, SearchHit, SearchHitKind, type SearchHitRow } from './search.types.js';
import { searchConnection } from './search.query.js';
import { charLength, normalize, occurrences, rankKey, snippet } from './search.text.js';
import { Task } from '../task/task.entity.js';
import { Unit } from '../unit/unit.entity.js';
import { Document } from '../document/document.entity.js';
import type { Context } from '../../graphql/context.js';
import { requireDocument } from '../document/document.service.js';
import { toGlobalId } from '../../graphql/relay.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Full-text search 全文检索 over tasks (title, text), units (name, aliases) and documents (title, number 文号, text), best hits first: every one whose text contains the query as a contiguous substring, full- and half-width forms alike, through the database\'s full-text index (SQLite FTS5, PostgreSQL GIN). One hit per task, unit or document; `complete` says whether a very common term was ranked among all its hits.',
  })
  async search(@Args(() => SearchArgs) { query, filter, ...page }: SearchArgs, @Ctx() { sql, loaders }: Context) {
    // a document named by its number or file is the same filter as by its ID (and the same cursors)
    const document = filter?.document ? toGlobalId('Document', (await requireDocument({ sql, loaders }, filter.document, 'filter.document')).rowId) : filter?.document;
    return searchConnection(sql, query, filter && { ...filter, document }, page);
  }

  @FieldResolver(() => String, {
    description:
      'A short excerpt of the field that matched 摘要, from the text as written, with every occurrence of the query wrapped in 【 and 】 (… where the field goes on).',
  })
  async snippet(@Root() hit: SearchHitRow, @Ctx() { loaders }: Context) {
    return snippet((await fieldText(hit, loaders)) ?? '', hit.query);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'The task found 条目, when kind is TASK.' })
  task(@Root() hit: SearchHitRow, @Ctx() { loaders }: Context) {
    return hit.kind === SearchHitKind.TASK ? loaders.taskById.load(hit.targetId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit found 单位, when kind is UNIT.' })
  unit(@Root() hit: SearchHitRow, @Ctx() { loaders }: Context) {
    return hit.kind === SearchHitKind.UNIT ? loaders.unitById.load(hit.targetId) : null;
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The document found 文件, when kind is DOCUMENT.' })
  document(@Root() hit: SearchHitRow, @Ctx() { loaders }: Context) {
    return hit.kind === SearchHitKind.DOCUMENT ? loaders.documentById.load(hit.targetId) : null;
  }
}

/** the text as written of the field a hit matched, through the loaders the hit's object uses anyway */
async function fieldText(hit: SearchHitRow, loaders: Context['loaders']): Promise<string | null | undefined> {
  switch (hit.kind) {
    case SearchHitKind.TASK: {
      // the text is read for every task hit, title hits too: a page runs the same statements whichever fields matched
      const [t, text] = await Promise.all([loaders.taskById.load(hit.targetId), loaders.taskText.load(hit.targetId).catch(() => undefined)]);
      return hit.field === 'title' ? t?.title : text;
    }
    case SearchHitKind.DOCUMENT: {
      if (hit.field === 'text') return (await loaders.documentTexts.load(hit.targetId)).text;
      const d = await loaders.documentById.load(hit.targetId);
      return hit.field === 'number' ? d?.number : d?.title;
    }
    case SearchHitKind.UNIT: {
      if (hit.field === 'name') return (await loaders.unitById.load(hit.targetId))?.name;
      // the alias the SQL ranked best: most occurrences per character
      let best: { alias: string; key: number } | undefined;
      for (const alias of await loaders.aliasesByUnitId.load(hit.targetId)) {
        const n = normalize(alias);
        const occ = occurrences(n, hit.query);
        const key = rankKey('alias', occ, charLength(n));
        if (occ > 0 && (!best || key > best.key)) best = { alias, key };
      }
      return best?.alias;
    }
  }
}
