import { writeFile } from 'node:fs/promises';
import { type GraphQLInterfaceType, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { nodeTypeName } from './relay.js';
import { readPlannedFields } from './planner.js';
import { SCHEMA_FILE } from '../defaults.js';
import { READ_PLAN } from '../modules/read-plan.js';
import { buildSchema } from 'type-graphql';
import { NodeResolver } from './node.resolver.js';
import { JurisdictionResolver } from '../modules/jurisdiction/jurisdiction.resolver.js';
import { UnitResolver } from '../modules/unit/unit.resolver.js';
import { DocumentReferenceResolver, DocumentResolver, NoiseResolver } from '../modules/document/document.resolver.js';
import { DocumentTasksResolver, TaskResolver } from '../modules/task/task.resolver.js';
import { TaskLinkResolver, TaskLinksResolver } from '../modules/link/link.resolver.js';
import { AnalysisResolver } from '../modules/analysis/analysis.resolver.js';
import { SearchResolver } from '../modules/search/search.resolver.js';
import { AuditLogResolver } from '../modules/audit-trail/audit.resolver.js';
import { AssignmentMutations } from '../modules/assignment/assignment.mutations.js';
import { TaskMutations } from '../modules/task/task.mutations.js';
import { UnitMutations } from '../modules/unit/unit.mutations.js';
import { LinkMutations } from '../modules/link/link.mutations.js';
import { ProgressMutations } from '../modules/progress/progress.mutations.js';
import { IngestResolver } from '../ingest/ingest.resolver.js';
import { historyResolvers } from '../modules/audit-trail/history.resolver.js';
import { Assignment } from '../modules/assignment/assignment.entity.js';
import { Task } from '../modules/task/task.entity.js';
import { Unit } from '../modules/unit/unit.entity.js';
import { Document } from '../modules/document/document.entity.js';
import { TaskLink } from '../modules/link/link.entity.js';
import { ProgressReport } from '../modules/progress/progress.entity.js';
import { ProgressReportResolver, TaskProgressResolver } from '../modules/progress/progress.resolver.js';
import { DocumentObservationsResolver, IndicatorResolver, ObservationResolver, TaskIndicatorsResolver } from '../modules/indicator/indicator.resolver.js';
import { AssignmentResolver, TaskAssignmentsResolver, UnitAssignmentsResolver } from '../modules/assignment/assignment.resolver.js';
import { IngestJobResolver } from '../modules/ingest-job/ingest-job.resolver.js';

export { SCHEMA_FILE };

let built: Promise<GraphQLSchema> | undefined;

/**
 * The single list of resolvers; built once per process. Object types are declared with
 * simpleResolvers: their plain fields are read straight off the row, where type-graphql would
 * wrap each one in a resolver of its own.
 */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: [
      NodeResolver,
      JurisdictionResolver,
      UnitResolver,
      DocumentResolver,
      NoiseResolver,
      DocumentReferenceResolver,
      TaskResolver,
      DocumentTasksResolver,
      AssignmentResolver,
      TaskAssignmentsResolver,
      UnitAssignmentsResolver,
      TaskLinkResolver,
      TaskLinksResolver,
      AnalysisResolver,
      ProgressReportResolver,
      TaskProgressResolver,
      IndicatorResolver,
      ObservationResolver,
      TaskIndicatorsResolver,
      DocumentObservationsResolver,
      SearchResolver,
      AuditLogResolver,
      AssignmentMutations,
      TaskMutations,
      UnitMutations,
      LinkMutations,
      ProgressMutations,
      IngestResolver,
      IngestJobResolver,
      ...historyResolvers({ Document, Task, Assignment, Unit, TaskLink, ProgressReport }),
    ],
    validate: true,
    emitSchemaFile: false,
  }).then((schema) => {
    // type-graphql has no option for the root type's description
    schema.getQueryType()!.description =
      'dutygraph: who is responsible for what in Chinese government work documents 责任图谱 — documents, their numbered tasks, the units given each task and the clause that says so.';
    const mutation = schema.getMutationType();
    if (mutation) mutation.description = 'Corrections to the graph 更正, each behind an editor token, in one transaction with its audit record.';
    // type-graphql wraps resolveType in an async function; graphql-jit needs the type at once
    (schema.getType('Node') as GraphQLInterfaceType).resolveType = nodeTypeName;
    // fields read from their parent row when its statement brought them (planner.ts)
    readPlannedFields(schema, READ_PLAN);
    return schema;
  }));
}

export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + '\n';
}

export async function emitSchema(path = SCHEMA_FILE): Promise<void> {
  await writeFile(path, await printedSchema(), 'utf8');
}
