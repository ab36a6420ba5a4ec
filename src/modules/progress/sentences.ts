import type { ParsedDocument } from '../../ingest/types.js';

// Pure helpers shared by the progress and indicator extractors: where a task's own words are,
// and the sentences in them, as spans of the cleaned text (the offsets clause spans use).

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/**
 * The lines of a task itself, not of its children: its label line and the paragraphs of its
 * body. Task spans cannot be used: a one-line item (1. …已经完成。) has an empty span, and a
 * parent's span covers its children.
 */
export function ownRanges(parsed: ParsedDocument, index: number): { start: number; end: number }[] {
  const { text } = parsed;
  const t = parsed.tasks[index];
  const lineEnd = (at: number) => (text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at));
  // the sentences start after the label (1. / （三） / 一是)
  let first = t.start + t.label.length;
  while (first < text.length && /[ \t\u3000]/.test(text[first])) first++;
  const ranges = [{ start: first, end: lineEnd(t.start) }];
  // the body's later paragraphs are whole lines, in order, between the label line and the end of the task
  let cursor = ranges[0].end;
  for (const paragraph of t.text.split('\n').slice(1)) {
    if (!paragraph) continue;
    const at = text.indexOf(paragraph, cursor);
    if (at < 0 || at > Math.max(t.end, cursor)) break;
    ranges.push({ start: at, end: at + paragraph.length });
    cursor = at + paragraph.length;
  }
  return ranges;
}

const SENTENCE_END = /[。！？；;!?]/;

/** the sentences of text[start, end), each ending with its 。/；/！/？ (or at the end), trimmed */
export function sentencesIn(text: string, start: number, end: number): Sentence[] {
  const out: Sentence[] = [];
  let from = start;
  // brackets may hold a 。 of their own; a sentence ends only outside them
  let depth = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i] : '';
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
    if (i === end || c === '\n' || (depth === 0 && SENTENCE_END.test(c))) {
      const stop = i === end || c === '\n' ? i : i + 1;
      const sentence = trimmed(text, from, stop);
      if (sentence) out.push(sentence);
      from = stop;
    }
  }
  return out;
}

function trimmed(text: string, start: number, end: number): Sentence | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

/** the own sentences of a task; a run-in title closed by a colon (能否按时完成：) is not one */
export function taskSentences(parsed: ParsedDocument, index: number): Sentence[] {
  const t = parsed.tasks[index];
  const ranges = ownRanges(parsed, index);
  const head = ranges[0];
  const rest = parsed.text.slice(head.start, head.end);
  if (t.title && rest.startsWith(t.title) && /^[：:]/.test(rest.slice(t.title.length))) head.start += t.title.length + 1;
  return ranges.flatMap((r) => sentencesIn(parsed.text, r.start, r.end));
}

/** the innermost task whose own lines hold the span, or null (a paragraph before the first item) */
export function taskAt(parsed: ParsedDocument, start: number, end: number): number | null {
  let found: number | null = null;
  parsed.tasks.forEach((_, i) => {
    if (ownRanges(parsed, i).some((r) => r.start <= start && end <= r.end)) found = i;
  });
  return found;
}
