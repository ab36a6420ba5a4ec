import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from './support/graph.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

describe('the README’s example queries work as written', () => {
  it('has the five examples and the five questions of the walkthrough', () => expect(queries).toHaveLength(10));

  queries.forEach((query, i) => {
    it(`example ${i + 1} answers without errors and with data`, async () => {
      const result = await g.execute(query);
      expect(result.errors).toBeUndefined();
      const values = Object.values(result.data ?? {});
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((v) => v !== null)).toBe(true);
    });
  });
});
