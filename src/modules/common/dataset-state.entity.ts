import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** small facts about the database itself (the hash of the seeds it was built from) */
@Entity({ tableName: 'dataset_state' })
export class DatasetState {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
