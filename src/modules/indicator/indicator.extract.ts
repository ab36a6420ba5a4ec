import type { ParsedDocument } from '../../ingest/types.js';
import { type Sentence, sentencesIn, taskAt, taskSentences } from '../progress/sentences.js';

// Pure: quantified targets (指标) of plans and the figures (observations) reports give, read from
// the cleaned text with the sentence that states each. No ORM, no file system.

export type IndicatorDirectionValue = 'DECREASE' | 'INCREASE' | 'AT_MOST' | 'AT_LEAST' | 'REACH';

export interface ParsedIndicator {
  /** index into parsed.tasks of the target or sub-goal that sets it */
  taskIndex: number;
  /** the measure 指标, as written without its scope: 生产安全事故死亡人数, 行政执法装备配备达标率 */
  metric: string;
  /** the metric normalised for matching observations (全省/各类/亡人 dropped) */
  metricKey: string;
  /** who or where the measure is taken over, when written before it: 市县两级应急管理部门 */
  scope: string | null;
  /** what the metric is counted in: 人, 起, %, ‰, 人/亿元 …; null when the text does not tell */
  unitOfMeasure: string | null;
  /** the reference a change is measured against: “十三五”期末 */
  baseline: string | null;
  direction: IndicatorDirectionValue;
  targetValue: number;
  /** %, ‰ or 个百分点; for an absolute value the metric's own unit (0.04 人/百万吨) */
  targetUnit: string | null;
  /** when the target is due: 2025年 or “十四五”期末 */
  deadline: string | null;
  deadlineYear: number | null;
  /** the units the task makes answerable (牵头 / 负责), as written, to resolve */
  owners: { name: string; mention: string; role: 'LEAD' | 'RESPONSIBLE' }[];
  evidence: Sentence;
}

export interface ParsedObservation {
  /** the task whose own lines hold the sentence, or null (a results paragraph before the first item) */
  taskIndex: number | null;
  metric: string;
  metricKey: string;
  /** the figure stated: a level (426), or, where only the change is given, the change itself, signed (−12.04) */
  value: number;
  unit: string | null;
  /** the change as stated, without 分别: 同比下降12.04%, 同比减少87起、下降16.96% */
  change: string | null;
  /** the period the figure is for: 2025, 2022年1-11月 */
  period: string | null;
  evidence: Sentence;
}

const REPORTING_KINDS = new Set(['PROGRESS_REPORT', 'NEWS']);

// ---------------------------------------------------------------- targets

const VERBS = '下降|降低|减少|提高到|提升到|提高|提升|增长|增加|达到|超过|不低于|不少于|不高于|不超过|控制在|低于|高于|小于|大于';
const TARGET_CLAUSE = new RegExp(
  `^(?<subject>.*?)(?:较(?<baseline>.+?))?(?<verb>${VERBS})?(?<cmp>[<>≤≥＜＞]=?)?(?<value>\\d+(?:\\.\\d+)?)(?<unit>%|‰|个百分点)?(?<tail>以内|以下|以上)?[。！]?$`,
);
const DIRECTION_OF_VERB: Record<string, IndicatorDirectionValue> = {
  下降: 'DECREASE',
  降低: 'DECREASE',
  减少: 'DECREASE',
  提高: 'INCREASE',
  提升: 'INCREASE',
  增长: 'INCREASE',
  增加: 'INCREASE',
  提高到: 'REACH',
  提升到: 'REACH',
  达到: 'REACH',
  超过: 'AT_LEAST',
  不低于: 'AT_LEAST',
  不少于: 'AT_LEAST',
  高于: 'AT_LEAST',
  大于: 'AT_LEAST',
  不高于: 'AT_MOST',
  不超过: 'AT_MOST',
  控制在: 'AT_MOST',
  低于: 'AT_MOST',
  小于: 'AT_MOST',
};
// 市县两级应急管理部门…: the bodies a rate is measured over, written before the measure
const SCOPE = /^((?:[省市县区乡镇、]{1,6}[两三四五]级|各级|全[省市县区])[^，。]*?(?:部门|机构|单位|企业))(.{2,})$/;
const PLAN_END: Record<string, number> = { 十一五: 2010, 十二五: 2015, 十三五: 2020, 十四五: 2025, 十五五: 2030 };
const DEADLINE_IN = /(?:到|至)(\d{4})年底?|(\d{4})年底?前|“?(十[一二三四五]五)”?(?:期末|末)/;

/**
 * The indicators a plan sets: every quantified clause of its targets (目标指标) and sub-goals
 * (分项目标) — 下降15%, 达到80%, <0.04 — with its metric, baseline, direction, value, deadline and
 * the units its task makes answerable. Reports and news are not read: their figures are results.
 */
export function extractIndicators(parsed: ParsedDocument): ParsedIndicator[] {
  if (REPORTING_KINDS.has(parsed.meta.kind)) return [];
  const out: ParsedIndicator[] = [];
  parsed.tasks.forEach((t, i) => {
    if (t.kind !== 'TARGET' && t.kind !== 'SUB_GOAL' && !t.target) return;
    const owners = ownersOf(t.assignments);
    for (const s of taskSentences(parsed, i)) {
      for (const clause of s.text.split(/[，,；;]/)) {
        const target = readTarget(clause.replace(/\s+/g, ''));
        if (!target) continue;
        const deadline = deadlineOf(s.text.replace(target.baseline ?? '\u0000', ''), t.deadline, parsed.meta.title);
        out.push({ taskIndex: i, ...target, ...deadline, owners, evidence: s });
      }
    }
  });
  return out;
}

function readTarget(clause: string) {
  const m = TARGET_CLAUSE.exec(clause);
  if (!m?.groups || (!m.groups.verb && !m.groups.cmp)) return null;
  const { subject, baseline, verb, cmp, value, unit, tail } = m.groups;
  if (!subject || /\d/.test(subject)) return null;
  let direction: IndicatorDirectionValue = cmp ? (/[<≤＜]/.test(cmp) ? 'AT_MOST' : 'AT_LEAST') : DIRECTION_OF_VERB[verb];
  // 达到90%以上 is a floor, 控制在5%以内 a ceiling
  if (tail === '以上' && (direction === 'REACH' || direction === 'AT_MOST')) direction = 'AT_LEAST';
  if ((tail === '以内' || tail === '以下') && direction === 'REACH') direction = 'AT_MOST';
  const scoped = SCOPE.exec(subject);
  const metric = scoped ? scoped[2] : subject;
  const unitOfMeasure = unitOfMeasureOf(metric, unit);
  return {
    metric,
    metricKey: metricKey(metric),
    scope: scoped ? scoped[1] : null,
    unitOfMeasure,
    baseline: baseline ?? null,
    direction,
    targetValue: Number(value),
    targetUnit: unit ?? unitOfMeasure,
  };
}

function unitOfMeasureOf(metric: string, unit: string | undefined): string | null {
  if (/亿元(地区)?生产总值.*死亡率$/.test(metric)) return '人/亿元';
  if (/十万人.*死亡率$/.test(metric)) return '人/十万人';
  if (/百万吨死亡率$/.test(metric)) return '人/百万吨';
  if (/(率|占比|比例|比重)$/.test(metric)) return unit === '‰' ? '‰' : '%';
  if (/(人数|人口)$/.test(metric)) return '人';
  if (/起数$/.test(metric)) return '起';
  if (/次数$/.test(metric)) return '次';
  return null;
}

/**
 * The sentence's own deadline, else the task's, else the end of the five-year plan the document
 * implements (a 十四五 plan's targets are due at “十四五”期末 = 2025).
 */
function deadlineOf(sentence: string, taskDeadline: string | undefined, title: string): { deadline: string | null; deadlineYear: number | null } {
  const m = DEADLINE_IN.exec(sentence);
  if (m) return { deadline: m[0], deadlineYear: m[1] || m[2] ? Number(m[1] || m[2]) : PLAN_END[m[3]] };
  if (taskDeadline) return { deadline: taskDeadline, deadlineYear: /\d{4}/.test(taskDeadline) ? Number(/\d{4}/.exec(taskDeadline)![0]) : null };
  const plan = /“?(十[一二三四五]五)”?/.exec(title);
  if (plan) return { deadline: `“${plan[1]}”期末`, deadlineYear: PLAN_END[plan[1]] };
  return { deadline: null, deadlineYear: null };
}

function ownersOf(assignments: ParsedDocument['tasks'][number]['assignments']): ParsedIndicator['owners'] {
  const owners: ParsedIndicator['owners'] = [];
  for (const a of assignments) {
    if (a.role !== 'LEAD' && a.role !== 'RESPONSIBLE') continue;
    if (owners.some((o) => o.name === a.name)) continue;
    owners.push({ name: a.name, mention: a.mention, role: a.role });
  }
  return owners;
}

/**
 * One name for one measure, whoever writes it: the scope words of a report (全省, 各类) go, and
 * deaths of 亡人事故 are deaths of 事故 (only fatal accidents have deaths).
 */
export function metricKey(metric: string): string {
  return metric
    .replace(/\s+/g, '')
    .replace(/^(全省|全市|全县|全区|全国)/, '')
    .replace(/^各类/, '')
    .replace(/^年均/, '')
    .replace(/亡人事故(?=死亡人数)/, '事故');
}

// ---------------------------------------------------------------- observations

const CHANGE = /(同比|较上年|比上年)(分别)?(下降|降低|减少|上升|增长|增加|提高)((?:\d+(?:\.\d+)?(?:%|‰|个百分点|起|人|次|处)?、?)+)/;
const FIGURE = /(\d+(?:\.\d+)?)(%|‰|个百分点|起|人|次|处)?/g;
const FALLING = /下降|降低|减少/;
// a measure written bare after a list's first item: 亡人事故起数、死亡人数 → 亡人事故死亡人数
const HEAD = /(起数|死亡人数|受伤人数|人数|次数|直接经济损失)$/;
const BARE = /^(起数|死亡人数|受伤人数|次数|直接经济损失)$/;
const LEVELS = /^共?发生(.+)$/;
const MONTHS = /^(?:(\d{4})年)?(\d{1,2}(?:-|—|～|至)\d{1,2}月|\d{1,2}月)份?$/;
const COUNT_NOUN: Record<string, string> = { 起: '起数', 人: '人数', 次: '次数', 处: '处数' };

interface Clause {
  text: string;
  start: number;
}

/**
 * The figures a document reports against earlier periods (同比 / 较上年): one observation per
 * measure, the measures of a 分别 list paired with its values in order, a list's subject carried
 * to its bare measures (亡人事故起数、死亡人数), a qualifier sentence (尤其是煤矿，同比分别…) read
 * against the measures of the sentence before, and levels with changes (共发生事故426起、死亡512人，
 * 同比分别减少87起、97人，分别下降16.96%、15.93%) read as levels.
 */
export function extractObservations(parsed: ParsedDocument): ParsedObservation[] {
  const { text } = parsed;
  const out: ParsedObservation[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const lineStart = at;
    at += line.length + 1;
    if (!CHANGE.test(line)) continue;
    // a period or a list of measures carries to the next sentences of its paragraph
    let period: string | null = null;
    let lastMetrics: string[] = [];
    for (const s of sentencesIn(text, lineStart, lineStart + line.length)) {
      const clauses = clausesOf(s);
      clauses.forEach((c, k) => {
        const m = CHANGE.exec(c.text);
        if (!m) return;
        const figures = [...m[4].matchAll(FIGURE)].map((f) => ({ raw: f[0], value: Number(f[1]), unit: f[2] ?? null }));
        const sign = FALLING.test(m[3]) ? -1 : 1;
        const pre = c.text.slice(0, m.index).trim();
        const found: Omit<ParsedObservation, 'taskIndex' | 'evidence' | 'metricKey'>[] = [];
        if (pre) {
          const year = /^(\d{4})年/.exec(pre);
          if (year) period = year[1];
          const metrics = metricsOf(pre.slice(year ? year[0].length : 0));
          if (metrics.length !== figures.length) return;
          lastMetrics = metrics;
          metrics.forEach((metric, j) =>
            found.push({ metric, value: sign * figures[j].value, unit: figures[j].unit, change: `${m[1]}${m[3]}${figures[j].raw}`, period }),
          );
        } else if (k > 0 && LEVELS.test(clauses[k - 1].text)) {
          const levels = [...LEVELS.exec(clauses[k - 1].text)![1].matchAll(/([^\d、]+?)(\d+(?:\.\d+)?)(起|人|次|处)/g)];
          if (levels.length !== figures.length) return;
          const earlier = clauses.slice(0, k - 1).map((x) => x.text);
          const subject = earlier.map((x) => /^(?:全省|全市|全县|全区)?(.*?事故)起数(?:和|、|及)死亡人数/.exec(x)?.[1]).find(Boolean);
          const months = earlier.map((x) => MONTHS.exec(x)).find(Boolean);
          const levelPeriod = months ? `${months[1] ?? parsed.meta.year ?? ''}${months[1] || parsed.meta.year ? '年' : ''}${months[2]}` : period;
          // 分别下降16.96%、15.93%: the relative change of the same measures, in the next clause
          const next = /^分别(下降|降低|减少|上升|增长|增加|提高)((?:\d+(?:\.\d+)?(?:%|‰)、?)+)$/.exec(clauses[k + 1]?.text ?? '');
          const relative = next ? [...next[2].matchAll(FIGURE)].map((f) => `、${next[1]}${f[0]}`) : [];
          levels.forEach(([, noun, value, unit], j) => {
            const metric = subject && noun === '事故' && unit === '起' ? `${subject}起数` : subject && noun === '死亡' ? `${subject}死亡人数` : noun + COUNT_NOUN[unit];
            found.push({ metric, value: Number(value), unit, change: `${m[1]}${m[3]}${figures[j].raw}${relative[j] ?? ''}`, period: levelPeriod });
          });
        } else if (k > 0) {
          const qualifier = clauses[k - 1].text.replace(/^(尤其是|特别是|其中)/, '');
          if (!qualifier || qualifier.length > 8 || /\d/.test(qualifier) || lastMetrics.length !== figures.length) return;
          lastMetrics.forEach((metric, j) =>
            found.push({ metric: qualifier + metric, value: sign * figures[j].value, unit: figures[j].unit, change: `${m[1]}${m[3]}${figures[j].raw}`, period }),
          );
        }
        const taskIndex = taskAt(parsed, s.start, s.end);
        for (const f of found) out.push({ taskIndex, ...f, metricKey: metricKey(f.metric), evidence: s });
      });
    }
  }
  return out;
}

function clausesOf(s: Sentence): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  for (let i = 0; i <= s.text.length; i++) {
    if (i === s.text.length || /[，,]/.test(s.text[i])) {
      out.push({ text: s.text.slice(from, i).replace(/[。！；;]$/, '').trim(), start: s.start + from });
      from = i + 1;
    }
  }
  return out;
}

/** 全省各类生产安全亡人事故起数、死亡人数 → 生产安全亡人事故起数, 生产安全亡人事故死亡人数 */
function metricsOf(list: string): string[] {
  const items = list
    .replace(/^(全省|全市|全县|全区|全国)/, '')
    .replace(/^各类/, '')
    .split(/、|和(?=[^、]*$)/)
    .map((x) => x.trim())
    .filter(Boolean);
  const subject = items.length ? items[0].replace(HEAD, '') : '';
  return items.map((item, j) => (j > 0 && BARE.test(item) && subject !== items[0] ? subject + item : item));
}
