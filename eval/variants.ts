// The same document as other copies of it arrive: run together on one line, in GB18030, with stray blank lines.
import iconv from 'iconv-lite';

export const VARIANTS = ['original', 'one-line', 'gb18030', 'blank-lines'] as const;
export type Variant = (typeof VARIANTS)[number];

/** the bytes of a document's variant */
export function variantBytes(text: string, variant: Variant, seed = 1): Buffer {
  switch (variant) {
    case 'original':
      return Buffer.from(text, 'utf8');
    case 'one-line':
      return Buffer.from(oneLine(text), 'utf8');
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'blank-lines':
      return Buffer.from(withBlankLines(text, seed), 'utf8');
  }
}

/**
 * A scraped page that lost every line break: paragraphs run into each other with nothing between.
 * Below a table's 序号 line the lines are cells, and text taken from a table keeps a space
 * between cells (the markup between <td>s), so there they are joined with one.
 */
export function oneLine(text: string): string {
  let out = '';
  let inTable = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    out += out && inTable ? ' ' + line : line;
    if (/^序\s*号\s*[|｜]?$/.test(line)) inTable = true;
  }
  return out;
}

/** one to three blank lines after about one line in three, chosen by a seeded generator */
function withBlankLines(text: string, seed: number): string {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: the same seed gives the same file
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return text
    .split('\n')
    .map((line) => (next() < 1 / 3 ? line + '\n'.repeat(1 + Math.floor(next() * 3)) : line))
    .join('\n');
}
