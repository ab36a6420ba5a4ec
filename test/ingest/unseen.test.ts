import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse.js';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

// Documents of the family from outside Shanxi, as users bring them: each case is a real excerpt
// (the issue's reports, the evaluation set's tune part, public State Council texts).
const divisions = new DivisionIndex();
const resolver = new UnitResolver(divisions);

/** (path, role, full unit name) of every assignment, resolved where the document was placed */
function triples(text: string, jurisdiction?: string): string[] {
  const doc = parseDocument(text, divisions);
  const where = divisions.byCode.get(jurisdiction ?? doc.meta.jurisdiction!)!;
  return doc.tasks.flatMap((t) => t.assignments.map((a) => `${t.path} ${a.role} ${resolver.resolve(a.name, where, a.mention).name}`));
}

/** each task's duties as the document words them: `path: ROLE mention、ROLE mention` */
function dutiesByTask(text: string): string[] {
  return parseDocument(text, divisions).tasks.map((t) => `${t.path}: ${t.assignments.map((a) => `${a.role} ${a.mention}`).join('、')}`);
}

describe('a clause that names a collective the resolver cannot place never crashes', () => {
  const opinion = `国务院关于加快推进政务服务标准化规范化便利化的指导意见
国发〔2022〕5号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
一、推进政务服务标准化
（一）明确政务服务事项范围。全面实行政务服务事项清单管理。（国务院办公厅牵头，国务院有关部门和各省级人民政府负责）
（二）规范政务服务事项实施清单。（国务院有关部门等和各（有关）省级人民政府负责）
（三）推动市、县级政务服务事项标准统一。（市、县级人民政府负责）`;

  it('等和 closes an open list and starts a second group; 各（有关）省级人民政府 are the provincial governments', () => {
    expect(triples(opinion)).toEqual([
      '一/（一） LEAD 国务院办公厅',
      '一/（一） SHARED 国务院有关部门',
      '一/（一） SHARED 各省、自治区、直辖市人民政府',
      '一/（二） RESPONSIBLE 国务院有关部门',
      '一/（二） RESPONSIBLE 各省、自治区、直辖市人民政府',
      '一/（三） RESPONSIBLE 各市、县人民政府',
    ]);
    const doc = parseDocument(opinion, divisions);
    expect(doc.tasks[2].assignments[0]).toMatchObject({ mention: '国务院有关部门', clause: { openEnded: true } });
  });

  it('a city or county form in a national document resolves instead of throwing', () => {
    const country = divisions.byCode.get('000000')!;
    for (const name of ['市财政局', '县应急局', '区人社局', '市、县人民政府', '各（有关）省级人民政府', '各区、县级市']) {
      expect(() => resolver.resolve(name, country)).not.toThrow();
    }
  });
});

describe('where a document was issued comes from its text, with the evidence', () => {
  it('the header, signature and number of a State Council opinion agree: the country', () => {
    const doc = parseDocument(
      `发布时间:2024-11-01 21:09:52 来源: sp20241101
国务院关于推动内蒙古高质量发展
奋力书写中国式现代化新篇章的意见
国发〔2023〕16号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
一、总体要求
（一）指导思想。以习近平新时代中国特色社会主义思想为指导。
国务院
2023年10月5日`,
      divisions,
    );
    expect(doc.meta).toMatchObject({ issuer: '国务院', jurisdiction: '000000' });
    expect(doc.meta.jurisdictionEvidence.map((e) => e.source)).toEqual(expect.arrayContaining(['ISSUER', 'SIGNATURE', 'NUMBER']));
  });

  it.each([
    ['中共中央办公厅 国务院办公厅印发《关于进一步加强矿山安全生产工作的意见》的通知', '中共中央办公厅 国务院办公厅'],
    ['国务院安委会关于印发《安全生产治本攻坚三年行动方案（2024—2026年）》的通知', '国务院安委会'],
    ['国务院安委办关于进一步加强城镇燃气安全管理工作的通知', '国务院安委办'],
    ['应急管理部关于加强安全生产执法工作的意见', '应急管理部'],
    ['应急管理部 财政部关于印发《安全生产预防和应急救援能力建设补助资金管理办法》的通知', '应急管理部 财政部'],
  ])('%s: a central issuer, alone or joint, places it in the country', (title, issuer) => {
    const doc = parseDocument(`${title}\n各省、自治区、直辖市人民政府：\n一、加强组织领导。（应急管理部牵头）`, divisions);
    expect(doc.meta).toMatchObject({ issuer, jurisdiction: '000000' });
  });

  it('a district government is placed in its district, and its 区人社局 is that district’s bureau', () => {
    const text = `成都市武侯区人民政府关于印发《武侯区促进就业工作实施方案》的通知
各街道办事处，区级各部门：
一、稳定就业岗位。（区人社局牵头，区财政局、区发改局配合）`;
    expect(parseDocument(text, divisions).meta).toMatchObject({ jurisdiction: '510107' });
    expect(triples(text)).toEqual(['一 LEAD 武侯区人力资源和社会保障局', '一 COOPERATE 武侯区财政局', '一 COOPERATE 武侯区发改局']);
  });

  it('a city named at the head of the title places the document there (西宁市关于…的若干措施)', () => {
    const doc = parseDocument(`西宁市关于进一步优化营商环境的若干措施\n一、提升政务服务效能。（市政务服务监督管理局牵头，各区县政府配合）`, divisions);
    expect(doc.meta).toMatchObject({ jurisdiction: '630100' });
    expect(doc.meta.jurisdictionEvidence[0]).toMatchObject({ source: 'TITLE', text: '西宁市', name: '西宁市' });
  });

  it('a text with no issuer that names a place once in passing is refused, not guessed (北京 is no evidence)', () => {
    const doc = parseDocument(
      `关于做好2023年稳就业工作的通知
各县（市、区）人民政府，市直各有关单位：
一、学习北京等地经验，拓宽就业渠道。（市人社局牵头，市财政局配合）
二、加强职业技能培训。（市人社局负责）`,
      divisions,
    );
    expect(doc.meta.jurisdiction).toBeNull();
    expect(doc.meta.jurisdictionRefused).toMatch(/cannot tell/);
  });

  it('places named only inside the titles of cited documents, in a text that speaks of 全区, place nothing', () => {
    // 官渡区's measures cite 《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知》
    const doc = parseDocument(
      `为认真贯彻落实国家和省、市关于稳增长各项决策部署,着力促进全区经济平稳较快发展,根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知》(昆政发〔2016〕13号),结合全区实际,特制定如下政策措施。
一、 提高投资项目审批效率
1. 精简项目审批手续。加快推进网上审批。(区政务服务局牵头,区发改局、区住建局、区级相关部门配合)`,
      divisions,
    );
    expect(doc.meta.jurisdiction).toBeNull();
  });

  it('firm sources that point to two places are a refusal that names both', () => {
    const doc = parseDocument(`成都市人民政府关于加强安全生产工作的通知\n一、压实责任。（市应急局负责）\n西宁市人民政府\n2023年3月1日`, divisions);
    expect(doc.meta.jurisdiction).toBeNull();
    expect(doc.meta.jurisdictionRefused).toMatch(/two places.*西宁市.*成都市|two places.*成都市.*西宁市/);
  });

  it('a document that assigns only central bodies and names no issuer speaks for the country', () => {
    const doc = parseDocument(
      `2025年知识产权强国建设推进计划
一、完善知识产权制度
1.加快推进《中华人民共和国商标法》修改。(国家知识产权局、司法部负责)
2.推进修订《中华人民共和国知识产权海关保护条例》。(海关总署负责)
3.推进商标法相关司法解释修改。(最高人民法院负责)`,
      divisions,
    );
    expect(doc.meta).toMatchObject({ jurisdiction: '000000', jurisdictionEvidence: [{ source: 'BODY' }] });
  });
});

describe('labelled parentheticals, wherever they stand in the item', () => {
  it('（责任单位：…等） in a 重庆 document: three RESPONSIBLE bureaus of the municipality, an open list', () => {
    const text = `重庆市人民政府办公厅关于印发重庆市促进就业若干措施的通知
渝府办发〔2023〕12号
各区县（自治县）人民政府，市政府各部门：
一、支持企业稳定岗位。对不裁员或少裁员的参保企业，按规定返还失业保险费（责任单位：市人力社保局、市经济信息委、市财政局等）。
二、落实创业担保贷款政策（责任单位：市财政局、市税务局；各区县（自治县）政府负责落实）。`;
    expect(parseDocument(text, divisions).meta.jurisdiction).toBe('500000');
    expect(triples(text)).toEqual([
      '一 RESPONSIBLE 重庆市人力资源和社会保障局',
      '一 RESPONSIBLE 重庆市经济和信息化委员会',
      '一 RESPONSIBLE 重庆市财政局',
      '二 RESPONSIBLE 重庆市财政局',
      '二 RESPONSIBLE 国家税务总局重庆市税务局',
      '二 RESPONSIBLE 重庆市各区县（自治县）人民政府',
    ]);
  });

  it('（牵头单位：…；配合单位：…） and （牵头责任单位：…；责任单位：…）, whose lead label contains 责任单位', () => {
    const text = `广州市人民政府关于加快发展数字经济的实施意见
一、推进数字产业化。（牵头单位：市工业和信息化局；配合单位：市发展改革委、市科技局）
二、推进产业数字化（牵头责任单位：市商务局；责任单位：市市场监管局、各区人民政府、各有关区、县级市）。`;
    expect(triples(text)).toEqual([
      '一 LEAD 广州市工业和信息化局',
      '一 COOPERATE 广州市发展和改革委员会',
      '一 COOPERATE 广州市科学技术局',
      '二 LEAD 广州市商务局',
      '二 SHARED 广州市市场监督管理局',
      '二 SHARED 广州市各区人民政府',
      '二 SHARED 广州市各有关区、县级市',
    ]);
  });

  it('people’s labels (牵头领导：…) are skipped, 数据提供单位 is OTHER with its phrase (成办发〔2019〕5号)', () => {
    const doc = parseDocument(
      `成都市人民政府办公厅关于印发2019年〈政府工作报告〉确定的主要目标任务责任分解方案的通知
一、 经济社会发展主要预期目标
(二) 全社会固定资产投资增长10%。(牵头领导:谢瑞武,牵头单位:市发改委,责任单位:市农业农村局、市经信局,数据提供单位:市统计局)`,
      divisions,
    );
    expect(doc.tasks[1].assignments.map((a) => `${a.role} ${a.mention}${a.phrase ? ` (${a.phrase})` : ''}`)).toEqual([
      'LEAD 市发改委',
      'SHARED 市农业农村局',
      'SHARED 市经信局',
      'OTHER 市统计局 (数据提供单位)',
    ]);
  });

  it('〔责任单位：…〕 in square brackets, and 牵头单位 / 责任单位 on lines of their own make one list (lead, then shared)', () => {
    const text = `济南市钢城区人民政府办公室关于印发钢城区深化“放管服”改革重点任务分工方案的通知
1.深化行政审批制度改革。〔牵头单位:区政府办公室,责任单位:区政府有关部门〕
2.地区生产总值增长6.2%左右。
牵头单位:区发改局
责任单位:立山经济开发区,全区经济运行各专班`;
    expect(triples(text, '370117')).toEqual([
      '1 LEAD 钢城区人民政府办公室',
      '1 SHARED 钢城区政府有关部门',
      '2 LEAD 钢城区发改局',
      '2 SHARED 钢城区立山经济开发区',
      '2 SHARED 钢城区全区经济运行各专班',
    ]);
  });

  it('a bracket that looks like a clause but cannot be read is reported', () => {
    const doc = parseDocument(`广州市人民政府关于加强安全生产的通知\n一、加强监管（落实情况每月报送）。（市应急管理局负责）`, divisions);
    expect(doc.problems).toMatchObject([{ message: 'a bracket that looks like a clause was not read', text: '落实情况每月报送' }]);
  });
});

describe('municipalities: 市 means the municipality itself', () => {
  it('市财政局 in a 重庆 document is 重庆市财政局, of the province-level municipality', () => {
    const spec = resolver.resolve('市财政局', divisions.byCode.get('500000')!);
    expect(spec).toMatchObject({ name: '重庆市财政局', level: 'PROVINCE', jurisdiction: '500000' });
  });

  it('市财政局 in a document of one of its districts is the same unit; 区财政局 is the district’s', () => {
    const yuzhong = divisions.byCode.get('500103')!;
    expect(resolver.resolve('市财政局', yuzhong)).toMatchObject({ name: '重庆市财政局', jurisdiction: '500000' });
    expect(resolver.resolve('区财政局', yuzhong)).toMatchObject({ name: '渝中区财政局', jurisdiction: '500103' });
  });

  it('各区县（自治县）人民政府 in a 重庆 document are the 38 district and county governments', () => {
    const spec = resolver.resolve('各区县（自治县）人民政府', divisions.byCode.get('500000')!);
    expect(spec.kind).toBe('COLLECTIVE');
    expect(spec.members!.length).toBeGreaterThan(30);
    expect(spec.members!.map((m) => m.name)).toContain('渝中区人民政府');
  });
});

describe('conventions a document declares once', () => {
  it.each([
    ['排在第一位的部门为牵头部门，下同'],
    ['列第一位者为牵头单位，下同'],
    ['第一个为牵头单位'],
    ['排名第一的为牵头部门'],
  ])('%s: the first unit of every later clause leads, the others share', (declaration) => {
    const text = `国务院关于印发《“十四五”就业促进规划》的通知
国发〔2021〕14号
一、强化就业优先政策
（一）完善就业政策体系。（人力资源社会保障部、国家发展改革委、财政部按职责分工负责，${declaration}）
（二）健全就业服务体系。（教育部、人力资源社会保障部负责）
（三）加强统计监测。（国家统计局负责）`;
    const got = triples(text);
    expect(got).toEqual([
      '一/（一） LEAD 人力资源和社会保障部',
      '一/（一） SHARED 国家发展和改革委员会',
      '一/（一） SHARED 财政部',
      '一/（二） LEAD 教育部',
      '一/（二） SHARED 人力资源和社会保障部',
      '一/（三） LEAD 国家统计局',
    ]);
    expect(got.join()).not.toMatch(/牵头部门|牵头单位|第一/);
  });

  it('（生态环境部指导，以下均需…负责，不再列出）: a unit of its own, then an implied duty on every later item', () => {
    const doc = parseDocument(
      `国务院办公厅关于加强入河排污口监督管理工作的实施意见
国办函〔2022〕17号
一、开展排查整治
（一）全面开展排查。（生态环境部指导，以下均需地方各级人民政府负责，不再列出）
（二）严格实施分类整治。（水利部、生态环境部按职责分工负责）`,
      divisions,
    );
    const [first, second] = doc.tasks.slice(1);
    expect(first.assignments.map((a) => `${a.role} ${a.name}${a.implicit ? ' implied' : ''}`)).toEqual(['OTHER 生态环境部']);
    expect(second.assignments.map((a) => `${a.role} ${a.name}${a.implicit ? ' implied' : ''}`)).toEqual(['SHARED 水利部', 'SHARED 生态环境部', 'RESPONSIBLE 地方各级人民政府 implied']);
  });

  it('X会同Y负责: X leads, Y cooperates; 由X会同Y… stated in the text reads the same', () => {
    const text = `国务院办公厅关于落实中共中央国务院关于全面深化农村改革加快推进农业现代化若干意见有关政策措施分工的通知
国办函〔2014〕31号
一、工作分工
（一）关于“严守耕地保护红线”的问题，由国土资源部会同农业部等部门负责落实。
（二）关于耕地保护补偿的问题。（财政部会同有关部门负责）
（三）关于加强农村改革试验区工作。（农业部及各地区负责）`;
    expect(triples(text)).toEqual([
      '一/（一） LEAD 国土资源部',
      '一/（一） COOPERATE 农业部',
      '一/（二） LEAD 财政部',
      '一/（二） COOPERATE 国务院有关部门',
      '一/（三） RESPONSIBLE 农业部',
      '一/（三） RESPONSIBLE 各省、自治区、直辖市人民政府',
    ]);
  });
});

describe('duties written into the sentences', () => {
  it('由X、Y、Z共同组织实施 names every doer, even one whose name is no body’s (华东服装城); 国办将加强跟踪督办 supervises', () => {
    const text = `国务院办公厅关于印发量化指标任务分工的通知
国办函[2016]38号
一、各有关部门要按照分工抓紧研究制定工作方案。
二、国办将加强跟踪督办,定期梳理汇总落实情况。
三、举办服装展销会。此项活动由区商贸旅游局、长延堡街办、华东服装城共同组织实施。`;
    expect(dutiesByTask(text)).toEqual([
      '一: RESPONSIBLE 各有关部门',
      '二: SUPERVISE 国办',
      '三: RESPONSIBLE 区商贸旅游局、RESPONSIBLE 长延堡街办、RESPONSIBLE 华东服装城',
    ]);
  });
});

describe('duties stated in a regulation’s articles', () => {
  it('a body named with the one that stands for it (镇人民政府(街道办事处)) and a role said with how (依法协助) are read', () => {
    // 广州市临时救助实施细则, 第三条 (eval f04)
    const text = `广州市民政局关于印发广州市临时救助实施细则的通知
穗民规字〔2021〕12号
第三条 市民政部门负责统筹开展全市临时救助工作,区民政部门负责本行政区域内临时救助审批、临时救助金发放和监督管理等工作。镇人民政府(街道办事处)负责临时救助受理、调查核实、审核等工作。村(居)民委员会依法协助做好临时救助对象的主动发现、协助申请、调查核实、公示等工作。`;
    const doc = parseDocument(text, divisions);
    expect(doc.tasks[0].assignments.map((a) => `${a.role} ${a.mention}`)).toEqual([
      'RESPONSIBLE 市民政部门',
      'RESPONSIBLE 区民政部门',
      'RESPONSIBLE 镇人民政府(街道办事处)',
      'COOPERATE 村(居)民委员会',
    ]);
  });

  it('a sentence that opens with a body doing something makes it responsible (税务部门将…, 税务总局以…), not a verb before a body (鼓励行政管理部门…, 对经税务部门…)', () => {
    // 关于加强个人所得税纳税信用建设的通知 (发改办财金规〔2019〕860号, eval f01)
    const text = `国家发展改革委办公厅 国家税务总局办公厅关于加强个人所得税纳税信用建设的通知
发改办财金规〔2019〕860号
（一）建立健全个人所得税纳税信用记录。税务总局以自然人纳税人识别号为唯一标识，研究制定自然人纳税信用管理的制度办法。
（二）建立自然人失信行为认定机制。对于违反信用承诺的，税务部门将其列入重点关注对象，依法依规采取行政性约束和惩戒措施。
（三）对个人所得税守信纳税人提供更多便利和机会。鼓励行政管理部门在颁发荣誉证书、嘉奖和表彰时将其作为参考因素予以考虑。
（四）对个人所得税严重失信当事人实施联合惩戒。对经税务部门依法认定存在严重违法失信行为的纳税人，依法依规实施联合惩戒。`;
    expect(dutiesByTask(text)).toEqual([
      '（一）: RESPONSIBLE 税务总局',
      '（二）: RESPONSIBLE 税务部门',
      '（三）: ',
      '（四）: ',
    ]);
  });

  it('由X进行… makes X responsible; X应牵头… makes X the lead; a 机关 is a body (公安机关)', () => {
    // 广州市积分制入户管理办法 (eval f03)
    const text = `广州市人民政府办公厅关于印发广州市积分制入户管理办法的通知
穗府办规〔2020〕10号
第七条 从事特殊技能、特殊艰苦行业一线从业人员，由市人力资源社会保障部门进行入户审核并公示。
第十二条 市人力资源社会保障部门应牵头会同相关部门，根据本办法制定积分制入户办事指南。
第十三条 市（区）公安机关负责核查刑事处罚、治安处罚记录。`;
    expect(dutiesByTask(text)).toEqual([
      '第七条: RESPONSIBLE 市人力资源社会保障部门',
      '第十二条: LEAD 市人力资源社会保障部门',
      '第十三条: RESPONSIBLE 市（区）公安机关',
    ]);
  });

  it('a part with no subject of its own is its sentence’s subject’s: X负责…，配合… cooperates, X负责…，会同Y… leads', () => {
    // 广州市积分制入户管理办法, 第五条 (eval f03)
    const text = `广州市人民政府办公厅关于印发广州市积分制入户管理办法的通知
穗府办规〔2020〕10号
第五条 市发展改革部门负责将积分制入户指标统一纳入全市年度迁入人口计划内管理，配合制定积分急需工种或职业资格、职业技能等级目录。市人力资源社会保障部门负责积分制入户工作的统筹协调和具体实施，会同市发展改革部门制定积分急需工种或职业资格、职业技能等级目录。`;
    expect(parseDocument(text, divisions).tasks[0].assignments.map((a) => `${a.role} ${a.mention}`)).toEqual([
      'RESPONSIBLE 市发展改革部门',
      'COOPERATE 市发展改革部门',
      'RESPONSIBLE 市人力资源社会保障部门',
      'LEAD 市人力资源社会保障部门',
    ]);
  });

  it('a township government and a duty after a condition (…的，镇人民政府(街道办事处)应…) are read; 以及 joins two bodies', () => {
    // 广州市临时救助实施细则, 第八条 and 第十六条 (eval f04)
    const text = `广州市民政局关于印发广州市临时救助实施细则的通知
穗民规字〔2021〕12号
第八条 申请急难型临时救助，申请人材料齐全、符合申请条件的，镇人民政府(街道办事处)应当场受理，同时出具受理通知书。
第十六条 区民政部门以及镇人民政府(街道办事处)应发挥政府主导作用，建立健全社会组织参与临时救助工作的多元化机制。`;
    expect(dutiesByTask(text)).toEqual([
      '第八条: RESPONSIBLE 镇人民政府(街道办事处)',
      '第十六条: RESPONSIBLE 区民政部门、RESPONSIBLE 镇人民政府(街道办事处)',
    ]);
  });

  it('a sentence that only asks another body for help names no unit of its own (no 受理申请的…可致函请求…民政部门)', () => {
    const text = `广州市民政局关于印发广州市临时救助实施细则的通知
穗民规字〔2021〕12号
第十条 申请人户籍所在地与申请地不一致的,受理申请的镇人民政府(街道办事处)可致函请求申请人户籍所在地民政部门协助入户调查核实。`;
    expect(parseDocument(text, divisions).tasks[0].assignments).toEqual([]);
  });
});

describe('text scraped from web pages', () => {
  it('one unbroken line with numbering inside it: items found, composite labels where numbering restarts', () => {
    const doc = parseDocument(
      `国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见 国办发〔2022〕30号 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就有关事项通知如下。一、进一步破除隐性门槛（一）推动降低市场准入成本。1．全面实施市场准入负面清单管理。（国家发展改革委、商务部牵头）2．简化企业开办手续。（市场监管总局负责）（二）规范涉企收费。1．清理规范行业协会商会收费。（国家发展改革委、民政部按职责分工负责）`,
      divisions,
    );
    expect(doc.tasks.map((t) => t.path)).toEqual(['一', '一/（一）', '一/（一）/1', '一/（一）/2', '一/（二）', '一/（二）/1']);
    expect(doc.tasks[2].assignments.map((a) => `${a.role} ${a.name}`)).toEqual(['LEAD 国家发展改革委', 'LEAD 商务部']);
    expect(doc.meta.jurisdiction).toBe('000000');
  });

  it('a list numbered only 一、…三十、 is a list of tasks, each with its clause', () => {
    const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十'];
    const text = `辽宁省人民政府关于印发辽宁省2026年政府工作报告重点任务分工的通知\n${numerals.map((n) => `${n}、加快推进重点工作第${n}项。〔省发展改革委牵头，省直有关单位按职责分工负责〕`).join('\n')}`;
    const doc = parseDocument(text, divisions);
    expect(doc.tasks.map((t) => t.path)).toEqual(numerals);
    expect(doc.tasks.every((t) => t.kind === 'TASK' && t.assignments.length === 2)).toBe(true);
  });
});

describe('national bodies and collectives are named as they are', () => {
  it('central bodies without a prefix keep their names: 最高人民法院, 人民银行, 共青团中央 (never 全国…)', () => {
    const text = `国务院办公厅关于加强青少年法治教育的意见\n一、完善工作机制。（最高人民法院、人民银行、共青团中央、全国妇联、中央网信办按职责分工负责）`;
    expect(triples(text)).toEqual([
      '一 SHARED 最高人民法院',
      '一 SHARED 中国人民银行',
      '一 SHARED 中国共产主义青年团中央委员会',
      '一 SHARED 中华全国妇女联合会',
      '一 SHARED 中央网络安全和信息化委员会办公室',
    ]);
  });

  it('a province’s city-level collectives, however it writes them, are its cities’ bodies', () => {
    const sichuan = divisions.byCode.get('510000')!;
    for (const written of ['各市（州）人民政府', '各市(州)人民政府', '各设区市人民政府', '各地级以上市人民政府']) {
      const spec = resolver.resolve(written, sichuan);
      expect(spec.kind, written).toBe('COLLECTIVE');
      expect(spec.members!.map((m) => m.name), written).toContain('成都市人民政府');
    }
    expect(resolver.resolve('市县人民政府', sichuan)).toMatchObject({ name: '四川省各市、县人民政府', kind: 'COLLECTIVE' });
  });

  it('各区、县级市人民政府 and 各有关区、县级市 stay one unit each, in the issuing city', () => {
    const guangzhou = divisions.byCode.get('440100')!;
    const a = resolver.resolve('各区、县级市人民政府', guangzhou);
    const b = resolver.resolve('各有关区、县级市', guangzhou);
    expect([a.name, a.kind, a.jurisdiction]).toEqual(['广州市各区、县级市人民政府', 'COLLECTIVE', '440100']);
    expect(a.members!.map((m) => m.name)).toContain('天河区人民政府');
    expect([b.name, b.kind]).toEqual(['广州市各有关区、县级市', 'COLLECTIVE']);
  });
});
