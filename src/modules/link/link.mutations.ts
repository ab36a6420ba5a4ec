import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { MaxLength, Min } from 'class-validator';
import { LinkMethod, LinkRelation, TaskLink } from './link.entity.js';
import type { LinkRow } from './link.loaders.js';
import { ReviewStatus } from '../assignment/assignment.entity.js';
import { Task } from '../task/task.entity.js';
import { badInput } from '../../graphql/errors.js';
import { changeAtVersion, existing, writeTransaction } from '../../graphql/writes.js';
import type { Context } from '../../graphql/context.js';

@InputType({ description: 'A task that takes up the work of another 确认任务关联: a new MANUAL link, or the confirmation of a computed one.' })
class LinkTasksInput {
  @Field(() => ID, { description: 'The task the link runs from: the lower-level, later or reporting one (global ID).' })
  implementer!: string;

  @Field(() => ID, { description: 'The task the link runs to: the higher-level, earlier or reported-on one (global ID).' })
  implemented!: string;

  @Field(() => LinkRelation, { nullable: true, description: 'What the first task is to the second (IMPLEMENTS by default; a confirmed link keeps its relation unless one is given).' })
  relation?: LinkRelation | null;

  @Field(() => String, { nullable: true, description: 'The sentence of the implementing task’s document that says so; it must stand in that document’s text. Without it the evidence is the two titles.' })
  @MaxLength(2000)
  evidence?: string | null;
}

@InputType({ description: 'A link that is wrong 驳回落实关系: it is marked REJECTED and no longer shown, and re-ingesting does not bring it back.' })
class UnlinkTasksInput {
  @Field(() => ID, { description: 'The link (global ID).' })
  link!: string;

  @Field(() => Int, { description: 'The version read; a stale one fails with CONFLICT.' })
  @Min(1)
  version!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The link as it is after the change.' })
class TaskLinkPayload {
  @Field(() => TaskLink, { description: 'The link.' })
  link!: LinkRow;
}

const linkSnapshot = (l: TaskLink) => ({ implementer: l.implementer.rowId, implemented: l.implemented.rowId, relation: l.relation, method: l.method, score: l.score ?? null, review: l.review, version: l.version });

@Resolver()
export class LinkMutations {
  @Mutation(() => TaskLinkPayload, { description: 'Record that one task takes up the work of another 确认任务关联 (editor token) — carries it out, continues it, matches it or reports on it; a computed link between them becomes CONFIRMED.' })
  async linkTasks(@Arg('input', () => LinkTasksInput, { description: 'The two tasks and the evidence.' }) input: LinkTasksInput, @Ctx() ctx: Context): Promise<TaskLinkPayload> {
    const id = await writeTransaction(ctx, 'editor', async (em, audit) => {
      const implementer = await existing(em, Task, 'Task', input.implementer, 'input.implementer');
      const implemented = await existing(em, Task, 'Task', input.implemented, 'input.implemented');
      if (implementer.document.rowId === implemented.document.rowId) throw badInput('input.implemented', 'both tasks are of the same document: a link joins a task to one of another document');
      const reverse = await em.findOne(TaskLink, { implementer: implemented, implemented: implementer, review: { $ne: ReviewStatus.REJECTED } });
      if (reverse) throw badInput('input.implemented', 'the other task already implements this one: reject that link first');
      await em.populate(implementer, ['document']);
      const evidence = input.evidence?.trim() || '';
      const at = evidence ? implementer.document.text.indexOf(evidence) : -1;
      if (evidence && at < 0) throw badInput('input.evidence', 'this sentence does not stand in the implementing task’s document');

      let link = await em.findOne(TaskLink, { implementer, implemented });
      const before = link ? linkSnapshot(link) : null;
      if (link?.review === ReviewStatus.CONFIRMED && !evidence) throw badInput('input', 'the tasks are already linked and confirmed');
      if (!link) {
        link = em.create(TaskLink, {
          implementer,
          implemented,
          relation: input.relation ?? LinkRelation.IMPLEMENTS,
          method: LinkMethod.MANUAL,
          score: null,
          implementerSentence: evidence || implementer.title,
          implementerStart: at < 0 ? implementer.start : at,
          implementedSentence: implemented.title,
          implementedStart: implemented.start,
          review: ReviewStatus.CONFIRMED,
        });
      } else {
        link.review = ReviewStatus.CONFIRMED;
        if (input.relation) link.relation = input.relation;
        if (evidence) Object.assign(link, { implementerSentence: evidence, implementerStart: at });
        link.version++;
      }
      await em.flush();
      await audit({ operation: 'LINK_TASKS', entity: 'TaskLink', entityKey: String(link.rowId), before, after: linkSnapshot(link) });
      return link.rowId;
    });
    return { link: (await ctx.loaders.linkById.load(id))! };
  }

  @Mutation(() => TaskLinkPayload, { description: 'Reject a link 驳回落实关系 (editor token): kept as REJECTED for the record, hidden from implements, implementedBy, related and chains.' })
  async unlinkTasks(@Arg('input', () => UnlinkTasksInput, { description: 'The link and its version.' }) input: UnlinkTasksInput, @Ctx() ctx: Context): Promise<TaskLinkPayload> {
    const { rowId } = await writeTransaction(ctx, 'editor', (em, audit) =>
      changeAtVersion(em, audit, { entity: TaskLink, type: 'TaskLink', id: input.link, field: 'input.link', version: input.version, operation: 'UNLINK_TASKS' }, linkSnapshot, (link) => {
        if (link.review === ReviewStatus.REJECTED) throw badInput('input.link', 'the link is rejected already');
        link.review = ReviewStatus.REJECTED;
      }),
    );
    return { link: (await ctx.loaders.linkById.load(rowId))! };
  }
}
