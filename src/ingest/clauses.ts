import type { ParsedAssignment, ParsedClause, ParseProblem, Role } from './types.js';
import {
  FIELD_LABEL,
  FIELD_ROLE,
  FIRST_IS_LEAD,
  IMPLIED_DECLARATIONS,
  OPEN_ENDED,
  OTHER_ROLE_PHRASES,
  RESPONSIBILITY_LINE,
  ROLE_WORDS,
  TOGETHER_WITH,
} from './lexicon.js';
import { nationalBody } from '../modules/unit/national-bodies.js';

/** a clause found in a task's text, with what it assigns */
export interface FoundClause {
  clause: ParsedClause;
  assignments: ParsedAssignment[];
  /** 以下均需…负责: assignments every later item inherits */
  declarations: ParsedAssignment[];
  problems: ParseProblem[];
}

// a unit or a group of units ends in one of these
const UNIT_SUFFIX =
  /(厅|局|委|办|府|政府|会|队|处|部|室|院|中心|组|站|所|支队|总队|大队|单位|部门|机关|机构|党委|公司|集团|指挥部|管委会|办公室|委员会|分局|监察局|交管局|法院|检察院|企业|署|银行|联|协|社|开发区|高新区|新区|园区|功能区|试验区|专班|街道|办事处|国企|中央|海关|分行|支行|营管部|产业园|物流园|园区)$/;
const FIELD_LABEL_AT_START = new RegExp(`^${FIELD_LABEL.source}`);
// a bracket names a role when it holds any role word of the lexicon, a phrase, 会同 or a label
const ROLE_HINT = new RegExp([...ROLE_WORDS.map((w) => w.word), ...OTHER_ROLE_PHRASES, '督促', TOGETHER_WITH, FIELD_LABEL.source].join('|'));
// a sentence whose subject is a list of units: 各级党委、政府要…, 负有安全监管职责的部门要…
const STATED_DUTY = /^([^，,。；;：:“”《》]{2,40}?)(?:要|应当|应|必须|须)(?=[\u4e00-\u9fa5“《])/;
const UNIT_PREFIX = /^(各|省|市|县|区|镇|乡|街道|村|负有|有关|国家|中共)/;
const NOT_A_UNIT = /(干部|领导|负责人|人员|企业|生产经营单位|群众|职工)/;

/**
 * Finds the responsibility clauses of one paragraph: a 责任单位：… line, or a parenthetical
 * （省住建厅牵头，省公安厅…等部门分工负责） at the end of an item or a sentence.
 */
export function findClauses(paragraph: string, offset: number): FoundClause[] {
  const found: FoundClause[] = [];
  if (RESPONSIBILITY_LINE.test(paragraph)) {
    // 分管省领导：…, 牵头领导：… name people: nothing to read
    if ([...paragraph.matchAll(FIELD_LABEL)].every((m) => FIELD_ROLE.get(m[1]) === 'PERSON')) return found;
    const text = paragraph.replace(/[。.]$/, '');
    found.push(readClause(text, offset, text));
    return found;
  }
  for (const group of parentheticals(paragraph)) {
    const inner = paragraph.slice(group.start + 1, group.end - 1);
    // （工资处、就管中心） closing a sentence or an item: a bare list of units is a clause too
    const bare = !ROLE_HINT.test(inner) && isUnitCell(inner.trim()) && /^\s*([。；;]|$)/.test(paragraph.slice(group.end)) && !UNIT_BEFORE.test(paragraph.slice(0, group.start));
    if (!bare && (!ROLE_HINT.test(inner) || !startsWithUnit(inner))) continue;
    found.push(readClause(inner, offset + group.start + 1, inner));
  }
  return found;
}

/** brackets that look like a clause (a role word or a 责任单位 label) but were not read as one */
export function unreadBrackets(paragraph: string, offset: number): ParseProblem[] {
  if (RESPONSIBILITY_LINE.test(paragraph)) return [];
  return parentheticals(paragraph)
    .map((g) => ({ g, inner: paragraph.slice(g.start + 1, g.end - 1) }))
    .filter(({ inner }) => ROLE_HINT.test(inner) && !startsWithUnit(inner) && !/^(以下|下同)/.test(inner))
    .map(({ g, inner }) => ({ message: 'a bracket that looks like a clause was not read', text: inner, start: offset + g.start + 1, end: offset + g.end - 1 }));
}

// 省安委办（省应急厅）: a bracket right after a unit's name explains the name, it assigns nothing
const UNIT_BEFORE = /(厅|局|委|办|府|会|队|处|部|室|院|中心|组|站|所|单位|部门|镇|乡|村|街道|社区|区|县|市|州)\s*$/;

// 〔责任单位：…〕 and 【牵头单位：…】 are brackets of clauses too
const OPENING = new Set(['（', '(', '〔', '【', '[', '［']);
const CLOSING = new Set(['）', ')', '〕', '】', ']', '］']);

function parentheticals(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPENING.has(c)) {
      if (depth === 0) start = i;
      depth++;
    } else if (CLOSING.has(c) && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start, end: i + 1 });
    }
  }
  return out;
}

function startsWithUnit(inner: string): boolean {
  // a label for units (not one for people) says it is a clause
  if ([...inner.matchAll(FIELD_LABEL)].some((m) => FIELD_ROLE.get(m[1]) !== 'PERSON')) return true;
  const first = splitTop(inner.replace(FIELD_LABEL_AT_START, ''), /[，,；;。、]/)[0] ?? '';
  const bare = stripRole(first).units;
  return splitUnits(bare.replace(OPEN_ENDED, '')).some((u) => looksLikeUnit(u.name));
}

/** a cell of a 任务分工表 under a header that gives its role (牵头单位, 配合单位 …) */
export function readCell(text: string, start: number, role: Role | null, phrase?: string): FoundClause {
  // 县教体局 各相关乡镇政府: units a cell separates by spaces are a list
  const parts = text.trim().split(/\s+/);
  const body = parts.length > 1 && parts.every((p) => isUnitCell(p)) ? parts.join('、') : text;
  return readClause(text, start, body, role, phrase);
}

function readClause(text: string, start: number, body: string, role: Role | null = null, phrase?: string): FoundClause {
  const clause: ParsedClause = { text, start, end: start + text.length, openEnded: false };
  const assignments: ParsedAssignment[] = [];
  const declarations: ParsedAssignment[] = [];
  const problems: ParseProblem[] = [];

  // labelled fields: 牵头单位：X，配合单位：Y — each label gives its list a default role
  const fields: { role: Role | null; text: string; at: number }[] = [];
  const marks = [...body.matchAll(FIELD_LABEL)];
  const fieldPhrase = new Map<number, string>();
  if (marks.length === 0) {
    if (phrase) fieldPhrase.set(0, phrase);
    fields.push({ role, text: body, at: 0 });
  }
  marks.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < marks.length ? marks[i + 1].index! : body.length;
    const role = FIELD_ROLE.get(m[1]);
    // 牵头领导：谢瑞武 names a person, not a unit
    if (role === 'PERSON') return;
    if (role === 'OTHER') fieldPhrase.set(fields.length, m[1]);
    fields.push({ role: role ?? null, text: body.slice(from, to), at: from });
  });

  for (const [index, field] of fields.entries()) {
    let sentenceAt = field.at;
    for (const sentence of field.text.split(/(?<=。)/)) {
      const s = sentence.replace(/[。，,；;\s]+$/, '');
      const here = sentenceAt;
      sentenceAt += sentence.length;
      if (!s) continue;
      let own = s;
      for (const declaration of IMPLIED_DECLARATIONS) {
        const implied = declaration.re.exec(s);
        if (!implied) continue;
        // 生态环境部指导，以下均需各省级人民政府负责，不再列出: what precedes the declaration is a clause of its own
        const basisText = s.slice(implied.index);
        const basis: ParsedClause = { text: basisText, start: start + here + implied.index, end: start + here + implied.index + basisText.length, openEnded: false };
        const groups = declaration.role ? readGroups(implied[1], declaration.role, [], declaration.phrase) : readGroups(implied[1] + implied[2], field.role);
        for (const g of groups) {
          declarations.push({ ...g, clause, implicit: true, basis });
          if (declaration.here) assignments.push({ ...g, clause, implicit: false });
        }
        own = s.slice(0, implied.index).replace(/[，,；;\s]+$/, '');
        break;
      }
      if (!own) continue;
      const rejects: string[] = [];
      for (const g of readGroups(own, field.role, rejects, fieldPhrase.get(index))) {
        if (g.openEnded) clause.openEnded = true;
        assignments.push({ ...g, clause, implicit: false });
      }
      for (const r of rejects) {
        const at = text.indexOf(r);
        problems.push({ message: `not read as a unit: "${r}"`, text: r, start: start + Math.max(at, 0), end: start + Math.max(at, 0) + r.length });
      }
    }
  }
  if (assignments.length === 0 && declarations.length === 0) {
    problems.push({ message: 'no unit could be read from this clause', text, start, end: start + text.length });
  }
  return { clause, assignments, declarations, problems };
}

interface Group {
  role: Role;
  mention: string;
  name: string;
  openEnded: boolean;
  phrase?: string;
}

/**
 * Reads one sentence of a clause: comma-separated groups, each a list of units that may end
 * in a role word; a role word covers the groups before it that had none.
 */
export function readGroups(sentence: string, defaultRole: Role | null, rejects: string[] = [], defaultPhrase?: string): Group[] {
  // 财政部(列第一位者为牵头单位,下同): the convention in brackets is read by the parser, not here
  const withoutConvention = sentence.replace(/[（(][^（）()]*[）)]/g, (m) => (FIRST_IS_LEAD.test(m) ? '' : m));
  const segments = splitTop(withoutConvention, /[，,；;]/)
    .map((s) => s.trim().replace(/^由/, ''))
    // 排在第一位的部门为牵头部门，下同 declares a convention (read by the parser), names no unit
    .filter((s) => s && !FIRST_IS_LEAD.test(s) && !/^(下同|以下同|不再(一一)?列出)$/.test(s))
    // 财政部等和各省级人民政府负责: the open list ends at 等, a second group follows
    .flatMap((s) => splitTop(s.replace(/(等(?:国务院|国家|省|市|县|区)?(?:有关|相关|其他)?(?:部门|单位)?)(和|及|以及|与)/g, '$1\u0000'), /\u0000/));
  // 牵头 as a role word, not inside a name (各项目牵头单位); X会同Y names X the lead
  const hasLead = defaultRole === 'LEAD' || segments.some((s) => stripRole(s).role === 'LEAD' || togetherWith(stripRole(s).units));
  const out: Group[] = [];
  let pending: { mention: string; name: string; openEnded: boolean }[] = [];
  const collect = (list: string) => {
    const openEnded = OPEN_ENDED.test(list) && /等/.test(list);
    for (const u of splitUnits(openEnded ? list.replace(OPEN_ENDED, '') : list)) {
      if (looksLikeUnit(u.name)) pending.push({ ...u, openEnded });
      else rejects.push(u.mention);
    }
  };
  const flush = (role: Role, phrase?: string) => {
    for (const p of pending) out.push({ ...p, role, ...(phrase ? { phrase } : {}) });
    pending = [];
  };
  for (const segment of segments) {
    const { units, role, phrase } = stripRole(segment);
    const together = togetherWith(units);
    if (together) {
      // X会同Y负责: X leads; Y cooperates, or shares where the role word says so (按职责分工负责);
      // (由X牵头，会同Y等单位负责落实): the lead stood in the group before
      if (together.lead) {
        collect(together.lead);
        flush('LEAD');
      }
      collect(together.others);
      flush(role === 'SHARED' || role === 'COOPERATE' || role === 'OTHER' || role === 'SUPERVISE' ? role : 'COOPERATE', phrase);
      continue;
    }
    collect(units);
    if (role) {
      const resolved: Role = role === 'RESPONSIBLE_OR_SHARED' ? (hasLead ? 'SHARED' : 'RESPONSIBLE') : role;
      flush(resolved, phrase);
    }
  }
  if (pending.length) flush(defaultRole ?? (hasLead ? 'SHARED' : 'RESPONSIBLE'), defaultPhrase);
  return out;
}

function togetherWith(units: string): { lead: string; others: string } | null {
  const at = units.indexOf(TOGETHER_WITH);
  if (at < 0 || at + TOGETHER_WITH.length >= units.length) return null;
  return { lead: units.slice(0, at).trim(), others: units.slice(at + TOGETHER_WITH.length).trim() };
}

function stripRole(segment: string): { units: string; role: Role | 'RESPONSIBLE_OR_SHARED' | null; phrase?: string } {
  const s = segment.trim();
  // 结合实际落实 before 落实-ending role words; role words (督促落实, 配合落实 …) before a bare 落实
  const other = OTHER_ROLE_PHRASES.find((p) => s.endsWith(p));
  const roleWord = ROLE_WORDS.find(({ word }) => s.endsWith(word));
  if (other && (!roleWord || other.length > roleWord.word.length)) {
    return { units: s.slice(0, -other.length).replace(/(要|应|须|需)$/, ''), role: 'OTHER', phrase: other };
  }
  if (roleWord) return { units: s.slice(0, -roleWord.word.length).replace(/(共同|分别|要|应|须|需)$/, ''), role: roleWord.role };
  return { units: s, role: null };
}

/** the depth-0 pieces of a string split at a separator, brackets respected */
export function splitTop(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '（' || c === '(' || c === '《' || c === '“') depth++;
    if ((c === '）' || c === ')' || c === '》' || c === '”') && depth > 0) depth--;
    if (depth === 0 && sep.test(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const BARE_LEVEL = /^各?(?:有关)?(省|市|县|区|乡|镇|乡镇)(级)?$/;
const PREFIX = /^(各县[（(][^）)]*[）)]|各市|各县|各区|各级|各)/;
const LEVEL_PREFIX = /^(省|市|县|区)(?!委|政府|人民政府)/;
const GENERIC_BODY = /^(人民政府|政府|党委|党委政府|党委、政府|管委会|安委会|安委办)$/;
const NATIONAL = /^(国家|国务院|中央|中共中央|应急管理部|[^、]{1,8}部$)/;

/**
 * Splits a list of units written with 、 和 及: keeps 各市、县人民政府 and 省粮食和储备局 whole,
 * lends a prefix written once (省科技厅、工业和信息化厅; 各县（市、区）党委、人民政府).
 */
export function splitUnits(list: string): { mention: string; name: string }[] {
  const pieces = splitTop(list, /[、]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap(splitConjunction);
  // 各市、县人民政府: a bare level word belongs to the name that follows
  // 各县、市、区政府: bare level words belong, one after another, to the name that follows
  const byConjunction: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i];
    while (i + 1 < pieces.length && piece.split('、').every((p, k) => BARE_LEVEL.test(p) || (k > 0 && /^(县级市|县级|市|县|区|旗)$/.test(p)))) piece = `${piece}、${pieces[++i]}`;
    byConjunction.push(piece);
  }
  const out: { mention: string; name: string }[] = [];
  let prev = '';
  let prevMention = '';
  for (let mention of byConjunction) {
    let name = mention.replace(/^其他/, '').replace(/其他成员单位$/, '成员单位');
    if (GENERIC_BODY.test(name) && PREFIX.test(prev)) {
      name = PREFIX.exec(prev)![0] + name;
      // the unit is only named by the whole phrase: 各县（市、区）党委、人民政府
      mention = `${prevMention}、${mention}`;
      if (out.length && out[out.length - 1].mention === prevMention) out[out.length - 1].mention = mention;
    } else if (!startsWithPrefix(name) && LEVEL_PREFIX.test(prev) && /(厅|局|委|办)$/.test(name) && !NATIONAL.test(name)) {
      name = prev[0] + name;
    }
    // 党委政府: the party committee and the government, two bodies
    const both = /^(.*)党委、?政府$/.exec(name);
    if (both) {
      out.push({ mention, name: both[1] + '党委' }, { mention, name: both[1] + '人民政府' });
    } else {
      out.push({ mention, name });
    }
    prev = name;
    prevMention = mention;
  }
  return out;
}

/** a table cell that is nothing but units: 区科委, 市发改委、统计局 */
export function isUnitCell(text: string): boolean {
  // 财政部(列第一位者为牵头单位,下同): a convention in brackets does not make a cell prose
  const cell = text.replace(/[（(][^（）()]*[）)]/g, (m) => (FIRST_IS_LEAD.test(m) ? '' : m));
  if (!cell || cell.length > 60 || /[。；;：:，,]/.test(cell)) return false;
  const units = splitUnits(cell.replace(OPEN_ENDED, ''));
  return units.length > 0 && units.every((u) => looksLikeUnit(u.name) && (UNIT_SUFFIX.test(u.name) || nationalBody(u.name, true) !== null));
}

const NOT_A_NAME = /(以下|不再|列出|均需|需要|要求|按照|根据|进行|开展|加强|确保|做好|请求|致函)/;

/** a name that can stand for a unit: a known prefix or a body's suffix, and no verb in it */
export function looksLikeUnit(name: string): boolean {
  if (!name || NOT_A_NAME.test(name)) return false;
  const body = withoutAlternate(name);
  return UNIT_SUFFIX.test(body) || /^(各|省|市|县|国家|负有|国务院|中共|中央)/.test(body) || nationalBody(body, true) !== null;
}

/** 镇人民政府 of 镇人民政府(街道办事处): a body, without the one in brackets that stands for it elsewhere */
const withoutAlternate = (name: string) => name.replace(/[（(][^（()）]{2,12}[)）]$/, '');

function startsWithPrefix(name: string): boolean {
  return /^(各|省|市|县|区|镇|乡|街道|国家|国务院|中共|中央|全省|全市|负有|有关|相关)/.test(name) || /^[\u4e00-\u9fa5]{2,6}(省|市|县|区)/.test(name);
}

// 省安委办和各市、县人民政府 splits; 省粮食和储备局, 市规划和自然资源局 do not
function splitConjunction(piece: string): string[] {
  const m = /^(.+?)(和|及其他|及|与|以及)(.+)$/.exec(piece);
  if (!m) return [piece];
  const [, left, conj, right] = m;
  if (!UNIT_SUFFIX.test(left) || !(startsWithPrefix(right) || /^其他/.test(right) || conj === '及其他')) {
    // the first 和 may be inside a name: look further along
    const rest = splitConjunction(right);
    if (rest.length > 1) return [left + conj + rest[0], ...rest.slice(1)];
    return [piece];
  }
  return [left, ...splitConjunction(conj === '及其他' ? '其他' + right : right)];
}

export function dedupeAssignments(list: ParsedAssignment[]): ParsedAssignment[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = `${a.name}|${a.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Duties stated in running text rather than in a clause: a sentence whose subject is a list of
 * units and whose verb is 要 / 应 / 必须 (002: 各级党委、政府要…), or that says who does it —
 * 由X牵头, 由X负责, 由X会同Y…, X负责…, X牵头… The sentence, or its part from the subject on, is the clause.
 */
export function findStatedDuties(paragraph: string, offset: number): FoundClause[] {
  const found: FoundClause[] = [];
  let at = 0;
  for (const sentence of paragraph.split(/(?<=[。；;！])/)) {
    const sentenceStart = at;
    at += sentence.length;
    // the subject may open the sentence or one of its comma-separated parts
    const starts = [0, ...[...sentence.matchAll(/[，,]/g)].map((m) => m.index! + 1)];
    // the first subject's clause runs to the sentence's end; later ones (由…负责，Y牵头，Z配合) are their own part
    let first = true;
    let subject: (Group & { openEnded: boolean })[] | null = null;
    starts.forEach((from, k) => {
      const part = sentence.slice(from);
      // X负责…，配合制定… / X负责…，会同Y制定…: a part with no subject of its own is X's, in that role
      const carried = subject && !statedSubject(part, false) ? CARRIED_ROLE.exec(part) : null;
      const groups = carried ? subject!.map((g) => ({ ...g, role: (carried[1] === '配合' || carried[1] === '协助' ? 'COOPERATE' : 'LEAD') as Role })) : statedSubject(part, first);
      if (!groups) return;
      if (!carried) subject = groups;
      const end = first ? sentence.length : (starts[k + 1] ?? sentence.length + 1) - 1;
      const text = sentence.slice(from, end).replace(/[。；;！，,]$/, '');
      const start = offset + sentenceStart + from;
      const clause: ParsedClause = { text, start, end: start + text.length, openEnded: groups.some((g) => g.openEnded) };
      found.push({ clause, assignments: groups.map((g) => ({ ...g, clause, implicit: false })), declarations: [], problems: [] });
      first = false;
    });
  }
  // X负责… beside 由Y牵头 in one item: X shares the work Y leads (X负责…，会同Z… leads and is responsible)
  const leads = new Set(found.flatMap((f) => f.assignments.filter((a) => a.role === 'LEAD').map((a) => a.name)));
  if (leads.size) {
    for (const f of found) for (const a of f.assignments) if (a.role === 'RESPONSIBLE' && !leads.has(a.name) && STATED_WHO.test(f.clause.text)) a.role = 'SHARED';
  }
  return found;
}

// 由区商贸旅游局牵头, 由发展改革委会同中央农办、农业部等部门研究…, 此项活动由X、Y共同组织实施
const STATED_BY = /^(?:此项(?:活动|工作|任务))?由([^，,。；;：:“”《》]{2,80}?)(牵头|负责|会同|共同|组织|主办|承办|进行|实施|办理)/;
// 长延堡街办负责协调…, 区城管执法局负责联系…, 省财政厅牵头制定…
// (村(居)民委员会依法协助…: how it does so stands between the unit and the role)
const STATED_WHO = /^([^，,。；;：:“”《》由]{2,60}?)(?:依法依规|依法|依规|积极|主动|及时|具体)?(牵头|负责|配合|协助|承办)(?=[\u4e00-\u9fa5“《]|[，,。；;]|$)/;
// 国办将加强跟踪督办, 市政府督查室要督促…: who follows the others up
const STATED_SUPERVISOR = /^([^，,。；;：:“”《》由]{2,20}?)(?:(?:将|要|负责|会同有关方面)[^，,。；;]{0,30}?)?(?:加强|定期|适时|全程)?(?:跟踪)?(?:督办|督查|督促)/;
// what a part with no subject of its own says its sentence's subject does besides
const CARRIED_ROLE = /^(配合|协助|牵头|会同)(?=[\u4e00-\u9fa5])/;
// the body a sentence opens with, and what it does: 在…设立, 将…列入, 以…为重点, 与…合作, 依法…
const STATED_ACTOR = /^([\u4e00-\u9fa5]{2,10}?)(?=在|将|以|与|依法|依规|会同|联合)/;
// 税务部门, 公安机关, 发展改革部门: the bodies of one line of work, at every level
// (鼓励行政管理部门…, 对经税务部门…: a verb or a preposition before it, and the body is no subject)
const SECTOR_BODY = /^(?!鼓励|支持|引导|推动|要求|督促|指导|对|经|向|为|把|被|从|按|由|在|将|与|同)(?:各级)?[\u4e00-\u9fa5]{2,8}(?:部门|机关)$/;
// 各责任单位要…: the units the document already named, not a unit of its own
const ROLE_NAMED = /^各?(责任|牵头|配合|协办|主办|相关责任)单位$/;

function statedSubject(part: string, first: boolean): (Group & { openEnded: boolean })[] | null {
  const by = STATED_BY.exec(part);
  if (by) {
    const lead = statedUnits(by[1], by[2] === '共同');
    if (!lead) return null;
    if (by[2] === '会同') {
      const rest = /^([^，,。；;：:“”《》]{2,80}?)(?:等(?:有关|相关)?(?:部门|单位)?)?(?=负责|研究|共同|制定|组织|提出|落实|牵头|[，,。；;]|$)/.exec(part.slice(by[0].length));
      const others = rest ? statedUnits(rest[1]) : null;
      const openEnded = rest ? rest[0].length > rest[1].length : false;
      return [...lead.map((u) => ({ ...u, role: 'LEAD' as Role, openEnded: false })), ...(others ?? []).map((u) => ({ ...u, role: 'COOPERATE' as Role, openEnded }))];
    }
    return lead.map((u) => ({ ...u, role: (by[2] === '牵头' ? 'LEAD' : 'RESPONSIBLE') as Role, openEnded: false }));
  }
  const duty = first ? STATED_DUTY.exec(part) : null;
  if (duty) {
    const units = splitUnits(duty[1].replace(/^(同时|并|还|另外)/, ''));
    if (units.length && units.every((u) => UNIT_PREFIX.test(u.name) && UNIT_SUFFIX.test(withoutAlternate(u.name)) && !NOT_A_UNIT.test(u.name) && !ROLE_NAMED.test(u.name))) {
      // 市人力资源社会保障部门应牵头会同相关部门…: it leads
      const role: Role = part.startsWith('牵头', duty[0].length) ? 'LEAD' : 'RESPONSIBLE';
      return units.map((u) => ({ ...u, role, openEnded: false }));
    }
  }
  const supervisor = STATED_SUPERVISOR.exec(part);
  if (supervisor) {
    const units = statedUnits(supervisor[1]);
    if (units && units.every((u) => nationalBody(u.name, true) !== null || (/^(省|市|县|区|国务院|国家)/.test(u.name) && /(厅|局|委|办|室|部|政府|署)$/.test(u.name)))) {
      return units.map((u) => ({ ...u, role: 'SUPERVISE' as Role, openEnded: false }));
    }
  }
  const who = STATED_WHO.exec(part);
  if (who) {
    const units = statedUnits(who[1]);
    const role: Role = who[2] === '牵头' ? 'LEAD' : who[2] === '负责' || who[2] === '承办' ? 'RESPONSIBLE' : 'COOPERATE';
    if (units && units.every((u) => UNIT_SUFFIX.test(withoutAlternate(u.name)) && !NOT_A_UNIT.test(u.name))) return units.map((u) => ({ ...u, role, openEnded: false }));
  }
  // 税务总局以…研究制定…, 税务部门将其列入…: a sentence that opens with a body doing something
  const actor = first ? STATED_ACTOR.exec(part) : null;
  if (actor && (nationalBody(actor[1], true) !== null || SECTOR_BODY.test(actor[1])) && !NOT_A_UNIT.test(actor[1])) {
    return [{ mention: actor[1], name: actor[1], role: 'RESPONSIBLE' as Role, openEnded: false }];
  }
  return null;
}

/** the units of a stated subject, or null when any part of it is no unit (a person, a verb) */
function statedUnits(list: string, among = false): { mention: string; name: string }[] | null {
  const units = splitUnits(list.replace(OPEN_ENDED, ''));
  const good = units.filter((u) => looksLikeUnit(u.name) && !NOT_A_UNIT.test(u.name) && !/同志$/.test(u.name));
  if (!good.length || good.length < units.length - 1) return null;
  // 由区商贸旅游局、长延堡街办、华东服装城共同组织实施: a doer listed among units is one, whatever its name
  return among ? units.filter((u) => good.includes(u) || (/^[\u4e00-\u9fa5]{2,12}$/.test(u.name) && !NOT_A_NAME.test(u.name) && !/同志$/.test(u.name))) : good;
}
