import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type Graph, seededGraph, tempOrm, type TempOrm } from './support/graph.js';
import { describeWithPostgres, onPostgres, tempDatabase } from './support/database.js';
import { createOrm } from '../src/orm.js';
import { walksKey } from '../src/modules/search/search.engine.js';
import { seedDatabase } from '../src/ingest/seed.js';
import { parseDocument } from '../src/ingest/parse.js';
import { ensureJurisdictions, importDocument } from '../src/ingest/import.js';
import { UnitResolver } from '../src/ingest/resolve-units.js';
import { DivisionIndex } from '../src/modules/jurisdiction/divisions.js';
import { createApolloServer } from '../src/graphql/server.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/relay.js';
import { Unit, UnitAlias } from '../src/modules/unit/unit.entity.js';
import { indexDocument, indexUnits, rebuildSearchIndex } from '../src/modules/search/search.indexer.js';
import { ftsMatch, grams, normalize, pieces, rankKey, snippet, tsQuery, tsVector } from '../src/modules/search/search.text.js';

const HIT = `kind score field snippet task { id title text } unit { id name aliases } document { id number title }`;
const SEARCH = `query ($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) { totalCount edges { cursor node { ${HIT} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

let g: Graph;
beforeAll(async () => (g = await seededGraph()));
afterAll(() => g.close());

function rows<T>(orm: MikroORM, sql: string, params: unknown[] = []): Promise<T[]> {
  return (orm.em as SqlEntityManager).getConnection().execute(sql, params as never[], 'all') as Promise<T[]>;
}

/** every hit of a query, walking the pages */
async function allHits(q: string, first = 100, graph = g): Promise<any[]> {
  const hits: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await graph.query(SEARCH, { q, first, after })).search;
    hits.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return hits;
    after = page.pageInfo.endCursor;
  }
}

/** the tasks whose title or text contains s, by a plain LIKE over the seed database */
async function tasksContaining(s: string): Promise<string[]> {
  const p = `%${s}%`;
  const found = await rows<{ id: number }>(g.orm, `select row_id as "id" from task where title like ? or text like ?`, [p, p]);
  return found.map((r) => toGlobalId('Task', r.id)).sort();
}

const taskIds = (hits: any[]) => hits.filter((h) => h.kind === 'TASK').map((h) => h.task.id).sort();

describe('search finds every task that contains the query', () => {
  for (const q of ['煤矿', '消防', '燃气', '矿']) {
    it(`${q}: exactly the tasks a LIKE over title and text finds`, async () => {
      const expected = await tasksContaining(q);
      const hits = await allHits(q);
      expect(expected.length).toBeGreaterThan(5);
      expect(taskIds(hits)).toEqual(expected);
      const { totalCount } = (await g.query(SEARCH, { q, first: 1 })).search;
      expect(totalCount).toBe(hits.length);
    });
  }

  it('longer queries match as a contiguous substring, with half-width punctuation and spaces taken as their usual forms', async () => {
    for (const q of ['煤矿领域', '安全生产', '各市、县人民政府', '省住建厅牵头，省公安厅']) {
      expect(taskIds(await allHits(q)), q).toEqual(await tasksContaining(q));
    }
    expect(taskIds(await allHits('省住建厅牵头,省公安厅'))).toEqual(await tasksContaining('省住建厅牵头，省公安厅'));
    expect(taskIds(await allHits(' 煤矿 领域 '))).toEqual(await tasksContaining('煤矿领域'));
    // the text has 2022 年 (a space from the source): whitespace is not part of what is searched
    expect(await tasksContaining('2022年，省减灾委员会')).toEqual([]);
    expect(taskIds(await allHits('2022年，省减灾委员会'))).toEqual(await tasksContaining('2022 年，省减灾委员会'));
  });

  it('a field holding every bigram of the query but not the query itself is no hit', async () => {
    // 受灾 and 灾后 are both in one task of 000, 受灾后 is nowhere: the index finds the task, counting occurrences drops it
    expect(ftsMatch('受灾后')).toBe('("受灾" AND "灾后")');
    expect(tsQuery('受灾后')).toBe("'受灾' & '灾后'");
    const candidates = await rows(g.orm, `select row_id from task where text like '%受灾%' and text like '%灾后%'`);
    expect(candidates.length).toBeGreaterThan(0);
    expect((await g.query(SEARCH, { q: '受灾后' })).search).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('one-, two- and three-character queries and Latin mixed with Chinese find what LIKE finds, on the engine alone', async () => {
    // substrings of these lengths of some titles, looked up in the index with no test of the text after it: exact for one and
    // two characters, for more the rows holding all the bigrams (a superset, which search narrows), the same on both databases
    const titles = (await rows<{ title: string }>(g.orm, `select title as "title" from task order by row_id limit 40`)).map((t) => normalize(t.title));
    const queries = new Set<string>(['AED(自动', '工作app', 'App', 'pdt', '应急PDT窄带', 'QQ']);
    for (const t of titles) for (const n of [1, 2, 3]) for (const start of [0, 2, 5]) if (Array.from(t).length >= start + n) queries.add(Array.from(t).slice(start, start + n).join(''));
    expect(queries.size).toBeGreaterThan(150);
    for (const q of queries) {
      const canonical = normalize(q);
      const engine = onPostgres
        ? await rows<{ id: number }>(g.orm, `select row_id as "id" from search_field where grams @@ cast(? as tsquery) order by row_id`, [tsQuery(canonical)])
        : await rows<{ id: number }>(g.orm, `select rowid as "id" from search_grams where search_grams match ? order by rowid`, [ftsMatch(canonical)]);
      // LIKE folds ASCII case on SQLite only; the canonical text is lower-case already
      const contains = onPostgres ? 'strpos(text, ?) > 0' : 'instr(text, ?) > 0';
      const like = await rows<{ id: number }>(g.orm, `select row_id as "id" from search_field where ${contains} order by row_id`, [canonical]);
      const [found, expected] = [engine.map((r) => Number(r.id)), like.map((r) => Number(r.id))];
      if (Array.from(canonical).length > 2) expect(found, q).toEqual(expect.arrayContaining(expected));
      else expect(found, q).toEqual(expected);
    }
  });

  it('the bundled SQLite is the version pinned and tested: 3.49.2, with FTS5', async () => {
    if (onPostgres) return;
    expect((await rows<{ v: string }>(g.orm, `select sqlite_version() as "v"`))[0].v).toBe('3.49.2');
    expect(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies['better-sqlite3']).toBe('11.10.0');
  });

  it('a unit is found by its alias: 省应急厅 is 山西省应急管理厅', async () => {
    const hits = await allHits('省应急厅');
    const unit = hits.find((h) => h.kind === 'UNIT');
    expect(unit).toMatchObject({ field: 'alias', snippet: '【省应急厅】', unit: { name: '山西省应急管理厅' }, task: null, document: null });
    expect(unit.unit.aliases).toContain('省应急厅');
    // a heading hit: above the tasks that mention it in their text
    expect(hits[0]).toBe(unit);
  });

  it('a document is found by its number 文号, brackets as written or typed', async () => {
    for (const q of ['晋政发〔2024〕1号', '晋政发[2024]1号', '晋政发［2024］1号', '晋政发【2024】1号']) {
      const [first] = await allHits(q);
      expect(first, q).toMatchObject({ kind: 'DOCUMENT', field: 'number', snippet: '【晋政发〔2024〕1号】', document: { number: '晋政发〔2024〕1号' } });
    }
  });
});

describe('hits are ranked, excerpted and paged', () => {
  it('every snippet marks the query: 【煤矿】, cut from the text as written', async () => {
    const hits = await allHits('煤矿');
    for (const h of hits) {
      expect(h.snippet).toContain('【煤矿】');
      expect(h.snippet.replace(/【煤矿】/g, '')).not.toContain('煤矿');
      if (h.kind !== 'TASK') continue;
      const source = (h.field === 'title' ? h.task.title : h.task.text).replace(/\s+/g, ' ');
      for (const piece of h.snippet.replace(/[【】]/g, '').split('…').filter(Boolean)) expect(source).toContain(piece);
    }
    expect(hits.find((h) => h.task?.title === '煤矿领域专项整治')).toMatchObject({ field: 'title', snippet: '【煤矿】领域专项整治' });
  });

  it('title and name hits come before body hits; more occurrences and shorter fields score higher', async () => {
    const hits = await allHits('煤矿');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const firstBody = hits.findIndex((h) => h.field === 'text');
    expect(firstBody).toBeGreaterThan(0);
    expect(hits.slice(0, firstBody).every((h) => h.field === 'title')).toBe(true);
    expect(hits.slice(firstBody).every((h) => h.field === 'text')).toBe(true);
    const title = hits.findIndex((h) => h.task?.title === '煤矿领域专项整治');
    expect(title).toBeGreaterThanOrEqual(0);
    expect(title).toBeLessThan(firstBody);
    expect(rankKey('text', 3, 100)).toBeGreaterThan(rankKey('text', 2, 100));
    expect(rankKey('text', 1, 50)).toBeGreaterThan(rankKey('text', 1, 100));
    expect(rankKey('title', 1, 1000)).toBeGreaterThan(rankKey('text', 500, 500));
  });

  it('pages of 7 walk every hit once, in the order of one page of 100', async () => {
    const whole = (await g.query(SEARCH, { q: '矿', first: 100 })).search;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const kinds = new Set(whole.edges.map((e: any) => e.node.kind));
    expect([...kinds].sort()).toEqual(['DOCUMENT', 'TASK', 'UNIT']);
    // ties (equal scores) are common: the cursor carries the kind and id after the score
    expect(new Set(whole.edges.map((e: any) => e.node.score)).size).toBeLessThan(whole.edges.length);
    const key = (h: any) => `${h.kind} ${(h.task ?? h.unit ?? h.document).id}`;
    const walked = (await allHits('矿', 7)).map(key);
    expect(walked).toEqual(whole.edges.map((e: any) => key(e.node)));
    expect(new Set(walked).size).toBe(whole.totalCount);
    const second = (await g.query(SEARCH, { q: '矿', first: 7, after: whole.edges[6].cursor })).search;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.edges.map((e: any) => key(e.node))).toEqual(walked.slice(7, 14));
  });

  it('runs as many statements for a query with 2 hits as for one with 33', async () => {
    const q = `query ($q: String!) { search(query: $q, first: 100) { totalCount nodes { ${HIT} task { document { number } assignments { unit { name } } } } } }`;
    const rare = await g.execute(q, { q: '省住建厅牵头,省公安厅' });
    const common = await g.execute(q, { q: '煤矿' });
    expect(rare.errors).toBeUndefined();
    expect(common.errors).toBeUndefined();
    expect(rare.data.search.totalCount).toBe(2);
    expect(common.data.search.totalCount).toBe(33);
    // the same kinds of hits (the documents' texts contain their tasks'), tasks with assignments: the same loaders run
    const kinds = (r: any) => [...new Set(r.data.search.nodes.map((n: any) => n.kind))].sort();
    expect(kinds(rare)).toEqual(kinds(common));
    expect(rare.data.search.nodes.find((n: any) => n.kind === 'TASK').task.assignments.length).toBeGreaterThan(0);
    expect(common.extensions!.sqlStatements).toBe(rare.extensions!.sqlStatements);
    expect(common.extensions!.sqlStatements).toBeLessThanOrEqual(8);
    // every kind of hit, every object loaded (task texts for their snippets by a loader of their own): still a handful
    const all = await g.execute(q, { q: '矿' });
    expect(all.extensions!.sqlStatements).toBeLessThanOrEqual(11);
  });

  it('bad input is BAD_USER_INPUT with the argument named', async () => {
    const bad = async (vars: Record<string, unknown>) => (await g.execute(SEARCH, { first: 10, ...vars })).errors?.[0]?.extensions;
    expect(await bad({ q: '' })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
    expect(await bad({ q: ' \n　' })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
    expect(await bad({ q: '煤'.repeat(101) })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
    expect((await g.execute(SEARCH, { q: '煤'.repeat(100) })).errors).toBeUndefined();
    expect(await bad({ q: '煤矿', first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(await bad({ q: '煤矿', first: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(await bad({ q: '煤矿', after: 'nonsense' })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const other = (await g.query(SEARCH, { q: '消防', first: 1 })).search.pageInfo.endCursor;
    expect(await bad({ q: '煤矿', after: other })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('LIKE wildcards and quotes in a query are plain characters', async () => {
    for (const q of ['%', '_', "'", '\\', '100%']) {
      const res = await g.execute(SEARCH, { q });
      expect(res.errors, q).toBeUndefined();
      // a wildcard would match fields without the character, whose snippets would have no mark
      for (const e of res.data.search.edges) expect(e.node.snippet, q).toMatch(/【.+】/);
    }
  });
});

describe('filters act inside the index query; a common term is ranked within a window', () => {
  const FILTERED = `query ($q: String!, $filter: SearchFilter, $first: Int, $after: String) {
    search(query: $q, filter: $filter, first: $first, after: $after) { totalCount complete pageInfo { hasNextPage endCursor } nodes { kind
      task { id document { id year jurisdiction { code level } } } unit { id level jurisdiction { code } } document { id year jurisdiction { code level } } } } }`;
  async function walk(q: string, filter: Record<string, unknown> | null) {
    const hits: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const page: any = (await g.query(FILTERED, { q, filter, first: 100, after })).search;
      hits.push(...page.nodes);
      totalCount = page.totalCount;
      if (!page.pageInfo.hasNextPage) return { hits, totalCount };
      after = page.pageInfo.endCursor;
    }
  }
  const place = (h: any) => {
    const d = h.task?.document ?? h.document;
    return { kind: h.kind, document: d?.id ?? null, year: d?.year ?? null, code: d?.jurisdiction?.code ?? h.unit?.jurisdiction?.code, level: d?.jurisdiction?.level ?? h.unit?.level };
  };
  const key = (h: any) => `${h.kind} ${(h.task ?? h.unit ?? h.document).id}`;

  it('each filter gives exactly the unfiltered hits that meet it, in the same order, with their count', async () => {
    const all = (await walk('应急', null)).hits;
    const doc004 = all.map(place).find((p) => p.code === '140000' && p.year === 2026)?.document;
    expect(doc004).toBeDefined();
    const filters: [Record<string, unknown>, (p: ReturnType<typeof place>) => boolean][] = [
      [{ kinds: ['UNIT'] }, (p) => p.kind === 'UNIT'],
      [{ kinds: ['TASK', 'DOCUMENT'] }, (p) => p.kind !== 'UNIT'],
      [{ document: doc004 }, (p) => p.document === doc004],
      [{ year: 2024 }, (p) => p.year === 2024],
      [{ level: 'CITY' }, (p) => p.level === 'CITY'],
      [{ jurisdiction: '140000' }, (p) => p.code === '140000'],
      [{ jurisdiction: '140000', kinds: ['TASK'], year: 2026 }, (p) => p.code === '140000' && p.kind === 'TASK' && p.year === 2026],
    ];
    for (const [filter, meets] of filters) {
      const expected = all.filter((h) => meets(place(h))).map(key);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filter)).toBeLessThan(all.length);
      const { hits, totalCount } = await walk('应急', filter);
      expect(hits.map(key), JSON.stringify(filter)).toEqual(expected);
      expect(totalCount, JSON.stringify(filter)).toBe(expected.length);
    }
    // a cursor of another filter is refused
    const page = (await g.query(FILTERED, { q: '应急', filter: { kinds: ['UNIT'] }, first: 1 })).search;
    const res = await g.execute(FILTERED, { q: '应急', filter: { kinds: ['TASK'] }, first: 1, after: page.pageInfo.endCursor });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('a term matching more fields than the window ranks the first of each tier, says so, and estimates the count', async () => {
    const complete = await walk('矿', null);
    const exact = (await g.query(FILTERED, { q: '矿', first: 1 })).search;
    expect(exact).toMatchObject({ complete: true, totalCount: complete.hits.length });
    process.env.DUTYGRAPH_SEARCH_WINDOW = '10';
    try {
      const page = (await g.query(FILTERED, { q: '矿', first: 100 })).search;
      expect(page.complete).toBe(false);
      // at most ten headings and ten body texts, fewer targets when a task's title and body both match
      expect(page.nodes.length).toBeGreaterThan(5);
      expect(page.nodes.length).toBeLessThanOrEqual(20);
      expect(page.pageInfo.hasNextPage).toBe(false);
      for (const h of page.nodes) expect(complete.hits.map(key)).toContain(key(h));
      // an estimate from ten of each: the order of magnitude (at M, from a thousand of each, it is within a fifth: docs/SCALING.md)
      expect(page.totalCount).toBeGreaterThan(complete.hits.length / 4);
      expect(page.totalCount).toBeLessThan(complete.hits.length * 4);
      // a filter narrows inside the index: the same term in one document is complete again
      const doc = complete.hits.map(place).find((p) => p.document)!.document;
      const inDoc = (await g.query(FILTERED, { q: '矿', first: 100, filter: { document: doc, kinds: ['DOCUMENT'] } })).search;
      expect(inDoc).toMatchObject({ complete: true, totalCount: 1 });
    } finally {
      delete process.env.DUTYGRAPH_SEARCH_WINDOW;
    }
  });
});

describe('text normalisation and snippets', () => {
  it('full- and half-width forms are one; whitespace is dropped', () => {
    expect(normalize('（一）ＡＢＣ１２３， a b\u3000c')).toBe('（一）abc123，abc');
    expect(normalize('(一)abc123,')).toBe('（一）abc123，');
    expect(normalize('晋政发[2024]1号')).toBe(normalize('晋政发〔2024〕1号'));
  });

  it('a snippet is an excerpt of the original around the first occurrence, every occurrence marked', () => {
    expect(snippet('煤矿领域专项整治', '煤矿')).toBe('【煤矿】领域专项整治');
    expect(snippet('非煤\n矿山', '煤矿')).toBe('非【煤 矿】山');
    const long = '甲'.repeat(100) + '煤矿' + '乙'.repeat(10) + '煤矿' + '丙'.repeat(100);
    const s = snippet(long, '煤矿');
    expect(s.startsWith('…甲')).toBe(true);
    expect(s.endsWith('丙…')).toBe(true);
    expect(s.match(/【煤矿】/g)).toHaveLength(2);
    // the query comes canonical, the text as written
    expect(snippet('见【附件】(一)', normalize('(一)'))).toBe('见〔附件〕【(一)】');
  });

  it('PostgreSQL walks the key for common words and reads the index for rare ones, by the shares ANALYZE keeps', async () => {
    const stats = { database: {}, statistics: async () => [{ word: '应急', share: 0.3 }, { word: '急管', share: 0.05 }, { word: '煤矿', share: 0.02 }, { word: '安全', share: 0.03 }, { word: '安排', share: 0.02 }] as any[] };
    expect(await walksKey(stats, '应急')).toBe(true);
    expect(await walksKey(stats, '煤矿')).toBe(false);
    // the least common bigram decides; one not listed is rare
    expect(await walksKey(stats, '应急管')).toBe(true);
    expect(await walksKey(stats, '应急管理')).toBe(false);
    // one character: the words it begins, together
    expect(await walksKey(stats, '安')).toBe(true);
    expect(await walksKey(stats, '爆')).toBe(false);
  });

  it('the engines index a bigram at every position; long texts in pieces that overlap by a query less one character', () => {
    expect(grams('煤矿安全')).toEqual(['煤矿', '矿安', '安全', '全']);
    expect(ftsMatch('安')).toBe('"安"*');
    expect(ftsMatch('say"hi')).toBe('("sa" AND "ay" AND "y""" AND """h" AND "hi")');
    expect(ftsMatch('安全安全')).toBe('("安全" AND "全安")');
    expect(tsQuery('安')).toBe("'安':*");
    expect(tsQuery("a'b\\c")).toBe("'a''' & '''b' & 'b\\\\' & '\\\\c'");
    expect(tsVector("煤'矿煤'")).toBe("'煤''' '''矿' '矿煤' ''''");
    const long = Array.from({ length: 4500 }, (_, i) => String.fromCodePoint(0x4e00 + (i % 3000))).join('');
    const parts = pieces(long);
    expect(parts.map((p) => Array.from(p).length)).toEqual([2000, 2000, 698]);
    // every substring of at most 100 characters lies whole in some piece
    for (const start of [0, 1899, 1900, 1950, 2000, 3801, 4400]) {
      const q = Array.from(long).slice(start, start + 100).join('');
      expect(parts.some((p) => p.includes(q)), String(start)).toBe(true);
    }
    expect(pieces('短')).toEqual(['短']);
  });
});

describe('the index is written with the documents, in their transaction', () => {
  const count = async (orm: MikroORM) => (await rows<{ n: number }>(orm, `select cast(count(*) as integer) as "n" from search_field`))[0].n;

  it('seeding again (nothing changed) writes nothing; indexing again gives the same rows', async () => {
    const before = await count(g.orm);
    expect(before).toBeGreaterThan(500);
    const reports = await seedDatabase(g.orm);
    expect(reports.every((r) => r.status === 'unchanged')).toBe(true);
    expect(await count(g.orm)).toBe(before);
    const stats = await g.orm.em.fork().transactional((em) => rebuildSearchIndex(em));
    expect(stats.fields).toBe(before);
    expect(await count(g.orm)).toBe(before);
    if (!onPostgres) expect((await rows<{ n: number }>(g.orm, `select count(*) as "n" from search_grams`))[0].n).toBe(before);
    // every unit is indexed as it is: asking again rewrites none
    const ids = (await rows<{ id: number }>(g.orm, `select row_id as "id" from unit`)).map((r) => r.id);
    expect(await g.orm.em.fork().transactional((em) => indexUnits(em, ids))).toEqual({ targets: 0, fields: 0 });
  });

  it('a replaced document loses the index of its removed tasks; a new alias is found once its unit is indexed', async () => {
    const db = await tempOrm();
    const divisions = new DivisionIndex();
    const resolver = new UnitResolver(divisions);
    const text = readFileSync(new URL('./fixtures/003-chapters-1-2.txt', import.meta.url), 'utf8');
    const server = await createApolloServer({ traceSql: true });
    const search = async (q: string) => {
      const res = await server.executeOperation({ query: SEARCH, variables: { q, first: 100 } }, { contextValue: createContext(db.orm) });
      return res.body.kind === 'single' ? (res.body.singleResult.data as any).search : null;
    };
    try {
      const load = (t: string) =>
        db.orm.em.fork().transactional(async (em) => {
          await ensureJurisdictions(em, divisions);
          return (await importDocument(em, parseDocument(t, divisions), '003-chapters-1-2.txt', resolver, divisions)).report;
        });
      expect((await load(text)).status).toBe('created');
      const word = '安全生产';
      const before = await search(word);
      expect(before.totalCount).toBeGreaterThan(2);
      // the second version drops every paragraph mentioning the word
      const lines = text.split('\n');
      const cut = lines.filter((l, i) => i < 12 || !l.includes(word)).join('\n');
      expect((await load(cut)).status).toBe('replaced');
      const after = await search(word);
      const titles = await rows<{ title: string; text: string }>(db.orm, `select title as "title", text as "text" from task`);
      const still = titles.filter((t) => t.title.includes(word) || t.text.includes(word)).length;
      expect(after.edges.filter((e: any) => e.node.kind === 'TASK')).toHaveLength(still);
      expect(still).toBeLessThan(before.edges.filter((e: any) => e.node.kind === 'TASK').length);
      for (const e of after.edges) expect(e.node.task ?? e.node.unit ?? e.node.document).not.toBeNull();
      const orphans = await rows(db.orm, `select 1 from search_field s where s.target_kind = 'TASK' and not exists (select 1 from task t where t.row_id = s.target_id)`);
      expect(orphans).toEqual([]);
      // the full-text engine forgot the rows that went (a trigger on SQLite; a column of the row on PostgreSQL)
      if (db.dialect === 'sqlite') expect((await rows<{ n: number }>(db.orm, `select count(*) as "n" from search_grams`))[0].n).toBe(await count(db.orm));

      // a new alias
      expect((await search('应急测试别称')).totalCount).toBe(0);
      const unitId = await db.orm.em.fork().transactional(async (em) => {
        const unit = await em.findOneOrFail(Unit, { name: '山西省应急管理厅' });
        em.create(UnitAlias, { unit, alias: '应急测试别称' });
        await em.flush();
        expect(await indexUnits(em, [unit.rowId])).toMatchObject({ targets: 1 });
        return unit.rowId;
      });
      expect((await search('应急测试别称')).edges[0].node).toMatchObject({ kind: 'UNIT', field: 'alias', unit: { name: '山西省应急管理厅' } });
      expect(await db.orm.em.fork().transactional((em) => indexUnits(em, [unitId]))).toMatchObject({ targets: 0 });
      // indexing a document twice is the same as once
      const docId = (await rows<{ id: number }>(db.orm, `select row_id as "id" from document`))[0].id;
      const once = await count(db.orm);
      await db.orm.em.fork().transactional((em) => indexDocument(em, docId));
      expect(await count(db.orm)).toBe(once);
    } finally {
      await server.stop();
      await db.close();
    }
  });
});

describe('a database made by an older version', () => {
  it('opens: its schema is brought up to date around the engine’s own tables, its index and stored gaps made again once', async () => {
    const db = await tempDatabase();
    try {
      let orm = await createOrm(db.target);
      await seedDatabase(orm);
      const expected = await orm.em.fork().getConnection().execute(`select cast(count(*) as integer) as "n" from search_field`);
      // as a version with another schema and another index left it
      await orm.em.fork().getConnection().execute(`update dataset_state set value = 'older' where key in ('schemaHash', 'searchIndex', 'storedAnalysis')`);
      await orm.em.fork().getConnection().execute(`delete from task_gap`);
      await orm.em.fork().getConnection().execute(`delete from task_overlap`);
      await orm.close();
      orm = await createOrm(db.target);
      try {
        expect(await orm.em.fork().getConnection().execute(`select cast(count(*) as integer) as "n" from search_field`)).toEqual(expected);
        expect(Number((await orm.em.fork().getConnection().execute(`select count(*) as "n" from task_gap`))[0].n)).toBeGreaterThan(10);
        const server = await createApolloServer();
        const res = await server.executeOperation({ query: SEARCH, variables: { q: '煤矿', first: 5 } }, { contextValue: createContext(orm) });
        expect(res.body.kind === 'single' && (res.body.singleResult.data as any).search.totalCount).toBe(33);
        await server.stop();
      } finally {
        await orm.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describeWithPostgres('the same hits on PostgreSQL as on SQLite', () => {
  let db: TempOrm;
  let pg: MikroORM;
  // on the PostgreSQL pass the suite's graph is on PostgreSQL too: compare with a SQLite one
  let sqlite: Graph;

  beforeAll(async () => {
    db = await tempOrm('postgres');
    pg = db.orm;
    await seedDatabase(pg);
    // the planner's statistics, as a server has them: common words walk the key (walksKey), rare ones read the index
    await pg.em.fork().getConnection().execute('analyze search_field');
    sqlite = onPostgres ? await seededGraph({ dialect: 'sqlite' }) : g;
  });

  afterAll(async () => {
    await db?.close();
    if (sqlite !== g) await sqlite?.close();
  });

  it('every page of every query, in as many statements', async () => {
    const server = await createApolloServer({ traceSql: true });
    try {
      for (const q of ['煤矿', '矿', '省应急厅', '晋政发[2024]1号', '省住建厅牵头,省公安厅', '受灾后', 'A', '100%', "'"]) {
        let after: string | null = null;
        for (let page = 0; page < 20; page++) {
          const res = await server.executeOperation({ query: SEARCH, variables: { q, first: 9, after } }, { contextValue: createContext(pg) });
          if (res.body.kind !== 'single') throw new Error('expected a single result');
          const onPg = res.body.singleResult as any;
          const onSqlite = await sqlite.execute(SEARCH, { q, first: 9, after });
          expect(onPg.errors, q).toBeUndefined();
          expect(onPg.data, q).toEqual(onSqlite.data);
          expect(onPg.extensions?.sqlStatements, q).toBe(onSqlite.extensions?.sqlStatements);
          if (!onPg.data.search.pageInfo.hasNextPage) break;
          after = onPg.data.search.pageInfo.endCursor;
        }
      }
    } finally {
      await server.stop();
    }
  });

  it('the same filtered hits, and the same estimate for a term beyond the window', async () => {
    const query = `query ($q: String!, $filter: SearchFilter) { search(query: $q, filter: $filter, first: 100) { totalCount complete nodes { kind score field snippet } } }`;
    const server = await createApolloServer({ traceSql: true });
    const compare = async (q: string, filter: Record<string, unknown> | null) => {
      const res = await server.executeOperation({ query, variables: { q, filter } }, { contextValue: createContext(pg) });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      const onSqlite = await sqlite.execute(query, { q, filter });
      expect(res.body.singleResult.errors, q).toBeUndefined();
      expect(res.body.singleResult.data, `${q} ${JSON.stringify(filter)}`).toEqual(onSqlite.data);
      return onSqlite.data as any;
    };
    try {
      for (const q of ['安', '应急', '煤矿', '安全生产']) await compare(q, null);
      for (const filter of [{ level: 'CITY' }, { kinds: ['UNIT'] }, { jurisdiction: '140000', year: 2024 }]) await compare('应急', filter);
      process.env.DUTYGRAPH_SEARCH_WINDOW = '10';
      expect((await compare('矿', null)).search.complete).toBe(false);
      await compare('安', { kinds: ['TASK'] });
    } finally {
      delete process.env.DUTYGRAPH_SEARCH_WINDOW;
      await server.stop();
    }
  });
});
