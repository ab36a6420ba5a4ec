import type { Rng } from './rng.js';
import type { PhrasePools } from './corpus.js';
import type { CatalogueUnit, Government } from './units.js';

export interface GenAssignment {
  unit: number;
  role: 'LEAD' | 'SHARED' | 'RESPONSIBLE' | 'COOPERATE' | 'SUPERVISE';
  mention: string;
  implicit: boolean;
  clauseText: string;
  clauseStart: number;
  clauseEnd: number;
  openEnded: boolean;
  basis: { text: string; start: number; end: number } | null;
}

export interface GenTask {
  id: number;
  parent: number | null;
  ordinal: number;
  depth: number;
  label: string;
  path: string;
  title: string;
  text: string;
  kind: string;
  deadline: string | null;
  target: string | null;
  start: number;
  end: number;
  assignments: GenAssignment[];
  /** the first sentence of its body, where it stands: the evidence a link quotes */
  sentence: { text: string; start: number } | null;
  /** the higher-level task it carries out (its title and first sentence are copied from it) */
  implements: LeafTask | null;
}

/** a work item of a document, as a lower government's documents may carry it out */
export interface LeafTask {
  id: number;
  documentId: number;
  title: string;
  sentence: { text: string; start: number };
}

export interface GenDocument {
  id: number;
  sourceFile: string;
  title: string;
  number: string;
  issuerName: string;
  issuer: number;
  date: string;
  year: number;
  kind: 'NOTICE' | 'PLAN';
  jurisdiction: string;
  text: string;
  tasks: GenTask[];
  /** the document it states it carries out (为贯彻落实《…》), with the sentence */
  reference: { title: string; cited: number; sentence: string; start: number } | null;
}

/** what a document is written from: its government, the year, and the higher documents it may carry out */
export interface DocumentPlan {
  id: number;
  firstTaskId: number;
  kind: 'NOTICE' | 'PLAN';
  government: Government;
  /** the government's distinct name (晋城市, 阳泉市城区) */
  place: string;
  issuerName: string;
  issuer: number;
  number: string;
  year: number;
  /** a higher document of the year whose work items this one carries out */
  source: { document: { id: number; title: string }; leaves: LeafTask[]; stated: boolean } | null;
  /** the collective and the mention a 以下均需…负责 declaration names, for notices that make one */
  declaration: CatalogueUnit | null;
  /** work items per document: 1 is the corpus's size, more or less for smaller or larger data */
  size: number;
}

// clause patterns, weighted so that the roles come out near the seeds' mix
// (RESPONSIBLE 262, SHARED 187, LEAD 9, SUPERVISE 9, COOPERATE 1 of 468 assignments)
const PATTERNS = { RESPONSIBLE: 55, SHARED: 36, LEAD_SHARED: 4, SUPERVISE: 3, LEAD_COOPERATE: 2 } as const;
type Pattern = keyof typeof PATTERNS;

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 22 → 二十二 */
export function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  return (tens > 1 ? NUMERALS[tens] : '') + '十' + NUMERALS[n % 10];
}

/** the text of a document, built piece by piece with the offsets of what matters */
class Text {
  value = '';
  add(s: string): number {
    const at = this.value.length;
    this.value += s;
    return at;
  }
}

/** builds one document: its text, numbered items, clauses and the spans of each */
export function writeDocument(plan: DocumentPlan, pools: PhrasePools, rng: Rng): GenDocument {
  const g = plan.government;
  const text = new Text();
  const { year } = plan;
  const month = plan.kind === 'NOTICE' ? rng.int(1, 3) : rng.int(4, 9);
  const day = rng.int(1, 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const dateText = `${year}年${month}月${day}日`;
  const lowerAddress = g.division.level === 'PROVINCE' ? '各市、县人民政府' : g.division.level === 'CITY' ? '各县（市、区）人民政府' : '各乡镇人民政府、街道办事处';
  const own = g.division.level === 'PROVINCE' ? '省' : g.division.level === 'CITY' ? '市' : '县';
  let title: string;
  let reference: GenDocument['reference'] = null;
  text.add(`${plan.issuerName}文件\n${plan.number}\n`);
  if (plan.kind === 'NOTICE') {
    title = `${plan.issuerName}关于做好${year}年${rng.pick(['安全生产工作', '安全生产和应急管理工作', '安全生产和防灾减灾救灾工作'])}的通知`;
    text.add(`${title}\n${lowerAddress}，${own}人民政府各委、办、局：\n`);
    text.add(`${year}年，${rng.pick(pools.sentences)}${rng.pick(pools.sentences)}\n`);
  } else {
    const name = `${plan.place}${year}年${rng.pick(['安全生产专项整治', '应急管理体系和本质安全能力建设', '安全生产治本攻坚', '防灾减灾救灾'])}工作方案`;
    title = `${plan.issuerName}关于印发《${name}》的通知`;
    text.add(`${title}\n${lowerAddress.replace('人民政府', '安委会')}，${own}安委会有关成员单位：\n现将《${name}》印发给你们，请认真贯彻执行。\n${plan.issuerName}\n${dateText}\n${name}\n`);
    if (plan.source?.stated) {
      const sentence = `为全面贯彻落实《${plan.source.document.title}》工作部署，${rng.pick(pools.sentences).replace(/。$/, '')}，制定本方案。`;
      reference = { title: plan.source.document.title, cited: plan.source.document.id, sentence, start: text.add(sentence) };
      text.add('\n');
    } else {
      text.add(`为${rng.pick(pools.titles)}，${rng.pick(pools.sentences).replace(/。$/, '')}，制定本方案。\n`);
    }
  }

  const tasks: GenTask[] = [];
  let nextId = plan.firstTaskId;
  const task = (fields: Omit<GenTask, 'id' | 'ordinal' | 'assignments' | 'sentence' | 'implements' | 'deadline' | 'target' | 'end'>): GenTask => {
    const t: GenTask = { ...fields, id: nextId++, ordinal: tasks.length, deadline: null, target: null, end: fields.start, assignments: [], sentence: null, implements: null };
    tasks.push(t);
    return t;
  };
  let declared = null as { by: number; assignment: GenAssignment } | null;
  const scale = (n: number) => Math.max(1, Math.round(n * plan.size));
  const chapters = rng.sample(pools.chapters, plan.kind === 'NOTICE' ? rng.int(5, 6) : rng.int(3, 4));
  let item = 0;
  for (const [c, heading] of chapters.entries()) {
    const label = `${chineseNumber(c + 1)}、`;
    const chapter = task({ parent: null, depth: 0, label, path: chineseNumber(c + 1), title: heading, text: '', kind: 'CHAPTER', start: text.add(`${label}${heading}\n`) });
    if (plan.kind === 'NOTICE') {
      for (let k = scale(rng.int(5, 8)); k > 0; k--) {
        item++;
        const l = `（${chineseNumber(item)}）`;
        const t = task({ parent: chapter.id, depth: 1, label: l, path: `${chapter.path}/${l}`, title: '', text: '', kind: 'TASK', start: text.add(l) });
        writeItem(t, 'NOTICE');
        if (declared && declared.by !== t.id && !t.assignments.some((a) => a.unit === declared!.assignment.unit && a.role === 'RESPONSIBLE')) t.assignments.push(declared.assignment);
        chapter.end = t.end;
      }
    } else {
      item = 0;
      for (const [s, heading2] of rng.sample(pools.sections, rng.int(2, 4)).entries()) {
        const l = `（${chineseNumber(s + 1)}）`;
        const section = task({ parent: chapter.id, depth: 1, label: l, path: `${chapter.path}/${l}`, title: heading2, text: '', kind: 'SECTION', start: text.add(`${l}${heading2}\n`) });
        for (let k = scale(rng.int(4, 8)); k > 0; k--) {
          item++;
          const t = task({ parent: section.id, depth: 2, label: `${item}.`, path: `${section.path}/${item}`, title: '', text: '', kind: rng.chance(0.15) ? 'MEASURE' : 'TASK', start: text.add(`${item}.`) });
          writeItem(t, 'PLAN');
          section.end = t.end;
        }
        chapter.end = section.end;
      }
    }
  }
  text.add(`${plan.issuerName}\n${dateText}\n`);

  /** the title and body of one work item, its clauses, and the newline after it */
  function writeItem(t: GenTask, style: 'NOTICE' | 'PLAN'): void {
    const source = plan.source && rng.chance(0.35) ? rng.pick(plan.source.leaves) : null;
    t.title = source ? source.title : rng.pick(pools.titles);
    text.add(`${t.title}。`);
    const bodyStart = text.value.length;
    const first = source ? source.sentence.text : rng.pick(pools.sentences);
    t.sentence = { text: first, start: text.add(first) };
    t.implements = source;
    if (rng.chance(0.2)) {
      t.deadline = `${year}年底前`;
      text.add(`${year}年底前完成。`);
    }
    if (style === 'NOTICE') {
      for (let k = rng.chance(0.35) ? 2 : 1; k > 0; k--) {
        const pattern = rng.weighted(PATTERNS);
        if (pattern === 'LEAD_COOPERATE') {
          const [lead, ...others] = units(rng.int(2, 4), false);
          const words = `由${lead.mention}牵头，${others.map((u) => u.mention).join('、')}配合`;
          const at = text.add(`${words}。`);
          clause(t, words, at, [[lead, 'LEAD'], ...others.map((u) => [u, 'COOPERATE'] as const)], false);
        } else {
          text.add(rng.pick(pools.sentences));
          const { words, roles, open } = clauseWords(pattern);
          const at = text.add('（') + 1;
          text.add(`${words}）`);
          clause(t, words, at, roles, open);
        }
      }
      if (plan.declaration && !declared) declared = { by: t.id, assignment: declare(t, plan.declaration) };
    } else {
      if (rng.chance(0.5)) text.add(rng.pick(pools.sentences));
      const pattern = rng.weighted(PATTERNS);
      if (pattern === 'LEAD_COOPERATE') {
        const [lead, ...others] = units(rng.int(2, 4), false);
        const leadLine = `牵头单位：${lead.mention}`;
        clause(t, leadLine, text.add(`\n${leadLine}`) + 1, [[lead, 'LEAD']], false);
        const coopLine = `配合单位：${others.map((u) => u.mention).join('、')}`;
        clause(t, coopLine, text.add(`\n${coopLine}`) + 1, others.map((u) => [u, 'COOPERATE'] as const), false);
      } else {
        const { words, roles, open } = clauseWords(pattern);
        const line = `责任单位：${words}`;
        clause(t, line, text.add(`\n${line}`) + 1, roles, open);
      }
      text.add('。');
    }
    t.text = text.value.slice(bodyStart);
    t.end = text.value.length;
    text.add('\n');
  }

  /** units of the government for one clause: distinct departments, sometimes the collective of the governments below */
  function units(n: number, withLower: boolean): CatalogueUnit[] {
    const chosen: CatalogueUnit[] = [];
    const weights = Object.fromEntries(g.departments.map((u, i) => [String(i), u.weight]));
    for (let tries = 0; chosen.length < n && tries < n * 4; tries++) {
      const u = g.departments[Number(rng.weighted(weights))];
      if (!chosen.includes(u)) chosen.push(u);
    }
    if (withLower && g.lower) chosen.push(g.lower);
    return chosen;
  }

  function clauseWords(pattern: Exclude<Pattern, 'LEAD_COOPERATE'>): { words: string; roles: (readonly [CatalogueUnit, GenAssignment['role']])[]; open: boolean } {
    const lower = rng.chance(0.35);
    const list = (us: CatalogueUnit[]) => us.map((u) => u.mention).join('、');
    if (pattern === 'SUPERVISE') {
      if (rng.chance(0.5)) {
        const c = g.collectives[0];
        return { words: `${c.mention}督促企业落实`, roles: [[c, 'SUPERVISE']], open: false };
      }
      const us = units(rng.int(2, 4), false);
      return { words: `${list(us)}等部门督促落实`, roles: us.map((u) => [u, 'SUPERVISE'] as const), open: true };
    }
    if (pattern === 'LEAD_SHARED') {
      const [lead, ...others] = units(rng.int(3, 6), lower);
      return { words: `${lead.mention}牵头，${list(others)}等部门分工负责`, roles: [[lead, 'LEAD'], ...others.map((u) => [u, 'SHARED'] as const)], open: true };
    }
    const us = units(rng.int(1, 6), lower);
    const open = rng.chance(0.4);
    const role = pattern === 'SHARED' ? 'SHARED' : 'RESPONSIBLE';
    const words = `${list(us)}${open ? '等部门' : ''}${role === 'SHARED' ? (open ? '分工负责' : '按职责分工负责') : '负责'}`;
    return { words, roles: us.map((u) => [u, role] as const), open };
  }

  function clause(t: GenTask, words: string, start: number, roles: (readonly [CatalogueUnit, GenAssignment['role']])[], openEnded: boolean): void {
    for (const [u, role] of roles) {
      if (t.assignments.some((a) => a.unit === u.id && a.role === role)) continue;
      t.assignments.push({ unit: u.id, role, mention: u.mention, implicit: false, clauseText: words, clauseStart: start, clauseEnd: start + words.length, openEnded, basis: null });
    }
  }

  /** 以下均需市、县人民政府负责，不再一一列出: the collective answers for every later item too (an implicit assignment) */
  function declare(t: GenTask, collective: CatalogueUnit): GenAssignment {
    const office = g.departments.find((u) => u.id === g.office)!;
    const mention = collective.mention.replace(/^各/, '');
    const basisText = `以下均需${mention}负责，不再一一列出`;
    const words = `${office.mention}和${collective.mention}负责。${basisText}`;
    const at = text.add('（') + 1;
    text.add(`${words}）`);
    clause(t, words, at, [[office, 'RESPONSIBLE'], [collective, 'RESPONSIBLE']], false);
    const basisStart = at + words.length - basisText.length;
    return { unit: collective.id, role: 'RESPONSIBLE', mention, implicit: true, clauseText: words, clauseStart: at, clauseEnd: at + words.length, openEnded: false, basis: { text: basisText, start: basisStart, end: basisStart + basisText.length } };
  }

  return {
    id: plan.id,
    sourceFile: `gen-${g.division.code}-${year}-${plan.kind.toLowerCase()}.txt`,
    title,
    number: plan.number,
    issuerName: plan.issuerName,
    issuer: plan.issuer,
    date,
    year,
    kind: plan.kind,
    jurisdiction: g.division.code,
    text: text.value,
    tasks,
    reference,
  };
}
