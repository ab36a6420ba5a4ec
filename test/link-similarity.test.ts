// How alike two items are, on real excerpts of the seed corpus: the province's 燃气 item of
// 晋政发〔2024〕1号 （十六） and the city's 燃气 paragraph of 晋市政发〔2022〕1号, with a fire-safety item
// of the province beside them so that the words are weighed over more than the pair.
import { describe, expect, it } from 'vitest';
import { countFrequencies, similarity, type TaskText, taskTerms, type Weighed, weighTask } from '../src/modules/link/similarity.js';

const province: TaskText = {
  id: 1,
  title: '燃气领域专项整治',
  text: '强化城镇燃气企业运行安全。巩固提升城镇燃气安全专项整治集中攻坚成效，继续实施燃气老旧管网改造，构建燃气风险管控和隐患排查治理双重预防机制。加强城镇燃气及气瓶、燃气具及配件市场治理整顿。（省住建厅、省商务厅、省应急厅、省市场监管局等部门分工负责）',
};
const city: TaskText = {
  id: 2,
  title: '燃气',
  text: '持续推进城镇老旧燃气管网更新改造；严厉打击燃气建设项目违规转包、违法分包、违规违章作业、燃气管网外部野蛮施工等行为；全面排查治理商住混合体、餐饮场所、农贸市场等燃气使用事故隐患；严肃整治液化气站违规充装，严厉打击非法储存和“黑气瓶”等行为。',
};
const fire: TaskText = { id: 3, title: '消防安全专项整治', text: '深化消防安全专项整治，排查整治高层建筑、大型商业综合体火灾隐患。' };

/** the province's and the city's item, weighed, with the sectors of the departments each is given */
function pair(provinceSectors: string[], citySectors: string[]): [Weighed, Weighed] {
  const terms = [province, city, fire].map(taskTerms);
  const df = new Map<string, number>();
  for (const t of terms) countFrequencies(t.all, df);
  return [weighTask(terms[0], df, 3, new Set(provinceSectors)), weighTask(terms[1], df, 3, new Set(citySectors))];
}

describe('the units of two items as a signal: counterpart departments draw them together', () => {
  const PROVINCE = ['住房城乡建设', '商务', '应急管理', '市场监管'];

  it('the city item given to 市住建局 scores above the same words given to an unrelated department', () => {
    const counterparts = similarity(...pair(PROVINCE, ['住房城乡建设']));
    const unrelated = similarity(...pair(PROVINCE, ['教育']));
    expect(counterparts).toBeGreaterThan(unrelated);
    expect(counterparts - unrelated).toBeCloseTo(0.05, 5);
  });

  it('an item with no departments named says nothing either way', () => {
    expect(similarity(...pair(PROVINCE, []))).toBe(similarity(...pair(PROVINCE, ['教育'])));
  });
});
