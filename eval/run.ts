// npm run eval [-- --split tune|heldout] [--variant original|one-line|gb18030|blank-lines|pdf|docx|html|all|forms] [--json FILE] [ID…]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type DocumentResult, evaluateSet } from './evaluate.js';
import { join } from 'node:path';
import { EVAL_DIR, totals } from './score.js';
import { VARIANTS, type Variant } from './variants.js';
import { type Form, FORMS } from './forms.js';

const HELP = `Usage: npm run eval -- [--reserved] [--split tune|heldout] [--variant NAME|all] [--json FILE] [--details] [ID…]

Ingests every document of eval/ (or the IDs given) into a fresh SQLite database the way a user
would — asking for --jurisdiction only when the tool refuses — and scores the (task, unit, role)
triples written against each document's answer key: precision, recall and F1 per document, per
split (tune / heldout), per format and per level.

  --reserved     the reserved blind set (eval/reserved/), kept for a later, clean measurement
  --split S      only the tune or the heldout part
  --variant V    original (default), one-line, gb18030, blank-lines, or all of them; pdf, docx or
                 html: the text made into that form by LibreOffice (soffice), or forms: all three
  --details      list each document's missing and extra triples
  --json FILE    also write the results as JSON
`;

const { values, positionals } = parseArgs({
  options: { reserved: { type: 'boolean' }, split: { type: 'string' }, variant: { type: 'string' }, json: { type: 'string' }, details: { type: 'boolean' }, help: { type: 'boolean' } },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (values.split && values.split !== 'tune' && values.split !== 'heldout') fail(`--split must be tune or heldout, not "${values.split}"`);
const KNOWN: (Variant | Form)[] = [...VARIANTS, ...FORMS];
const variants: (Variant | Form)[] = values.variant === 'all' ? [...VARIANTS] : values.variant === 'forms' ? [...FORMS] : [(values.variant ?? 'original') as Variant];
for (const v of variants) if (!KNOWN.includes(v)) fail(`--variant must be one of ${KNOWN.join(', ')}, all or forms, not "${v}"`);

const all: DocumentResult[] = [];
for (const variant of variants) {
  const results = await evaluateSet({ dir: values.reserved ? join(EVAL_DIR, 'reserved') : undefined, split: values.split as 'tune' | 'heldout' | undefined, ids: positionals, variant });
  if (!results.length) fail('no document of the set matches');
  all.push(...results);
  print(variant, results);
}
if (values.json) writeFileSync(values.json, JSON.stringify(all.map(({ entry, variant, outcome, placedAt, evidence, message, score }) => ({ id: entry.id, split: entry.split, variant, outcome, placedAt, evidence, message, score })), null, 2));
if (all.some((r) => r.outcome === 'CRASHED')) process.exitCode = 1;

function print(variant: Variant | Form, results: DocumentResult[]): void {
  const pct = (x: number) => (x * 100).toFixed(1);
  const out: string[] = [`## Variant: ${variant}`, '', '| document | split | level | formats | placed | tasks found | triples (key / extracted / found) | P | R | F1 |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of results) {
    const t = totals([r.score]);
    const placed = r.outcome === 'PLACED' ? `${r.placedAt}` : r.outcome === 'ASKED' ? 'asked' : r.outcome === 'WRONG_PLACE' ? `WRONG ${r.placedAt}` : r.outcome;
    out.push(`| ${r.entry.id} | ${r.entry.split} | ${r.entry.level} | ${r.entry.formats.join(', ')} | ${placed} | ${r.score.tasksFound}/${r.score.tasksExpected} | ${t.expected} / ${t.extracted} / ${t.matched} | ${pct(t.precision)} | ${pct(t.recall)} | ${pct(t.f1)} |`);
  }
  out.push('', '| part | documents | ingested | asked for --jurisdiction | wrong place | failed or crashed | tasks found | P | R | F1 |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const group = (name: string, rs: DocumentResult[]) => {
    if (!rs.length) return;
    const t = totals(rs.map((r) => r.score));
    const count = (o: DocumentResult['outcome'][]) => rs.filter((r) => o.includes(r.outcome)).length;
    const tasks = `${rs.reduce((n, r) => n + r.score.tasksFound, 0)}/${rs.reduce((n, r) => n + r.score.tasksExpected, 0)}`;
    out.push(`| ${name} | ${rs.length} | ${count(['PLACED', 'ASKED', 'WRONG_PLACE'])} | ${count(['ASKED'])} | ${count(['WRONG_PLACE'])} | ${count(['FAILED', 'CRASHED'])} | ${tasks} | ${pct(t.precision)} | ${pct(t.recall)} | ${pct(t.f1)} |`);
  };
  group('**tune**', results.filter((r) => r.entry.split === 'tune'));
  group('**held out**', results.filter((r) => r.entry.split === 'heldout'));
  group('held out, blind', results.filter((r) => r.entry.blind));
  group('**all**', results);
  for (const level of ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY']) group(`level ${level}`, results.filter((r) => r.entry.level === level));
  for (const f of [...new Set(results.flatMap((r) => r.entry.formats))].sort()) group(`format ${f}`, results.filter((r) => r.entry.formats.includes(f)));
  if (values.details) {
    for (const r of results) {
      out.push('', `### ${r.entry.id} (${r.entry.split}) — ${r.outcome}${r.evidence ? `, placed by ${r.evidence}` : ''}`);
      if (r.message) out.push('', '```', r.message, '```');
      for (const m of r.score.missing) out.push(`- missing: ${m}`);
      for (const m of r.score.extra) out.push(`- extra: ${m}`);
      for (const m of r.score.tasksMissing) out.push(`- task not found: ${m}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n\n');
}

function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(2);
}
