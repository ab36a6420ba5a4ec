// What the search index sees of a text: pure functions shared by the indexer, the SQL and the snippets.

// Chinese text writes this punctuation full-width; a half-width form typed in a query means the same
const TO_FULL: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };
// 文号 brackets are typed as [] ［］ 【】 as often as 〔〕; quotes as "" as often as “”
const SAME: Record<string, string> = {
  '[': '〔', ']': '〕', '【': '〔', '】': '〕',
  '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'",
  '｡': '。', '､': '、', '｢': '「', '｣': '」',
};
const DROPPED = /^[\s\u200b-\u200d\u2060\ufeff]$/u;

/** one character as the index sees it: '' for whitespace, one canonical form for its full- and half-width variants */
export function canonicalChar(ch: string): string {
  if (DROPPED.test(ch)) return '';
  const cp = ch.codePointAt(0)!;
  // full-width ASCII (ＡＢＣ１２３％．) → ASCII, then the punctuation Chinese writes full-width back to that form
  let c = cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  c = TO_FULL[c] ?? SAME[c] ?? c;
  // ASCII only: String#toLowerCase can change a character's length
  return c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
}

export interface Normalized {
  /** the canonical text */
  text: string;
  /** for each UTF-16 unit of `text`: where the character it came from starts in the original */
  from: number[];
  /** … and where it ends (exclusive) */
  to: number[];
}

/** the canonical text, with the way back to the original for snippets */
export function normalizeMapped(original: string): Normalized {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of original) {
    const c = canonicalChar(ch);
    for (let k = 0; k < c.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    text += c;
    i += ch.length;
  }
  return { text, from, to };
}

export function normalize(s: string): string {
  let out = '';
  for (const ch of s) out += canonicalChar(ch);
  return out;
}

/** length in characters (code points), as SQL length() counts them on SQLite and PostgreSQL alike */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** a query is at most this long, so a piece of text overlaps the next by one character less */
export const MAX_QUERY_CHARS = 100;
/** long texts (a document's body) are indexed in pieces this long: ranking reads the text of every row in a window, which a piece keeps short */
export const PIECE_CHARS = 2000;

/**
 * The pieces a canonical text is indexed as: itself when short, else overlapping slices, so that
 * every substring a query can be lies whole in one of them.
 */
export function pieces(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length <= PIECE_CHARS) return [text];
  const out: string[] = [];
  const step = PIECE_CHARS - (MAX_QUERY_CHARS - 1);
  for (let i = 0; i < chars.length; i += step) {
    out.push(chars.slice(i, i + PIECE_CHARS).join(''));
    if (i + PIECE_CHARS >= chars.length) break;
  }
  return out;
}

/**
 * The words the full-text engines index a canonical text by: at each character, that character
 * and the next (the last one alone). Chinese has no spaces to split at; with a bigram at every
 * position, a query of two characters is one word and of one character a word's prefix — exact
 * in the index alone — and a longer one is in every text holding it and in few others: the
 * texts holding all its bigrams, which search then tests for the substring itself.
 */
export function grams(text: string): string[] {
  const chars = Array.from(text);
  return chars.map((c, i) => c + (chars[i + 1] ?? ''));
}

/** the words of a canonical query: its bigrams, or the one character it is */
export function queryGrams(query: string): string[] {
  const chars = Array.from(query);
  return chars.length === 1 ? chars : [...new Set(grams(query).slice(0, -1))];
}

/** the FTS5 expression of a canonical query, for the search_grams table (every word quoted: punctuation is part of words there) */
export function ftsMatch(query: string): string {
  const words = queryGrams(query).map((w) => `"${w.replace(/"/g, '""')}"`);
  return Array.from(query).length === 1 ? `${words[0]}*` : `(${words.join(' AND ')})`;
}

// inside quotes, PostgreSQL's tsvector and tsquery input reads a backslash as an escape and '' as a quote
const pgWord = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** the PostgreSQL tsquery of a canonical query: the same words as ftsMatch, all of them (&) */
export function tsQuery(query: string): string {
  const words = queryGrams(query).map(pgWord);
  return Array.from(query).length === 1 ? `${words[0]}:*` : words.join(' & ');
}

/** the PostgreSQL tsvector of one piece: its distinct words, without positions (made here, not by a text-search parser) */
export function tsVector(piece: string): string {
  return [...new Set(grams(piece))].map(pgWord).join(' ');
}

/** non-overlapping occurrences, counted as SQL's replace() does */
export function occurrences(text: string, query: string): number {
  return query ? text.split(query).length - 1 : 0;
}

/** the rank weight of a field: headings (title, name, alias, number) above body text */
export const FIELD_TIER: Record<string, number> = { title: 2, name: 2, alias: 2, number: 2, text: 1 };
/** damps the density of very short fields, so that 煤矿 alone does not outrank 煤矿领域专项整治 by much */
export const LENGTH_DAMPING = 20;
export const DENSITY_SCALE = 1_000_000;

/** the integer rank of a field hit, the same formula as the SQL: tier, then occurrences per character */
export function rankKey(field: string, occ: number, length: number): number {
  return (FIELD_TIER[field] ?? 1) * DENSITY_SCALE + Math.floor((occ * DENSITY_SCALE) / (length + LENGTH_DAMPING));
}

const SNIPPET_CHARS = 80;
const SNIPPET_BEFORE = 20;

/**
 * A short excerpt of `original` around the first occurrence of the canonical `query`, every
 * occurrence in it wrapped in 【】; the text is the original (whitespace runs shown as one space,
 * its own 【】 shown as 〔〕 so that the marks stay unambiguous).
 */
export function snippet(original: string, query: string): string {
  const n = normalizeMapped(original);
  const first = query ? n.text.indexOf(query) : -1;
  const clean = (s: string) => s.replace(/\s+/g, ' ').replace(/【/g, '〔').replace(/】/g, '〕');
  if (first < 0) {
    // the index is older than the row: show its start, unmarked
    const chars = Array.from(original.trim());
    return clean(chars.slice(0, SNIPPET_CHARS).join('')) + (chars.length > SNIPPET_CHARS ? '…' : '');
  }
  let start = Math.max(0, first - SNIPPET_BEFORE);
  const end = Math.min(n.text.length, Math.max(start + SNIPPET_CHARS, first + query.length));
  start = Math.max(0, Math.min(start, end - SNIPPET_CHARS));
  let out = '';
  let at = n.from[start];
  for (let i = n.text.indexOf(query, start); i >= 0 && i + query.length <= end; i = n.text.indexOf(query, i + query.length)) {
    const a = n.from[i];
    const b = n.to[i + query.length - 1];
    out += clean(original.slice(at, a)) + '【' + clean(original.slice(a, b)) + '】';
    at = b;
  }
  out += clean(original.slice(at, n.to[end - 1]));
  return (start > 0 ? '…' : '') + out + (end < n.text.length ? '…' : '');
}
