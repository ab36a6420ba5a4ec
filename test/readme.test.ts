import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, seededGraph } from './support/graph.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const text = new Map(pages.map((page) => [page, readFileSync(join(root, page), 'utf8')]));

// a ```graphql fence, indented or not; ```graphql-… fences (and ```text, ```sh) are not run
const graphqlBlocks = (md: string) => [...md.matchAll(/^[ \t]*```graphql[ \t]*\r?\n([\s\S]*?)^[ \t]*```/gm)].map((m) => m[1]);
const queries = new Map(pages.map((page) => [page, graphqlBlocks(text.get(page)!)]));

// how many queries each page holds: the README's three examples exactly, the walkthrough's five
// questions and five auditor's questions exactly, the others at least what they had when written
const EXACT: Record<string, number> = { 'README.md': 3, 'docs/WALKTHROUGH.md': 10 };
const AT_LEAST: Record<string, number> = { 'docs/API.md': 1, 'docs/CORRECTIONS.md': 2, 'docs/PERFORMANCE.md': 1 };

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

describe('the example queries of the README and docs/ work as written', () => {
  it('each page holds the queries it should, and none was lost moving them out of the README', () => {
    for (const [page, n] of Object.entries(EXACT)) expect(queries.get(page), page).toHaveLength(n);
    for (const [page, n] of Object.entries(AT_LEAST)) expect(queries.get(page)?.length, page).toBeGreaterThanOrEqual(n);
    // the README had ten (the five questions and the auditor's five) before they moved to docs/
    const inDocs = pages.filter((p) => p.startsWith('docs/')).reduce((n, p) => n + queries.get(p)!.length, 0);
    expect(inDocs).toBeGreaterThanOrEqual(10);
  });

  for (const [page, blocks] of queries) {
    blocks.forEach((query, i) => {
      it(`${page}, query ${i + 1} answers without errors and with data`, async () => {
        const result = await g.execute(query);
        expect(result.errors).toBeUndefined();
        const values = Object.values(result.data ?? {});
        expect(values.length).toBeGreaterThan(0);
        expect(values.every((v) => v !== null)).toBe(true);
      });
    });
  }
});

/** GitHub's anchor for a heading: lower case, punctuation but - and _ dropped, spaces to hyphens */
const slug = (heading: string) =>
  heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(md: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of md.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

/** the targets of a page's markdown links and images, outside code */
function linkTargets(md: string): string[] {
  const prose = md.replace(/^[ \t]*```[\s\S]*?^[ \t]*```/gm, '').replace(/`[^`\n]*`/g, 'code');
  return [
    ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
  ];
}

describe('relative links of the README and docs/ resolve', () => {
  for (const page of pages) {
    it(`${page}: every relative link names a file (and heading) that exists`, () => {
      const broken: string[] = [];
      for (const target of linkTargets(text.get(page)!)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#', 2);
        const file = path ? resolve(root, dirname(page), decodeURIComponent(path)) : join(root, page);
        // the project's shared notes (../shared/GLOSSARY.md) sit beside the repository, not in a clone of it
        if (relative(root, file).startsWith('..')) continue;
        if (!existsSync(file)) {
          broken.push(target);
          continue;
        }
        if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor))) broken.push(target);
      }
      expect(broken).toEqual([]);
    });
  }
});
