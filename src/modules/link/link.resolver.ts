import { Arg, Ctx, Field, FieldResolver, Float, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { TaskLink } from './link.entity.js';
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
  @Field(() => TextSpan, { description: 'The sentence of the implementing (lower-level) task.' })
  implementer!: TextSpan;

  @Field(() => TextSpan, { description: 'The sentence of the implemented (higher-level) task.' })
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

  @FieldResolver(() => Task, { description: 'The task that carries out the other 落实任务 (lower level).' })
  implementer(@Root() l: LinkRow, @Ctx() { loaders }: Context) {
    return loaders.taskById.load(l.implementerId);
  }

  @FieldResolver(() => Task, { description: 'The task carried out 被落实任务 (higher level).' })
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

@Resolver(() => Task)
export class TaskLinksResolver {
  @FieldResolver(() => [TaskLink], { description: 'Higher-level tasks this task carries out 所落实的上级任务, best first.' })
  implements(@Root() t: TaskRow, @Arg('minScore', () => Float, { nullable: true, description: MIN_SCORE_DOC }) minScore: number | null, @Ctx() { loaders }: Context) {
    return loaders.linksByImplementer.load({ task: t.rowId, minScore: minScoreOf(minScore) });
  }

  @FieldResolver(() => [TaskLink], { description: 'Lower-level tasks that carry this task out 落实本任务的下级任务, best first.' })
  implementedBy(@Root() t: TaskRow, @Arg('minScore', () => Float, { nullable: true, description: MIN_SCORE_DOC }) minScore: number | null, @Ctx() { loaders }: Context) {
    return loaders.linksByImplemented.load({ task: t.rowId, minScore: minScoreOf(minScore) });
  }
}
