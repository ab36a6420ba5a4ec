// How alike two work items are: the words of each (jieba's segmentation, with the field's own
// words added), TF-IDF weighted over the population compared, the title counted twice and also
// compared on its own, and the topics the titles name (sectors, hazards, programmes). Clauses
// and 责任单位 lines are taken out so that shared unit names do not make tasks alike, and the
// political boilerplate every item opens with does not count; the units count instead through
// their sectors, so that counterparts at two levels (省住建厅, 市住建局) draw their tasks together.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { BOILERPLATE, FIELD_WORDS, topicsOf } from './vocabulary.js';

export interface TaskText {
  id: number;
  title: string;
  text: string;
}

export type Vector = Map<string, number>;

const CLAUSE = /[（(][^（()）]*(?:牵头|负责|配合|协助|督促|落实)[^（()）]*[)）]/g;
const RESPONSIBILITY_LINE = /(责任单位|牵头单位|配合单位)[:：][^\n]*/g;
const NOT_TEXT = /[^\u4e00-\u9fa5a-zA-Z0-9]/;
const HAN = /[\u4e00-\u9fa5]/;

let segmenter: Jieba | null = null;
function jieba(): Jieba {
  if (!segmenter) {
    segmenter = Jieba.withDict(dict);
    segmenter.loadDict(Buffer.from(FIELD_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return segmenter;
}

/** the words of the task itself, without its assignment clauses */
export function substance(s: string): string {
  return s.replace(CLAUSE, ' ').replace(RESPONSIBILITY_LINE, ' ');
}

export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    if (!NOT_TEXT.test(g[0]) && !NOT_TEXT.test(g[1])) out.push(g);
  }
  return out;
}

/** a word that can make two items alike: Chinese, of two characters or more, not boilerplate */
const counts = (w: string) => w.length >= 2 && HAN.test(w) && !BOILERPLATE.has(w);

/** what a task is compared by: the words of its title (twice) and its text, and of its title alone, and the topics its title names */
export interface TaskTerms {
  all: string[];
  title: string[];
  topics: Set<string>;
  textTopics: Set<string>;
}

export function taskTerms(t: TaskText): TaskTerms {
  // one cut for both (a cut is a call into the segmenter): the title's words are those of its length
  const head = substance(t.title);
  const body = substance(t.text);
  const title: string[] = [];
  const text: string[] = [];
  let at = 0;
  for (const w of jieba().cut(`${head}\n${body}`, false)) {
    if (counts(w)) (at < head.length ? title : text).push(w);
    at += w.length;
  }
  return { all: [...title, ...title, ...text], title, topics: topicsOf(t.title), textTopics: topicsOf(`${t.title}\n${body}`) };
}

/** the document frequency of each word over a population of tasks, added to as the population is read */
export function countFrequencies(terms: string[], df: Map<string, number>): void {
  for (const x of new Set(terms)) df.set(x, (df.get(x) ?? 0) + 1);
}

/** the TF-IDF vector of one task's words in a population of n tasks with frequencies df, of unit length */
export function weigh(terms: string[], df: Map<string, number>, n: number): Vector {
  const tf = new Map<string, number>();
  for (const x of terms) tf.set(x, (tf.get(x) ?? 0) + 1);
  const v: Vector = new Map();
  let norm = 0;
  for (const [x, f] of tf) {
    const w = (1 + Math.log(f)) * Math.log(1 + n / (df.get(x) ?? 1));
    v.set(x, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [x, w] of v) v.set(x, w / norm);
  return v;
}

/** a task ready to be scored against others */
export interface Weighed {
  all: Vector;
  title: Vector;
  topics: Set<string>;
  textTopics: Set<string>;
  /** the sectors of the departments that carry it (住房城乡建设 for 省住建厅 and for 市住建局 alike) */
  sectors: ReadonlySet<string>;
}

export function weighTask(terms: TaskTerms, df: Map<string, number>, n: number, sectors: ReadonlySet<string> = NO_SECTORS): Weighed {
  let title: Vector | undefined;
  return {
    sectors,
    all: weigh(terms.all, df, n),
    // most tasks compared are like no changed task: their titles are weighed only when one is
    get title() {
      return (title ??= weigh(terms.title, df, n));
    },
    topics: terms.topics,
    textTopics: terms.textTopics,
  };
}

const NO_SECTORS: ReadonlySet<string> = new Set();

// the weights of the parts of the score, and what titles naming different topics cost
// (sectors: 0.05 was the best of 0–0.2 on key A; measured in docs/LINKS.md)
const SCORE_WEIGHTS = { text: 0.7, title: 0.3, titleGate: 0.3, topics: 0.15, sameTopic: 0.1, otherTopic: 0.3, sectors: 0.05 };

/** how alike two tasks are, 0–1: their words, their titles' words, and the topics their titles name */
export function similarity(a: Weighed, b: Weighed): number {
  const text = cosine(a.all, b.all);
  // alike titles over unlike texts (强化基础保障, 强化基础履职保障) are not the same work
  const titleWeight = Math.min(1, text / SCORE_WEIGHTS.titleGate);
  let score = SCORE_WEIGHTS.text * text + SCORE_WEIGHTS.title * titleWeight * cosine(a.title, b.title) + SCORE_WEIGHTS.topics * jaccard(a.textTopics, b.textTopics);
  if (a.topics.size && b.topics.size) {
    let shared = false;
    for (const t of a.topics) if (b.topics.has(t)) shared = true;
    score += shared ? SCORE_WEIGHTS.sameTopic : -SCORE_WEIGHTS.otherTopic;
  }
  // counterpart departments at two levels (省住建厅 leads one, 市住建局 the other) do the same work
  if (a.sectors.size && b.sectors.size) {
    let shared = 0;
    for (const x of a.sectors) if (b.sectors.has(x)) shared++;
    score += (SCORE_WEIGHTS.sectors * shared) / Math.min(a.sectors.size, b.sectors.size);
  }
  return Math.max(0, Math.min(1, score));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared ? shared / (a.size + b.size - shared) : 0;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [x, w] of small) {
    const o = large.get(x);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

function sentences(t: TaskText): string[] {
  const out = t.text
    .split(/(?<=[。；！？\n])/)
    .map((x) => x.trim())
    .filter((x) => bigrams(substance(x)).length >= 4);
  return out.length ? out : [t.title];
}

/** the sentences of tasks with their bigrams, by task id: a task met in many pairs is split once */
export type SentenceCache = Map<number, { text: string; grams: Set<string> }[]>;

function sentenceGrams(t: TaskText, cache?: SentenceCache): { text: string; grams: Set<string> }[] {
  let out = cache?.get(t.id);
  if (!out) {
    out = sentences(t).map((text) => ({ text, grams: new Set(bigrams(substance(text))) }));
    cache?.set(t.id, out);
  }
  return out;
}

/** the pair of sentences, one of each task, that share the most: the evidence of a link */
export function bestSentences(a: TaskText, b: TaskText, cache?: SentenceCache): [string, string] {
  let best: [string, string] = [a.title, b.title];
  let bestScore = -1;
  const ys = sentenceGrams(b, cache);
  for (const x of sentenceGrams(a, cache)) {
    for (const y of ys) {
      let common = 0;
      for (const g of y.grams) if (x.grams.has(g)) common++;
      const score = common / Math.sqrt(x.grams.size * y.grams.size || 1);
      if (score > bestScore) {
        bestScore = score;
        best = [x.text, y.text];
      }
    }
  }
  return best;
}
