import { Jurisdiction } from './jurisdiction/jurisdiction.entity.js';
import { Unit, UnitAlias, UnitMember, UnitNameChange } from './unit/unit.entity.js';
import { Document, DocumentReference, Noise, ParseProblem } from './document/document.entity.js';
import { Task } from './task/task.entity.js';
import { Assignment } from './assignment/assignment.entity.js';
import { DatasetState } from './common/dataset-state.entity.js';
import { TaskLink, TaskSimilarity } from './link/link.entity.js';
import { SearchField } from './search/search.entity.js';
import { TaskGap, TaskOverlap } from './analysis/stored-analysis.entity.js';
import { AuditRecord } from './audit-trail/audit-record.entity.js';
import { ApiToken } from './auth/api-token.entity.js';
import { IngestJob } from './ingest-job/ingest-job.entity.js';
import { ProgressReport } from './progress/progress.entity.js';
import { Indicator, IndicatorOwner, Observation } from './indicator/indicator.entity.js';

export const entities = [Jurisdiction, Unit, UnitAlias, UnitMember, UnitNameChange, Document, DocumentReference, Noise, ParseProblem, Task, Assignment, TaskLink, TaskSimilarity, ProgressReport, Indicator, IndicatorOwner, Observation, SearchField, TaskGap, TaskOverlap, AuditRecord, ApiToken, IngestJob, DatasetState];
