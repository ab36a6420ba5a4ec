import { Jurisdiction } from './jurisdiction/jurisdiction.entity.js';
import { Unit, UnitAlias, UnitMember } from './unit/unit.entity.js';
import { Document, DocumentReference, Noise, ParseProblem } from './document/document.entity.js';
import { Task } from './task/task.entity.js';
import { Assignment } from './assignment/assignment.entity.js';
import { DatasetState } from './common/dataset-state.entity.js';
import { TaskLink, TaskSimilarity } from './link/link.entity.js';

export const entities = [Jurisdiction, Unit, UnitAlias, UnitMember, Document, DocumentReference, Noise, ParseProblem, Task, Assignment, TaskLink, TaskSimilarity, DatasetState];
