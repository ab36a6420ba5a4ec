import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

// 任务分工表 as web copies carry them (excerpts of the evaluation set's tune part: n01, t02, v04)
const divisions = new DivisionIndex();
const rows = (text: string) =>
  parseDocument(text, divisions).tasks.map((t) => `${t.path} ${t.assignments.map((a) => `${a.role} ${a.mention}`).join('、')}`);

describe('a 任务分工表 flattened into text', () => {
  const notice = `国务院办公厅关于印发2016年《政府工作报告》量化指标任务分工的通知
国办函[2016]38号
国务院有关部门:
一、各有关部门要高度重视量化指标任务,按照分工抓紧研究制定工作方案。
国务院办公厅
2016年4月6日
2016年《政府工作报告》量化指标任务分工
序号 工 作 任 务 牵头负责部门
1 居民消费价格涨幅3%左右 发展改革委
2 城镇新增就业1000万人以上 人力资源社会保障部
3 安排财政赤字2.18万亿元,赤字率提高到3% 财政部`;

  it('the header gives the last column its role; each row is a task, after the covering notice’s signature', () => {
    expect(rows(notice)).toEqual(['一 RESPONSIBLE 各有关部门', '1 LEAD 发展改革委', '2 LEAD 人力资源社会保障部', '3 LEAD 财政部']);
  });

  it('rows are not run together by the page-break repair', () => {
    expect(cleanText(notice).text.split('\n')).toContain('2 城镇新增就业1000万人以上 人力资源社会保障部');
  });

  it('a pipe table: the cells between |, a convention declared in a cell applies to every row', () => {
    const text = `国务院办公厅关于印发促进就业任务分工的通知
| 序号 | 工作任务 | 负责单位 |
| 1 | 扩大就业岗位 | 发展改革委、人力资源社会保障部、财政部(列第一位者为牵头单位,下同) |
| 2 | 加强就业服务 | 人力资源社会保障部、教育部 |`;
    expect(rows(text)).toEqual(['1 LEAD 发展改革委、SHARED 人力资源社会保障部、SHARED 财政部', '2 LEAD 人力资源社会保障部、SHARED 教育部']);
  });

  it('a deadline column sets the task’s deadline; a column of people names no unit', () => {
    const text = `县人民政府办公室关于印发重点工作任务分解表的通知
序号 重点任务 责任领导 牵头单位 配合单位 完成时限
1 建成县城污水处理厂二期 张三 县住建局 县财政局、县生态环境分局 2024年6月底前`;
    const doc = parseDocument(text, divisions);
    expect(doc.tasks[0]).toMatchObject({ path: '1', deadline: '2024年6月底前' });
    expect(doc.tasks[0].assignments.map((a) => `${a.role} ${a.mention}`)).toEqual(['LEAD 县住建局', 'COOPERATE 县财政局', 'COOPERATE 县生态环境分局']);
  });
});

describe('a table copied one cell per line', () => {
  const suzhou = `苏州市人民政府关于下达2011年政府工作任务的通知
(苏府〔2011〕57号)
各市、区人民政府,市各委办局,各直属单位:
根据市十四届人大四次会议确定的经济社会发展目标任务,市政府将2011年政府工作任务分解为15项工作目标。
苏州市人民政府
二○一一年三月十七日
苏州市2011年政府工作任务分解表
序号
名称
工作任务
主要责任单位
经济社会发展主要预期目标分解(15项)
1
地区生产总值
地区生产总值增长12%
市发改委、统计局
2
服务业
服务业增加值占地区生产总值的比重提高1.5个百分点
市发改委、统计局
3
新兴产业
新兴产业产值占规模以上工业总产值的比重提高5个百分点
市经信委、发改委、统计局`;

  it('序号 alone, then a header cell a line: each row is its number and the cells after it', () => {
    expect(rows(suzhou)).toEqual([
      '1 RESPONSIBLE 市发改委、RESPONSIBLE 统计局',
      '2 RESPONSIBLE 市发改委、RESPONSIBLE 统计局',
      '3 RESPONSIBLE 市经信委、RESPONSIBLE 发改委、RESPONSIBLE 统计局',
    ]);
    const doc = parseDocument(suzhou, divisions);
    expect(doc.tasks[1]).toMatchObject({ title: '服务业' });
    expect(doc.meta).toMatchObject({ number: '苏府〔2011〕57号', issuer: '苏州市人民政府', jurisdiction: '320500' });
  });

  it('a cell that ends in running text is not joined to the next cell', () => {
    expect(cleanText(suzhou).text.split('\n')).toContain('服务业增加值占地区生产总值的比重提高1.5个百分点');
  });
});

describe('a table whose header was run into the notice before it (常政办发〔2018〕32号)', () => {
  it('the header is found inside the line, and its last column’s name is not glued to what follows', () => {
    const text = `常熟市人民政府办公室文件 常政办发〔2018〕32号 市政府办公室关于分解落实2018年 政府工作任务的通知 各镇人民政府,各街道办事处: 根据市十五届人大二次会议确定的全市经济社会发展目标任务,市政府将2018年政府工作分解为11项工作目标和138项工作任务,现下达给你们,请认真组织实施. 附件:常熟市2018年政府工作任务分解表 常熟市人民政府办公室 2018年2月24日 常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位
一、经济社会发展主要预期目标分解(11项)
1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委
2 一般公共预算收入增长8%以上. 财政局`;
    expect(rows(text)).toEqual(['一 ', '一/1 LEAD 发改委', '一/2 LEAD 财政局']);
  });
});
