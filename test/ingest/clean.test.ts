import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.js';

const seed = (f: string) => readFileSync(new URL(`../../seeds/${f}`, import.meta.url), 'utf8');

describe('cleaning a scraped copy (001)', () => {
  const raw = seed('001_d2e1976ededb1409.txt');
  const { text, noise } = cleanText(raw);

  it('removes the site banner, the image caption, the sales footer and the site name injected in a sentence', () => {
    expect(text).not.toContain('一竞技');
    expect(text).not.toContain('官方网站');
    expect(text).not.toContain('(图1)');
    expect(text).not.toContain('QQ咨询');
    expect(text).toContain('责任分析不到位、问题查找不全面');
  });

  it('records every removal with its text, its place and why', () => {
    const ads = noise.filter((n) => n.kind === 'ADVERTISING');
    expect(ads.map((n) => n.text)).toEqual(
      expect.arrayContaining(['一竞技(中国)官方网站|以电竞思维赋能企业培训与团队协作', '一竞技', expect.stringContaining('点击QQ咨询')]),
    );
    const injected = ads.find((n) => n.text === '一竞技')!;
    expect(raw.slice(injected.rawStart, injected.rawStart + 3)).toBe('一竞技');
    expect(text.slice(injected.cleanOffset - 6, injected.cleanOffset + 2)).toBe('责任分析不到位、');
    expect(injected.reason).toMatch(/injected/);
    expect(noise.some((n) => n.kind === 'IMAGE_CAPTION' && n.text.includes('(图1)'))).toBe(true);
  });
});

describe('cleaning a PDF conversion', () => {
  it('joins a sentence broken by a page (003 preamble) and records the break', () => {
    const { text, noise } = cleanText(seed('003_de92b7dc7b209498.txt'));
    expect(text).toContain('提升防灾减灾救灾和突发事件应对处置能力');
    const br = noise.find((n) => n.kind === 'PAGE_BREAK')!;
    expect(text.slice(br.cleanOffset - 6, br.cleanOffset + 3)).toBe('防灾减灾救灾和突发');
  });

  it('joins a unit name broken by a page inside a 责任单位 line (004 item 25: 市\\n\\n大数据局)', () => {
    const { text } = cleanText(seed('004_01e9b07c5e73fa65.txt'));
    expect(text).toContain('市卫健委、市大数据局,各县(市、区)党委、政府等按职责分工负责');
    expect(text).toContain('市应急救援总指挥部办公室,各县(市、区)人民政府');
  });

  it('drops markdown markers and keeps headings on their own lines', () => {
    const { text, noise } = cleanText(seed('004_01e9b07c5e73fa65.txt'));
    expect(text).not.toMatch(/\*\*|^#/m);
    expect(text.split('\n')).toContain('三、重点任务');
    expect(noise.filter((n) => n.kind === 'MARKUP').length).toBeGreaterThan(50);
  });

  it('keeps a sentence that ends before a page break apart from the next paragraph', () => {
    const { text } = cleanText(seed('003_de92b7dc7b209498.txt'));
    expect(text).toContain('推进智能化建设。\n制定尾矿库闭库销号计划');
  });
});
