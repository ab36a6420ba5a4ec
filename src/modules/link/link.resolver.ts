import { Arg, Ctx, Field, FieldResolver, Float, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { LinkRelation, TaskLink } from './link.entity.js';
import type { LinkRow } from './link.loaders.js';
import { SHOWN_LINK_SCORE } from './link.service.js';
import { Task } from '../task/task.entity.js';
import type { TaskRow } from '../task/task.loaders.js';
import { TextSpan } from '../common/text-span.js';
import { toGlobalId } from '../../graphql/relay.js';
import { badInput } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';

@ObjectType({ simpleResolvers: true, description: 'The evidence of a link 关联依据: the sentence of each task that most resembles the other’s.' })
class LinkEvidence {
  @Field(() => TextSpan, { description: 'The sentence of `implementer`, the task the link runs from.' })
  implementer!: TextSpan;

  @Field(() => TextSpan, { description: 'The sentence of `implemented`, the task the link runs to.' })
  implemented!: TextSpan;
}

export function minScoreOf(minScore: number | null | undefined): number {
  const s = minScore ?? SHOWN_LINK_SCORE;
  if (!(s >= 0 && s <= 1)) throw badInput('minScore', `must be between 0 and 1, got ${s}`);
  return s;
}

const MIN_SCORE_DOC = `Hide inferred links scoring below this (0–1; default ${SHOWN_LINK_SCORE}). Stated and manual links always show.`;

@Resolver(() => TaskLink)
export class TaskLinkResolver {
  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() l: LinkRow) {
    return toGlobalId('TaskLink', l.rowId);
  }

  @FieldResolver(() => Task, { description: 'The task the link runs from 关联发起任务: the lower-level task (IMPLEMENTS, CORRESPONDS), the later one (CONTINUES) or the report’s item (REPORTS_ON).' })
  implementer(@Root() l: LinkRow, @Ctx() { loaders }: Context) {
    return loaders.taskById.load(l.implementerId);
  }

  @FieldResolver(() => Task, { description: 'The task the link runs to 被关联任务: the higher-level task, the earlier one, or the task reported on.' })
  implemented(@Root() l: LinkRow, @Ctx() { loaders }: Context) {
    return loaders.taskById.load(l.implementedId);
  }

  @FieldResolver(() => LinkEvidence, { description: 'The matched sentences, with their spans in each document’s text.' })
  evidence(@Root() l: LinkRow): LinkEvidence {
    return {
      implementer: { text: l.implementerSentence, start: l.implementerStart, end: l.implementerStart + l.implementerSentence.length },
      implemented: { text: l.implementedSentence, start: l.implementedStart, end: l.implementedStart + l.implementedSentence.length },
    };
  }
}

/** the relations that take work down a level: carrying it out, or the same work done there first */
export const DOWNWARD: readonly LinkRelation[] = [LinkRelation.IMPLEMENTS, LinkRelation.CORRESPONDS];

@Resolver(() => Task)
export class TaskLinksResolver {
  @FieldResolver(() => [TaskLink], { description: 'Higher-level tasks, issued no later, that this task carries out 所落实的上级任务 (IMPLEMENTS links), best first.' })
  implements(@Root() t: TaskRow, @Arg('minScore', () => Float, { nullable: true, description: MIN_SCORE_DOC }) minScore: number | null, @Ctx() { loaders }: Context) {
    return loaders.linksByImplementer.load({ task: t.rowId, minScore: minScoreOf(minScore), relations: [LinkRelation.IMPLEMENTS] });
  }

  @FieldResolver(() => [TaskLink], { description: 'Lower-level tasks, issued no earlier, that carry this task out 落实本任务的下级任务 (IMPLEMENTS links), best first.' })
  implementedBy(@Root() t: TaskRow, @Arg('minScore', () => Float, { nullable: true, description: MIN_SCORE_DOC }) minScore: number | null, @Ctx() { loaders }: Context) {
    return loaders.linksByImplemented.load({ task: t.rowId, minScore: minScoreOf(minScore), relations: [LinkRelation.IMPLEMENTS] });
  }

  @FieldResolver(() => [TaskLink], {
    description:
      'Every task of another document that takes up the same work as this one 相关任务, of the relations asked for (all by default), this task on either side of each link, best first — with the links of its parts (sub-topics, lines of a 专栏), where a link is often made, unless `parts: false`.',
  })
  async related(
    @Root() t: TaskRow,
    @Arg('relations', () => [LinkRelation], { nullable: true, description: 'Only these relations (all four by default).' }) relations: LinkRelation[] | null,
    @Arg('minScore', () => Float, { nullable: true, description: MIN_SCORE_DOC }) minScore: number | null,
    @Arg('parts', () => Boolean, { defaultValue: true, description: 'Also the links of the task’s parts (its SUB_TOPIC children).' }) parts: boolean,
    @Ctx() { loaders }: Context,
  ): Promise<LinkRow[]> {
    const key = (task: number) => ({ task, minScore: minScoreOf(minScore), relations: relations ?? Object.values(LinkRelation) });
    const own = loaders.linksOfTask.load(key(t.rowId));
    if (!parts) return own;
    const children = (await loaders.childrenByTaskId.load(t.rowId)).filter((c) => c.kind === 'SUB_TOPIC');
    const all = (await Promise.all([own, ...children.map((c) => loaders.linksOfTask.load(key(c.rowId)))])).flat();
    const seen = new Set<number>();
    return all.filter((l) => !seen.has(l.rowId) && seen.add(l.rowId)).sort((a, b) => (b.score ?? 2) - (a.score ?? 2) || a.rowId - b.rowId);
  }
}
