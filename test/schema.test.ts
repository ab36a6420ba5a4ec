import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraphQLSchema, printedSchema } from '../src/graphql/schema.js';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

describe('the schema is a reviewed product', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema` after changing the API)', async () => {
    expect(await printedSchema()).toBe(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));
  });

  it('every type, field, argument and enum value has a description', async () => {
    const schema = await buildGraphQLSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
