import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId, Node } from './relay.js';
import type { Context } from './context.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID (Relay); null when nothing has that ID.' })
  async node(@Arg('id', () => ID, { description: 'A global ID, as returned in any `id` field.' }) id: string, @Ctx() ctx: Context) {
    return resolveNode(id, ctx);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by their global IDs, in the order given (null where nothing has the ID).' })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs, as returned in `id` fields.' }) ids: string[], @Ctx() ctx: Context) {
    return Promise.all(ids.map((id) => resolveNode(id, ctx)));
  }
}

async function resolveNode(id: string, { loaders }: Context): Promise<object | null> {
  const parsed = fromGlobalId(id);
  if (!parsed) return null;
  const n = Number(parsed.id);
  const row = await (async () => {
    switch (parsed.type) {
      case 'Jurisdiction':
        return loaders.jurisdictionByCode.load(parsed.id);
      case 'Unit':
        return Number.isInteger(n) ? loaders.unitById.load(n) : null;
      case 'Document':
        return Number.isInteger(n) ? loaders.documentById.load(n) : null;
      case 'Task':
        return Number.isInteger(n) ? loaders.taskById.load(n) : null;
      case 'Assignment':
        return Number.isInteger(n) ? loaders.assignmentById.load(n) : null;
      case 'TaskLink':
        return Number.isInteger(n) ? loaders.linkById.load(n) : null;
      case 'ProgressReport':
        return Number.isInteger(n) ? loaders.progressReportById.load(n) : null;
      case 'Indicator':
        return Number.isInteger(n) ? loaders.indicatorById.load(n) : null;
      case 'Observation':
        return Number.isInteger(n) ? loaders.observationById.load(n) : null;
      default:
        return null;
    }
  })();
  return row ? { ...row, __typename: parsed.type } : null;
}
