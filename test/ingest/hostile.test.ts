import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse.js';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { documentPath, loadManifest } from '../../eval/score.js';

// No input crashes the parser or the resolver: what cannot be read is reported, never thrown.
const divisions = new DivisionIndex();
const resolver = new UnitResolver(divisions);

function readAll(text: string) {
  const doc = parseDocument(text, divisions);
  const where = divisions.byCode.get(doc.meta.jurisdiction ?? '000000')!;
  for (const t of doc.tasks) for (const a of t.assignments) resolver.resolve(a.name, where, a.mention);
  return doc;
}

describe('inputs built to break the parser', () => {
  it('a 900,000-character line holding a list of 130,000 names', () => {
    const text = `山西省人民政府关于做好安全生产工作的通知\n一、${'加强'.repeat(70_000)}（${Array.from({ length: 130_000 }, () => '省应急厅').join('、')}负责）`;
    const doc = readAll(text);
    expect(doc.tasks[0].assignments.map((a) => a.name)).toEqual(['省应急厅']);
  });

  it('500 items run together on one line are 500 tasks', () => {
    const text = `山西省人民政府关于做好安全生产工作的通知\n一、总体要求${Array.from({ length: 500 }, (_, i) => `${i + 1}.落实责任。（省应急厅负责）`).join('')}`;
    expect(readAll(text).tasks.filter((t) => t.depth === 1)).toHaveLength(500);
  });

  it('documents of the evaluation set with markers and brackets scattered through them', () => {
    const markers = ['（', '）', '〔', '】', '、', '，', '牵头', '负责', '会同', '等和', '以下均需', '排在第一位的部门为牵头部门', '责任单位：', '序号', '\n', '1.', '一、', '（二）', '各区、县级市', '市', '省', '国务院', '2023年3月1日'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (const entry of loadManifest().filter((e) => e.split === 'tune')) {
      const text = readFileSync(documentPath(entry), 'utf8');
      for (let round = 0; round < 20; round++) {
        let mutated = text;
        for (let k = 0; k < 15; k++) {
          const at = random(mutated.length + 1);
          mutated = mutated.slice(0, at) + markers[random(markers.length)] + mutated.slice(at + random(3));
        }
        expect(() => readAll(mutated), `${entry.id}, round ${round}`).not.toThrow();
      }
    }
  });
});
