import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

const divisions = new DivisionIndex();
const parse = (f: string) => parseDocument(readFileSync(new URL(`../../seeds/${f}`, import.meta.url), 'utf8'), divisions);
const count = (tasks: { kind: string }[], kind: string) => tasks.filter((t) => t.kind === kind).length;

describe('every numbered item of every seed document is a task', () => {
  it('000: five 目标任务, their four labelled parts, their measures, and the six status items of task four', () => {
    const { tasks, meta } = parse('000_9babb23a9d226355.txt');
    expect(meta).toMatchObject({ kind: 'PROGRESS_REPORT', issuer: '山西省应急管理厅', jurisdiction: '140000', year: 2022 });
    expect(tasks.filter((t) => t.kind === 'TARGET_TASK').map((t) => t.title)).toEqual(['目标任务一', '目标任务二', '目标任务三', '目标任务四', '目标任务五']);
    expect(count(tasks, 'SECTION')).toBe(20);
    expect(tasks.filter((t) => t.kind === 'PROGRESS_ITEM').map((t) => t.path)).toEqual(['四/（三）/1', '四/（三）/2', '四/（三）/3', '四/（三）/4', '四/（三）/5', '四/（三）/6']);
    expect(tasks.filter((t) => t.kind === 'MEASURE' && t.path.startsWith('四/')).map((t) => t.label)).toEqual(['一是', '二是', '三是', '四是', '五是', '六是', '七是', '八是']);
    expect(count(tasks, 'MEASURE')).toBe(3 + 5 + 7 + 8 + 4);
  });

  it('001: the thirteen key tasks of 2026, apart from the 2025 results and the four principles', () => {
    const { tasks, meta } = parse('001_d2e1976ededb1409.txt');
    expect(meta).toMatchObject({ kind: 'NEWS', date: '2026-01-20', jurisdiction: '140000' });
    const key = tasks.filter((t) => t.kind === 'TASK');
    expect(key).toHaveLength(13);
    expect(key[0].title).toBe('以钉钉子精神完成治本攻坚三年行动任务');
    expect(key[12].title).toBe('持续夯实筑牢本质安全根基');
    expect(key.some((t) => t.text.includes('一竞技'))).toBe(false);
    expect(count(tasks, 'RESULT')).toBe(11);
    expect(count(tasks, 'PRINCIPLE')).toBe(4);
  });

  it('002: six chapters, twenty numbered tasks, and the run-in sub-topics of items 8 and 14', () => {
    const { tasks, meta } = parse('002_a282cddb69117384.txt');
    expect(meta).toMatchObject({ number: '晋市政发〔2022〕1号', issuer: '晋城市人民政府', date: '2022-03-01', kind: 'NOTICE', jurisdiction: '140500' });
    expect(count(tasks, 'CHAPTER')).toBe(6);
    expect(tasks.filter((t) => t.kind === 'TASK').map((t) => t.label)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1}.`));
    expect(tasks.filter((t) => t.path.startsWith('二/8/')).map((t) => t.title)).toEqual(['煤矿', '危险化学品', '交通运输', '非煤矿山', '建筑施工', '燃气', '消防', '冶金制造']);
    expect(tasks.filter((t) => t.path.startsWith('四/14/')).map((t) => t.title)).toEqual(['森林火灾', '水旱灾害', '地质灾害', '气象灾害']);
    // the closing sentence after the sub-topics speaks for item 8 itself
    expect(tasks.find((t) => t.path === '二/8')!.text).toContain('水利、教育、特种设备');
  });

  it('003: seven chapters, items （一）…（三十一） numbered across chapters, and the hazard sub-topics of （二十一）', () => {
    const { tasks, meta } = parse('003_de92b7dc7b209498.txt');
    expect(meta).toMatchObject({ number: '晋政发〔2024〕1号', issuer: '山西省人民政府', date: '2024-01-20', kind: 'NOTICE', jurisdiction: '140000' });
    expect(count(tasks, 'CHAPTER')).toBe(7);
    expect(count(tasks, 'TASK')).toBe(31);
    const ten = tasks.find((t) => t.path === '三/（十）')!;
    expect(ten).toMatchObject({ label: '(十)', title: '煤矿领域专项整治', kind: 'TASK' });
    expect(tasks.filter((t) => t.path.startsWith('四/（二十一）/')).map((t) => t.title)).toEqual(['森林草原火灾', '水旱灾害', '地质灾害', '地震灾害', '气象灾害']);
    // the signature and the distribution list are not part of the last item
    expect(tasks.at(-1)!.text).not.toContain('抄送');
  });

  it('004: targets, four sub-goals, twenty-nine key tasks numbered across sections, seventeen key projects; the lines of the 专栏 box are parts of the item it follows, not tasks', () => {
    const { tasks, meta } = parse('004_01e9b07c5e73fa65.txt');
    expect(meta).toMatchObject({ number: '晋市安委办发〔2023〕33号', issuer: '晋城市安全生产委员会办公室', date: '2023-05-12', kind: 'PLAN', jurisdiction: '140500' });
    expect(count(tasks, 'TARGET')).toBe(4);
    expect(count(tasks, 'SUB_GOAL')).toBe(4);
    expect(tasks.filter((t) => t.kind === 'TASK').map((t) => t.label.replace(/\D/g, ''))).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
    expect(count(tasks, 'PROJECT')).toBe(17);
    expect(count(tasks, 'PRINCIPLE')).toBe(3);
    expect(count(tasks, 'REQUIREMENT')).toBe(3);
    const item8 = tasks.find((t) => t.path === '三/（一）/8')!;
    const box = tasks.filter((t) => t.path.startsWith('三/（一）/8/'));
    expect(box.map((t) => [t.kind, t.title])).toEqual(['危险化学品', '矿山', '消防', '道路运输', '建筑施工', '危险废物', '冶金工贸'].map((s) => ['SUB_TOPIC', s]));
    // each part holds its own line; the item's span reaches over the box, its text stays its own
    const doc = parse('004_01e9b07c5e73fa65.txt');
    expect(box[2].text).toMatch(/^老旧小区、高层建筑/);
    expect(doc.text.slice(box[2].start, box[2].end)).toMatch(/^3\.消防[:：]老旧小区[\s\S]*乡村火灾。$/);
    expect(item8.end).toBe(box[6].end);
    expect(item8.text).not.toMatch(/冶金/);
    expect(tasks.find((t) => t.path === '三/（二）/9')!.title).toBe('强化应急指挥体系建设');
    expect(tasks.find((t) => t.path === '四/（五）')).toMatchObject({ title: '气象灾害应急能力提升工程', deadline: '2025年' });
  });

  it('spans cover the item in the cleaned text, label first', () => {
    const doc = parse('003_de92b7dc7b209498.txt');
    const t = doc.tasks.find((x) => x.path === '三/（十五）')!;
    expect(doc.text.slice(t.start, t.end)).toMatch(/^（十五）经营性自建房领域专项整治。[\s\S]*等部门分工负责）$/);
  });
});
