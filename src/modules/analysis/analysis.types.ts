import { Field, Float, InputType, Int, ObjectType, registerEnumType, ID } from 'type-graphql';
import { Level, Role, UnitKind } from '../common/enums.js';
import { Task } from '../task/task.entity.js';
import type { TaskRow } from '../task/task.loaders.js';
import { Unit } from '../unit/unit.entity.js';
import type { UnitRow } from '../unit/unit.loaders.js';
import { Document } from '../document/document.entity.js';
import type { DocumentRow } from '../document/document.loaders.js';
import { Assignment } from '../assignment/assignment.entity.js';
import type { AssignmentRow } from '../assignment/assignment.loaders.js';
import { Reach } from '../assignment/assignment.resolver.js';
import { TaskLink } from '../link/link.entity.js';
import type { LinkRow } from '../link/link.loaders.js';
import { ConnectionType } from '../../graphql/relay.js';

// ---- responsibility chain 责任链

@ObjectType({ simpleResolvers: true, description: 'One hop of a responsibility chain 责任链节点: a task, reached from its parent task through a link.' })
export class ChainHop {
  @Field(() => Int, { description: 'Hops from the root (0 = the root task).' })
  depth!: number;

  @Field(() => Task, { description: 'The task at this hop; its `assignments` give the units by role, with `coveredUnits` for collectives.' })
  task!: TaskRow;

  @Field(() => Task, { nullable: true, description: 'The task this one takes the work of (null at the root): the higher-level task it carries out or corresponds to, or the earlier one it continues.' })
  parent!: TaskRow | null;

  @Field(() => TaskLink, { nullable: true, description: 'The link to the parent, with its relation, method, score and evidence (null at the root).' })
  link!: LinkRow | null;
}

@ObjectType({ simpleResolvers: true, description: 'A task and, level by level downward, the tasks that carry it out 责任链 — a tree, each task once.' })
export class ResponsibilityChain {
  @Field(() => Task, { description: 'The task the chain starts from.' })
  root!: TaskRow;

  @Field(() => [ChainHop], { description: 'Every hop, the root first, then breadth-first by depth.' })
  hops!: ChainHop[];

  @Field(() => Boolean, { description: 'The chain was cut at `maxNodes` hops; more exist.' })
  truncated!: boolean;
}

// ---- accountability 责任清单

@ObjectType({ simpleResolvers: true, description: 'One duty of a unit 一项责任: the assignment, how it reaches the unit, and what mandates the task.' })
export class AccountabilityItem {
  @Field(() => Assignment, { description: 'The assignment (its clause is the evidence).' })
  assignment!: AssignmentRow;

  @Field(() => Task, { description: 'The task.' })
  task!: TaskRow;

  @Field(() => Reach, { description: 'Named directly, or through a collective the unit belongs to.' })
  reach!: Reach;

  @Field(() => Unit, { nullable: true, description: 'The collective that reached the unit, for EXPANSION.' })
  through!: UnitRow | null;

  @Field(() => [TaskLink], { description: 'The higher-level tasks this task carries out 上级依据 (links at or above minScore).' })
  mandatedBy!: LinkRow[];
}

@ObjectType({ simpleResolvers: true, description: 'A unit’s duties at one level in one role 按层级和角色分组.' })
export class AccountabilityGroup {
  @Field(() => Level, { description: 'Level of the documents the tasks come from.' })
  level!: Level;

  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => Int, { description: 'How many duties are in this group.' })
  count!: number;

  @Field(() => [AccountabilityItem], { description: 'The duties, in document order.' })
  items!: AccountabilityItem[];
}

@ObjectType({ simpleResolvers: true, description: 'Everything one unit is accountable for 单位责任清单, grouped by level and role, each duty with its mandate.' })
export class Accountability {
  @Field(() => Unit, { description: 'The unit.' })
  unit!: UnitRow;

  @Field(() => [Unit], { description: 'The collectives through which duties reach it (各县（市、区）人民政府 for 泽州县人民政府).' })
  through!: UnitRow[];

  @Field(() => Int, { description: 'How many duties in all.' })
  total!: number;

  @Field(() => [AccountabilityGroup], { description: 'Duties by level (higher first) and role.' })
  groups!: AccountabilityGroup[];

  @Field(() => Boolean, { description: 'More duties exist than `limit` allowed to list.' })
  truncated!: boolean;
}

// ---- responsibility matrix 任务分工表

@ObjectType({ simpleResolvers: true, description: 'A cell of the matrix: the roles of one unit in one task.' })
export class MatrixCell {
  @Field(() => Int, { description: 'Index of the unit in `columns`.' })
  column!: number;

  @Field(() => Unit, { description: 'The unit of that column.' })
  unit!: UnitRow;

  @Field(() => [Role], { description: 'Its roles in the task.' })
  roles!: Role[];

  @Field(() => [Assignment], { description: 'The assignments behind the roles: each with its evidence, whether the document wrote it or implied it (以下均需…), its review status and the version to confirm or reject it with.' })
  assignments!: AssignmentRow[];
}

@ObjectType({ simpleResolvers: true, description: 'A row of the matrix: one task and its non-empty cells.' })
export class MatrixRow {
  @Field(() => Task, { description: 'The task.' })
  task!: TaskRow;

  @Field(() => [MatrixCell], { description: 'The units with a role in it (empty cells left out).' })
  cells!: MatrixCell[];
}

@ObjectType({ simpleResolvers: true, description: 'A document’s 任务分工表: tasks × units, with the role in each cell.' })
export class ResponsibilityMatrix {
  @Field(() => Document, { description: 'The document.' })
  document!: DocumentRow;

  @Field(() => [Unit], { description: 'The units, as columns, in order of first appearance.' })
  columns!: UnitRow[];

  @Field(() => [MatrixRow], { description: 'Every task, in document order.' })
  rows!: MatrixRow[];
}

// ---- gaps 缺位 and overlaps 交叉

export enum GapKind {
  NO_LEAD_OR_RESPONSIBLE = 'NO_LEAD_OR_RESPONSIBLE',
  ONLY_COLLECTIVE_OR_OPEN = 'ONLY_COLLECTIVE_OR_OPEN',
  NOT_IMPLEMENTED = 'NOT_IMPLEMENTED',
}
registerEnumType(GapKind, {
  name: 'GapKind',
  description: 'A kind of responsibility gap 责任缺位.',
  valuesConfig: {
    NO_LEAD_OR_RESPONSIBLE: { description: '无牵头、无负责 — no unit leads it, is responsible for it or shares it' },
    ONLY_COLLECTIVE_OR_OPEN: { description: '只落到集合或开放名单 — no named lead, and every unit answering for it is a collective (各县…) or in an open list (…等部门)' },
    NOT_IMPLEMENTED: { description: '下级未承接 — no task at the given lower level carries it or one of its parts out (IMPLEMENTS) or did the same work before it (CORRESPONDS)' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A task with a responsibility gap 责任缺位.' })
export class Gap {
  @Field(() => GapKind, { description: 'What is missing.' })
  kind!: GapKind;

  @Field(() => Task, { description: 'The task.' })
  task!: TaskRow;

  @Field(() => String, { description: 'What the gap is, in words.' })
  detail!: string;
}

export const GapConnection = ConnectionType(Gap, 'Gap', 'gap');

@InputType({ description: 'Which gaps to find.' })
export class GapFilter {
  @Field(() => ID, { nullable: true, description: 'Only tasks of this document (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it).' })
  document?: string | null;

  @Field(() => Level, { nullable: true, description: 'Only tasks of documents of this level.' })
  level?: Level | null;

  @Field(() => [GapKind], { nullable: true, description: 'Only these kinds (default: all that apply; NOT_IMPLEMENTED needs `lowerLevel`).' })
  kinds?: GapKind[] | null;

  @Field(() => Level, { nullable: true, description: 'For NOT_IMPLEMENTED: the lower level that should carry each task out (e.g. CITY).' })
  lowerLevel?: Level | null;

  @Field(() => Float, { nullable: true, description: 'For NOT_IMPLEMENTED: inferred links below this score do not count (default as for links).' })
  minScore?: number | null;
}

export enum OverlapKind {
  MULTIPLE_LEADS = 'MULTIPLE_LEADS',
  LEAD_AND_COOPERATE = 'LEAD_AND_COOPERATE',
  NEAR_DUPLICATE = 'NEAR_DUPLICATE',
}
registerEnumType(OverlapKind, {
  name: 'OverlapKind',
  description: 'A kind of overlap 职责交叉.',
  valuesConfig: {
    MULTIPLE_LEADS: { description: '多头牵头 — more than one unit leads the task' },
    LEAD_AND_COOPERATE: { description: '既牵头又配合 — one unit both leads and cooperates on the task' },
    NEAR_DUPLICATE: { description: '重复部署 — a task of another document says nearly the same' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'An overlap of responsibilities 职责交叉.' })
export class Overlap {
  @Field(() => OverlapKind, { description: 'What overlaps.' })
  kind!: OverlapKind;

  @Field(() => Task, { description: 'The task.' })
  task!: TaskRow;

  @Field(() => Task, { nullable: true, description: 'For NEAR_DUPLICATE: the other task.' })
  other!: TaskRow | null;

  @Field(() => [Unit], { description: 'The units concerned (the leads; the unit that leads and cooperates).' })
  units!: UnitRow[];

  @Field(() => Float, { nullable: true, description: 'For NEAR_DUPLICATE: the text similarity, 0–1.' })
  score!: number | null;

  @Field(() => String, { description: 'What the overlap is, in words.' })
  detail!: string;
}

export const OverlapConnection = ConnectionType(Overlap, 'Overlap', 'overlap');

@InputType({ description: 'Which overlaps to find.' })
export class OverlapFilter {
  @Field(() => ID, { nullable: true, description: 'Only tasks of this document (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it).' })
  document?: string | null;

  @Field(() => [OverlapKind], { nullable: true, description: 'Only these kinds (default: all).' })
  kinds?: OverlapKind[] | null;

  @Field(() => Float, { nullable: true, description: 'For NEAR_DUPLICATE: the lowest similarity that counts (default 0.5).' })
  minScore?: number | null;
}

// ---- workload 工作量

@ObjectType({ simpleResolvers: true, description: 'How many duties in one role 按角色计数.' })
export class RoleCount {
  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => Int, { description: 'How many assignments.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many duties from documents of one level 按层级计数.' })
export class LevelCount {
  @Field(() => Level, { description: 'Level of the documents.' })
  level!: Level;

  @Field(() => Int, { description: 'How many assignments.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One unit’s workload 单位工作量: its assignments counted by role and by level.' })
export class UnitWorkload {
  @Field(() => Unit, { description: 'The unit.' })
  unit!: UnitRow;

  @Field(() => Int, { description: 'All its assignments.' })
  total!: number;

  @Field(() => [RoleCount], { description: 'By role.' })
  byRole!: RoleCount[];

  @Field(() => [LevelCount], { description: 'By level of the documents.' })
  byLevel!: LevelCount[];
}

export const UnitWorkloadConnection = ConnectionType(UnitWorkload, 'UnitWorkload', 'unit workload');

@InputType({ description: 'Whose workload to count.' })
export class WorkloadFilter {
  @Field(() => Level, { nullable: true, description: 'Only units of this level.' })
  level?: Level | null;

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: UnitKind | null;

  @Field(() => String, { nullable: true, description: 'Only units of this sector 条线.' })
  sector?: string | null;

  @Field(() => String, { nullable: true, description: 'Only units of this division (GB/T 2260 code).' })
  jurisdiction?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only assignments of this document (its global ID, its number 文号 or its source file name; NOT_FOUND when no document has it).' })
  document?: string | null;
}
