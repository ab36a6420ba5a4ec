import { describe, expect, it } from 'vitest';
import { evaluateSet } from '../../eval/evaluate.js';
import { type Key, normalizePath, scoreDocument, totals } from '../../eval/score.js';

const key: Key = {
  document: { level: 'CITY', jurisdiction: '440100' },
  tasks: [
    { path: '一/(一)', assignments: [{ role: 'LEAD', mention: '市商务局' }] },
    { path: '一/（二）', assignments: [{ role: 'COOPERATE', mention: '各区' }, { role: 'COOPERATE', mention: '县级市' }, { role: 'SHARED', mention: '市财政局', unit: '广州市财政局' }] },
  ],
};

describe('scoring extraction against a key', () => {
  it('labels are compared in one spelling: (一) and （一）, 1. and 1', () => {
    expect(normalizePath('一/(一)/1.')).toBe('一/（一）/1');
  });

  it('a unit is found by the words the document uses or by its full name; a wrong role is both missed and extra', () => {
    const s = scoreDocument(key, {
      jurisdiction: '440100',
      tasks: [
        { path: '一/（一）', assignments: [{ role: 'LEAD', mention: '市商务局', unit: '广州市商务局' }] },
        { path: '一/（二）', assignments: [{ role: 'COOPERATE', mention: '财政局', unit: '广州市财政局' }] },
      ],
    });
    expect(s).toMatchObject({ matched: 1, right: 1, extracted: 2, expected: 4, tasksFound: 2, tasksExpected: 2 });
    expect(s.missing).toEqual(['一/（二） COOPERATE 各区', '一/（二） COOPERATE 县级市', '一/（二） SHARED 市财政局']);
    expect(s.extra).toEqual(['一/（二） COOPERATE 财政局→广州市财政局']);
  });

  it('a collective kept whole (各区、县级市) answers a key that lists its parts, counted once for precision', () => {
    const s = scoreDocument(key, {
      jurisdiction: '440100',
      tasks: [{ path: '一/（二）', assignments: [{ role: 'COOPERATE', mention: '各区、县级市', unit: '广州市各区、县级市' }, { role: 'SHARED', mention: '市财政局', unit: '广州市财政局' }] }],
    });
    expect(s).toMatchObject({ matched: 3, right: 2, extracted: 2 });
    expect(totals([s])).toMatchObject({ precision: 1, recall: 0.75 });
  });
});

describe('npm run eval', () => {
  it('ingests every document of the tune part as a user would, with no crash and no wrong place, at F1 ≥ 0.95', async () => {
    const results = await evaluateSet({ split: 'tune' });
    expect(results.length).toBeGreaterThanOrEqual(13);
    expect(results.filter((r) => r.outcome === 'CRASHED' || r.outcome === 'FAILED' || r.outcome === 'WRONG_PLACE').map((r) => r.entry.id)).toEqual([]);
    expect(totals(results.map((r) => r.score)).f1).toBeGreaterThanOrEqual(0.95);
  });
});
