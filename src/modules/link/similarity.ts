// Text similarity between tasks: character bigrams (Chinese has no spaces), TF-IDF weighted,
// with clauses and 责任单位 lines taken out so that shared unit names do not make tasks alike.

export interface TaskText {
  id: number;
  title: string;
  text: string;
}

export type Vector = Map<string, number>;

const CLAUSE = /[（(][^（()）]*(?:牵头|负责|配合|协助|督促|落实)[^（()）]*[)）]/g;
const RESPONSIBILITY_LINE = /(责任单位|牵头单位|配合单位)[:：][^\n]*/g;
const NOT_TEXT = /[^\u4e00-\u9fa5a-zA-Z0-9]/;

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

/** the bigrams a task is compared by: its title counted twice, then its text without clauses */
export function taskGrams(t: TaskText): string[] {
  return [...bigrams(t.title), ...bigrams(t.title), ...bigrams(substance(t.text))];
}

/** the document frequency of each bigram over a population of tasks, added to as the population is read */
export function countFrequencies(grams: string[], df: Map<string, number>): void {
  for (const x of new Set(grams)) df.set(x, (df.get(x) ?? 0) + 1);
}

/** the TF-IDF vector of one task's bigrams in a population of n tasks with frequencies df, of unit length */
export function weigh(grams: string[], df: Map<string, number>, n: number): Vector {
  const tf = new Map<string, number>();
  for (const x of grams) tf.set(x, (tf.get(x) ?? 0) + 1);
  const v: Vector = new Map();
  let norm = 0;
  for (const [x, f] of tf) {
    const w = (1 + Math.log(f)) * Math.log(1 + n / df.get(x)!);
    v.set(x, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [x, w] of v) v.set(x, w / norm);
  return v;
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
