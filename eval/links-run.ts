// npm run eval:links -- [--min-score S] [--details]: the seed corpus built afresh, its links
// scored against both keys (key A tuned on, key B held out), as the table docs/LINKS.md prints.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createOrm } from '../src/orm.js';
import { seedDatabase } from '../src/ingest/seed.js';
import { SHOWN_LINK_SCORE } from '../src/modules/link/link.service.js';
import { loadLinkKey, scoreLinks } from './links.js';

const { values } = parseArgs({ options: { 'min-score': { type: 'string' }, details: { type: 'boolean' } } });
const minScore = values['min-score'] === undefined ? SHOWN_LINK_SCORE : Number(values['min-score']);
const dir = mkdtempSync(join(tmpdir(), 'dutygraph-links-'));
const orm = await createOrm({ dbPath: join(dir, 'seed.sqlite') });
try {
  await seedDatabase(orm);
  for (const [name, path] of [['A (tuned on)', 'test/fixtures/links/key-a.json'], ['B (held out)', 'test/fixtures/links/key-b.json']]) {
    if (!existsSync(path)) continue;
    const s = await scoreLinks(orm, loadLinkKey(path), minScore);
    console.log(`\n### key ${name}, links shown at score ≥ ${minScore}\n`);
    console.log(`strong-pair recall **${s.strong.recall}** (${s.strong.found}/${s.strong.total}), all-pair recall **${s.all.recall}** (${s.all.found}/${s.all.total}), precision **${s.precision}** (${s.correct}/${s.shown}), relation and direction as the key's in ${s.relationAgreement} of pairs found, must-not-link pairs shown: ${s.mustNotLinkShown.length}; links between documents the key does not judge: ${s.unjudged}${s.unresolved.length ? `, quotes not found: ${s.unresolved.length}` : ''}\n`);
    console.log('| documents | pairs in key | found | links shown | links right |\n| --- | --- | --- | --- | --- |');
    for (const r of s.byDocuments) console.log(`| ${r.documents} | ${r.pairs} | ${r.found} | ${r.shown} | ${r.correct} |`);
    if (values.details) {
      console.log('\nmissed:\n' + s.missed.join('\n') + '\n\nwrong:\n' + s.wrong.join('\n') + '\n\nmust not link, shown:\n' + s.mustNotLinkShown.join('\n') + '\n\nunresolved:\n' + s.unresolved.join('\n'));
    }
  }
} finally {
  await orm.close(true);
  rmSync(dir, { recursive: true, force: true });
}
