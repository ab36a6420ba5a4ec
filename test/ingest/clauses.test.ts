import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findClauses, readGroups, splitUnits } from '../../src/ingest/clauses.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

const roles = (clause: string) => findClauses(clause, 0).flatMap((c) => c.assignments.map((a) => `${a.role} ${a.name}`));

describe('reading responsibility clauses (excerpts of 003 and 004)', () => {
  it('a parenthetical with a lead: 负责 beside 牵头 is SHARED', () => {
    expect(roles('严禁违规加层加盖。（省住建厅牵头，省公安厅、省自然资源厅等部门分工负责）')).toEqual([
      'LEAD 省住建厅',
      'SHARED 省公安厅',
      'SHARED 省自然资源厅',
    ]);
  });

  it('负责 with no 牵头 is RESPONSIBLE, and 和 between two units splits them', () => {
    expect(roles('整体提升矿山安全生产水平。(省安委办和各市、县人民政府负责。以下均需市、县人民政府负责,不再一一列出)')).toEqual([
      'RESPONSIBLE 省安委办',
      'RESPONSIBLE 各市、县人民政府',
    ]);
  });

  it('以下均需…负责 is a declaration for later items, with its sentence as basis', () => {
    const [found] = findClauses('(省安委办和各市、县人民政府负责。以下均需市、县人民政府负责,不再一一列出)', 100);
    expect(found.declarations).toHaveLength(1);
    expect(found.declarations[0]).toMatchObject({ role: 'RESPONSIBLE', name: '市、县人民政府', implicit: true });
    expect(found.declarations[0].basis).toMatchObject({ text: '以下均需市、县人民政府负责,不再一一列出', start: 117 });
  });

  it('督促企业落实 and 督促落实 are SUPERVISE', () => {
    expect(roles('(负有安全监管职责的部门督促企业落实)')).toEqual(['SUPERVISE 负有安全监管职责的部门']);
    expect(roles('(省工信厅、省商务厅、省应急厅等部门督促落实)')).toEqual(['SUPERVISE 省工信厅', 'SUPERVISE 省商务厅', 'SUPERVISE 省应急厅']);
  });

  it('a role word covers every comma-separated group before it that had none', () => {
    expect(roles('责任单位:市应急局牵头,市消防救援支队,各县(市、区)人民政府按职责分工负责,市财政局配合。')).toEqual([
      'LEAD 市应急局',
      'SHARED 市消防救援支队',
      'SHARED 各县(市、区)人民政府',
      'COOPERATE 市财政局',
    ]);
  });

  it('units listed under 责任单位 with no role word are RESPONSIBLE', () => {
    expect(roles('责任单位：市应急局、市消防救援支队、市应急救援总指挥部成员单位，各县(市、区)人民政府。')).toEqual([
      'RESPONSIBLE 市应急局',
      'RESPONSIBLE 市消防救援支队',
      'RESPONSIBLE 市应急救援总指挥部成员单位',
      'RESPONSIBLE 各县(市、区)人民政府',
    ]);
  });

  it('co-leads, and an open list ending in 等', () => {
    const [found] = findClauses('责任单位:市应急局、市消防救援支队牵头,市财政局等按职责分工负责。', 0);
    expect(found.assignments.map((a) => `${a.role} ${a.name}`)).toEqual(['LEAD 市应急局', 'LEAD 市消防救援支队', 'SHARED 市财政局']);
    expect(found.clause.openEnded).toBe(true);
  });

  it('keeps 和 inside a name, and 各市、县 and 各县（市、区） whole', () => {
    expect(splitUnits('省粮食和储备局').map((u) => u.name)).toEqual(['省粮食和储备局']);
    expect(splitUnits('市规划和自然资源局、市水务局').map((u) => u.name)).toEqual(['市规划和自然资源局', '市水务局']);
    expect(splitUnits('各市、县人民政府').map((u) => u.name)).toEqual(['各市、县人民政府']);
    expect(splitUnits('各县(市、区)人民政府').map((u) => u.name)).toEqual(['各县(市、区)人民政府']);
  });

  it('lends a prefix written once to the rest of the list', () => {
    expect(splitUnits('省科技厅、工业和信息化厅').map((u) => u.name)).toEqual(['省科技厅', '省工业和信息化厅']);
    expect(splitUnits('各县(市、区)党委、人民政府')).toEqual([
      { mention: '各县(市、区)党委、人民政府', name: '各县(市、区)党委' },
      { mention: '各县(市、区)党委、人民政府', name: '各县(市、区)人民政府' },
    ]);
    expect(splitUnits('各县（市、区）党委政府').map((u) => u.name)).toEqual(['各县（市、区）党委', '各县（市、区）人民政府']);
  });

  it('及其他 separates a unit from the other members of a committee', () => {
    expect(splitUnits('市消防救援支队及其他市安委会成员单位').map((u) => u.name)).toEqual(['市消防救援支队', '市安委会成员单位']);
  });

  it('a phrase that is not a role is OTHER, with the phrase kept', () => {
    expect(readGroups('各县（市、区）结合实际落实', null)).toEqual([{ role: 'OTHER', mention: '各县（市、区）', name: '各县（市、区）', openEnded: false, phrase: '结合实际落实' }]);
  });

  it('parentheses that are not clauses are left alone', () => {
    expect(findClauses('各县(市、区)安委会,市安委会有关成员单位:', 0)).toEqual([]);
    expect(findClauses('认真贯彻落实《通知》（晋政办发〔2019〕53号），健全完善', 0)).toEqual([]);
  });
});

describe('assignments of a whole document', () => {
  const doc = parseDocument(readFileSync(new URL('../../seeds/003_de92b7dc7b209498.txt', import.meta.url), 'utf8'), new DivisionIndex());
  const at = (path: string) => doc.tasks.find((t) => t.path === path)!.assignments;

  it('every item after （一） carries the implied 市、县人民政府 assignment, and （一） names it itself', () => {
    const items = doc.tasks.filter((t) => t.kind === 'TASK');
    expect(items).toHaveLength(31);
    expect(at('一/（一）').filter((a) => a.implicit)).toEqual([]);
    for (const t of items.slice(1)) {
      const implied = t.assignments.filter((a) => a.implicit);
      expect(implied.map((a) => `${a.role} ${a.mention}`), t.path).toEqual(['RESPONSIBLE 市、县人民政府']);
      expect(implied[0].basis!.text).toBe('以下均需市、县人民政府负责,不再一一列出');
    }
  });

  it('the same clause twice in one item is one assignment', () => {
    expect(at('一/（二）').filter((a) => a.name === '省级负有安全监管职责的部门')).toHaveLength(1);
  });

  it('one unit in two roles of one item keeps both (（二十三）: 分工负责 and 督促企业落实)', () => {
    expect(at('五/（二十三）').filter((a) => a.name === '省应急厅').map((a) => a.role)).toEqual(['SHARED', 'SUPERVISE']);
  });

  it('a clause’s span points at its text in the cleaned document', () => {
    for (const t of doc.tasks) for (const a of t.assignments) expect(doc.text.slice(a.clause.start, a.clause.end)).toBe(a.clause.text);
  });

  it('duties stated in running text are read where an item has no clause (002 item 2: 各级党委、政府要…)', () => {
    const d002 = parseDocument(readFileSync(new URL('../../seeds/002_a282cddb69117384.txt', import.meta.url), 'utf8'), new DivisionIndex());
    const two = d002.tasks.find((t) => t.path === '一/2')!;
    expect(two.assignments.map((a) => `${a.role} ${a.name}`)).toEqual(['RESPONSIBLE 各级党委', 'RESPONSIBLE 各级政府']);
    expect(two.assignments[0].clause.text).toMatch(/^各级党委、政府要进一步明确/);
    expect(d002.tasks.find((t) => t.path === '一/4')!.assignments).toEqual([]);
  });
});

describe('names that look like role words or lists', () => {
  it('牵头 inside a unit name is not a lead (各项目牵头单位负责 is RESPONSIBLE)', () => {
    expect(roles('（各项目牵头单位负责）')).toEqual(['RESPONSIBLE 各项目牵头单位']);
  });

  it('a bare 等 closes an open list', () => {
    const [found] = findClauses('（省教育厅、省民政厅等负责）', 0);
    expect(found.assignments.map((a) => a.name)).toEqual(['省教育厅', '省民政厅']);
    expect(found.clause.openEnded).toBe(true);
  });

  it('national bodies with no prefix keep their names; a prefix is not lent to a ministry', () => {
    expect(splitUnits('国家发展改革委、教育部、工业和信息化部').map((u) => u.name)).toEqual(['国家发展改革委', '教育部', '工业和信息化部']);
  });

  it('text that is no unit is reported, not made into a unit', () => {
    const [found] = findClauses('（省应急厅负责，每季度报送进展）', 0);
    expect(found.assignments.map((a) => a.name)).toEqual(['省应急厅']);
    expect(found.problems).toMatchObject([{ message: 'not read as a unit: "每季度报送进展"', text: '每季度报送进展' }]);
    // phrases that only close a list are neither units nor problems
    const [closing] = findClauses('（省应急厅负责，不再一一列出）', 0);
    expect([closing.assignments.map((a) => a.name), closing.problems]).toEqual([['省应急厅'], []]);
  });
});

describe('more clause formats of the family', () => {
  it('fields on lines of their own: 牵头单位：… then 配合单位：…', () => {
    expect([...roles('牵头单位：省应急厅'), ...roles('配合单位：省公安厅、省交通运输厅')]).toEqual(['LEAD 省应急厅', 'COOPERATE 省公安厅', 'COOPERATE 省交通运输厅']);
    expect(roles('牵头部门：市住建局；配合部门：市城管局')).toEqual(['LEAD 市住建局', 'COOPERATE 市城管局']);
  });

  it('compound role words: 牵头落实, 配合落实, 负责落实 beside a lead, 负总责, 按职能分工负责', () => {
    expect(roles('（省发展改革委牵头落实，省财政厅配合落实）')).toEqual(['LEAD 省发展改革委', 'COOPERATE 省财政厅']);
    expect(roles('（省应急厅牵头，省公安厅负责落实）')).toEqual(['LEAD 省应急厅', 'SHARED 省公安厅']);
    expect(roles('（各市人民政府负总责）')).toEqual(['RESPONSIBLE 各市人民政府']);
    expect(roles('（省住建厅、省应急厅按职能分工负责）')).toEqual(['SHARED 省住建厅', 'SHARED 省应急厅']);
    expect(roles('（各县（市、区）人民政府结合实际落实）')).toEqual(['OTHER 各县（市、区）人民政府']);
  });
});
