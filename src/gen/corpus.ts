import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../ingest/parse.js';
import { SEEDS_DIR } from '../ingest/seed.js';
import { readdirSync } from 'node:fs';
import type { DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { substance } from '../modules/link/similarity.js';
import { WORK_KINDS } from '../modules/link/link.service.js';

/** the real phrases of the seed corpus that generated documents are built from */
export interface PhrasePools {
  /** headings of chapters (一、…) */
  chapters: string[];
  /** headings of sections (（一）… of a plan) */
  sections: string[];
  /** run-in titles of work items */
  titles: string[];
  /** sentences of work items, without their responsibility clauses */
  sentences: string[];
}

const CLAUSE_WORDS = /牵头|负责|配合|督促|责任单位|以下均需|不再一一列出|[（(][^）)]*$|^[^（(]*[）)]/;

/**
 * Parses seeds/*.txt with the real parser and keeps what reads like the body of a duty:
 * the same seeds give the same pools, so generation stays deterministic.
 */
export function phrasePools(divisions: DivisionIndex, dir = SEEDS_DIR): PhrasePools {
  const chapters = new Set<string>();
  const sections = new Set<string>();
  const titles = new Set<string>();
  const sentences = new Set<string>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  for (const f of files) {
    const parsed = parseDocument(readFileSync(join(dir, f), 'utf8'), divisions);
    if (parsed.meta.kind !== 'NOTICE' && parsed.meta.kind !== 'PLAN') continue;
    for (const t of parsed.tasks) {
      const title = tidy(t.title);
      if (t.kind === 'CHAPTER' && title.length >= 4 && title.length <= 30) chapters.add(title);
      else if (t.kind === 'SECTION' && title.length >= 4 && title.length <= 24) sections.add(title);
      else if (WORK_KINDS.includes(t.kind) && title.length >= 4 && title.length <= 24 && !CLAUSE_WORDS.test(title)) titles.add(title);
      if (!WORK_KINDS.includes(t.kind)) continue;
      for (const s of substance(t.text).split(/(?<=[。；])/)) {
        const x = tidy(s);
        if (x.length >= 12 && x.length <= 90 && !CLAUSE_WORDS.test(x) && !/\n/.test(x) && /[。；]$/.test(x)) sentences.add(x.replace(/；$/, '。'));
      }
    }
  }
  const pools = { chapters: [...chapters], sections: [...sections], titles: [...titles], sentences: [...sentences] };
  for (const [name, pool] of Object.entries(pools)) if (pool.length < 3) throw new Error(`the seed corpus in ${dir} gives too few ${name} to generate from`);
  return pools;
}

/** one phrase as it stands alone: no surrounding blanks, half-width brackets and commas made full-width */
function tidy(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/^[，。；、]+/, '');
}
