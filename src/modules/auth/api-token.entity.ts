import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';

export type TokenRole = 'viewer' | 'editor' | 'admin';
export const TOKEN_ROLES: TokenRole[] = ['viewer', 'editor', 'admin'];

/** an API token: only its SHA-256 is kept, the token itself is shown once when created */
@Entity({ tableName: 'api_token' })
export class ApiToken {
  [PrimaryKeyProp]?: 'rowId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  rowId!: number;

  @Property({ type: 'text' })
  @Unique()
  name!: string;

  @Enum({ items: () => TOKEN_ROLES })
  role!: TokenRole;

  @Property({ type: 'text' })
  @Unique()
  hash!: string;

  @Property({ type: 'text' })
  createdAt!: string;

  @Property({ type: 'text', nullable: true })
  revokedAt?: string | null;
}
