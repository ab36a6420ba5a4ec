import type { UnitKind } from '../../ingest/types.js';

/**
 * The functional lines (条线) of government: the same sector at each level is a unit's
 * counterpart (省应急厅 ↔ 市应急局 ↔ 县应急局). Each body maps the forms it is written in
 * to its full form; a form already full maps to itself.
 */
export interface SectorBody {
  sector: string;
  kind: UnitKind;
  /** written forms → full form of the body, without the jurisdiction */
  forms: Record<string, string>;
  /** the body sits inside another one of the same jurisdiction (交管局 in 公安厅) */
  parent?: string;
  /** the full name is not `${jurisdiction}${body}` */
  format?: (jurisdiction: string, body: string) => string;
}

const party = (j: string, body: string) => `中共${j}委${body}`;
const tax = (j: string, body: string) => `国家税务总局${j}${body}`;

export const SECTOR_BODIES: SectorBody[] = [
  { sector: '应急管理', kind: 'DEPARTMENT', forms: { 应急厅: '应急管理厅', 应急管理厅: '应急管理厅', 应急局: '应急管理局', 应急管理局: '应急管理局' } },
  { sector: '消防救援', kind: 'RESCUE_TEAM', forms: { 消防救援总队: '消防救援总队', 消防总队: '消防救援总队', 消防救援支队: '消防救援支队', 消防支队: '消防救援支队', 消防救援大队: '消防救援大队', 消防大队: '消防救援大队' } },
  { sector: '住房城乡建设', kind: 'DEPARTMENT', forms: { 住建厅: '住房和城乡建设厅', 住房城乡建设厅: '住房和城乡建设厅', 住房和城乡建设厅: '住房和城乡建设厅', 住建局: '住房和城乡建设局', 住房和城乡建设局: '住房和城乡建设局' } },
  { sector: '交通运输', kind: 'DEPARTMENT', forms: { 交通厅: '交通运输厅', 交通运输厅: '交通运输厅', 交通局: '交通运输局', 交通运输局: '交通运输局' } },
  { sector: '市场监管', kind: 'DEPARTMENT', forms: { 市场监管局: '市场监督管理局', 市场监督管理局: '市场监督管理局' } },
  { sector: '公安', kind: 'DEPARTMENT', forms: { 公安厅: '公安厅', 公安局: '公安局' } },
  { sector: '公安交通管理', kind: 'DEPARTMENT', forms: { 公安厅交管局: '公安厅交通管理局', 公安厅交通管理局: '公安厅交通管理局' }, parent: '公安厅' },
  { sector: '公安交通管理', kind: 'DEPARTMENT', forms: { 公安交警支队: '公安局交通警察支队', 公安局交警支队: '公安局交通警察支队', 交警支队: '公安局交通警察支队', 公安局交通警察支队: '公安局交通警察支队' }, parent: '公安局' },
  { sector: '国防科技工业', kind: 'DEPARTMENT', forms: { 国防科工局: '国防科工局', 国防科技工业局: '国防科技工业局' } },
  { sector: '行政审批', kind: 'DEPARTMENT', forms: { 审批服务管理局: '行政审批服务管理局', 行政审批服务管理局: '行政审批服务管理局', 行政审批局: '行政审批服务管理局' } },
  { sector: '工业和信息化', kind: 'DEPARTMENT', forms: { 工信厅: '工业和信息化厅', 工业和信息化厅: '工业和信息化厅', 工信局: '工业和信息化局', 工业和信息化局: '工业和信息化局', 经济信息委: '经济和信息化委员会', 经信委: '经济和信息化委员会', 经济和信息化委员会: '经济和信息化委员会', 经信局: '经济和信息化局', 经济和信息化局: '经济和信息化局' } },
  { sector: '商务', kind: 'DEPARTMENT', forms: { 商务厅: '商务厅', 商务局: '商务局' } },
  { sector: '发展改革', kind: 'DEPARTMENT', forms: { 发展改革委: '发展和改革委员会', 发改委: '发展和改革委员会', 发展和改革委员会: '发展和改革委员会' } },
  { sector: '能源', kind: 'DEPARTMENT', forms: { 能源局: '能源局' } },
  { sector: '自然资源', kind: 'DEPARTMENT', forms: { 自然资源厅: '自然资源厅', 自然资源局: '自然资源局', 规划和自然资源局: '规划和自然资源局' } },
  { sector: '文化旅游', kind: 'DEPARTMENT', forms: { 文旅厅: '文化和旅游厅', 文化和旅游厅: '文化和旅游厅', 文旅局: '文化和旅游局', 文化和旅游局: '文化和旅游局' } },
  { sector: '水利', kind: 'DEPARTMENT', forms: { 水利厅: '水利厅', 水利局: '水利局', 水务局: '水务局' } },
  { sector: '农业农村', kind: 'DEPARTMENT', forms: { 农业农村厅: '农业农村厅', 农业农村局: '农业农村局' } },
  { sector: '教育', kind: 'DEPARTMENT', forms: { 教育厅: '教育厅', 教育局: '教育局' } },
  { sector: '民政', kind: 'DEPARTMENT', forms: { 民政厅: '民政厅', 民政局: '民政局' } },
  { sector: '卫生健康', kind: 'DEPARTMENT', forms: { 卫健委: '卫生健康委员会', 卫生健康委: '卫生健康委员会', 卫生健康委员会: '卫生健康委员会' } },
  { sector: '文物', kind: 'DEPARTMENT', forms: { 文物局: '文物局' } },
  { sector: '林业草原', kind: 'DEPARTMENT', forms: { 林草局: '林业和草原局', 林业和草原局: '林业和草原局', 林业局: '林业局' } },
  { sector: '地震', kind: 'VERTICAL_AGENCY', forms: { 地震局: '地震局' } },
  { sector: '气象', kind: 'VERTICAL_AGENCY', forms: { 气象局: '气象局' } },
  { sector: '财政', kind: 'DEPARTMENT', forms: { 财政厅: '财政厅', 财政局: '财政局' } },
  { sector: '政务数据', kind: 'DEPARTMENT', forms: { 政务信息局: '政务信息管理局', 政务信息管理局: '政务信息管理局', 大数据局: '大数据局', 大数据应用局: '大数据应用局' } },
  { sector: '粮食和物资储备', kind: 'DEPARTMENT', forms: { 粮食和储备局: '粮食和物资储备局', 粮食和物资储备局: '粮食和物资储备局' } },
  { sector: '人力资源社会保障', kind: 'DEPARTMENT', forms: { 人社厅: '人力资源和社会保障厅', 人力资源和社会保障厅: '人力资源和社会保障厅', 人社局: '人力资源和社会保障局', 人力社保局: '人力资源和社会保障局', 人力资源社会保障局: '人力资源和社会保障局', 人力资源和社会保障局: '人力资源和社会保障局', 人力社保厅: '人力资源和社会保障厅', 人力资源社会保障厅: '人力资源和社会保障厅' } },
  { sector: '司法行政', kind: 'DEPARTMENT', forms: { 司法厅: '司法厅', 司法局: '司法局' } },
  { sector: '生态环境', kind: 'DEPARTMENT', forms: { 生态环境厅: '生态环境厅', 生态环境局: '生态环境局' } },
  { sector: '科技', kind: 'DEPARTMENT', forms: { 科技厅: '科学技术厅', 科学技术厅: '科学技术厅', 科技局: '科学技术局', 科学技术局: '科学技术局' } },
  { sector: '邮政', kind: 'VERTICAL_AGENCY', forms: { 邮政管理局: '邮政管理局' } },
  { sector: '税务', kind: 'VERTICAL_AGENCY', forms: { 税务局: '税务局' }, format: tax },
  { sector: '金融', kind: 'DEPARTMENT', forms: { 金融办: '金融办', 地方金融监督管理局: '地方金融监督管理局', 金融工作办公室: '金融工作办公室' } },
  { sector: '统计', kind: 'DEPARTMENT', forms: { 统计局: '统计局' } },
  { sector: '网信', kind: 'PARTY_ORGAN', forms: { 网信办: '网络安全和信息化委员会办公室', 委网信办: '网络安全和信息化委员会办公室' }, format: party },
  { sector: '组织', kind: 'PARTY_ORGAN', forms: { 委组织部: '组织部' }, format: party },
  { sector: '宣传', kind: 'PARTY_ORGAN', forms: { 委宣传部: '宣传部' }, format: party },
  { sector: '政法', kind: 'PARTY_ORGAN', forms: { 委政法委: '政法委员会' }, format: party },
  { sector: '广播电视', kind: 'DEPARTMENT', forms: { 广电局: '广播电视局', 广播电视局: '广播电视局' } },
  { sector: '体育', kind: 'DEPARTMENT', forms: { 体育局: '体育局' } },
  { sector: '国有资产', kind: 'DEPARTMENT', forms: { 国资委: '人民政府国有资产监督管理委员会' } },
  { sector: '疾病预防控制', kind: 'DEPARTMENT', forms: { 疾控局: '疾病预防控制局' } },
  { sector: '城市管理', kind: 'DEPARTMENT', forms: { 城管局: '城市管理局', 城市管理局: '城市管理局', 城市管理综合执法局: '城市管理综合执法局' } },
  { sector: '信访', kind: 'DEPARTMENT', forms: { 信访局: '信访局' } },
  { sector: '审计', kind: 'DEPARTMENT', forms: { 审计厅: '审计厅', 审计局: '审计局' } },
  { sector: '医疗保障', kind: 'DEPARTMENT', forms: { 医保局: '医疗保障局', 医疗保障局: '医疗保障局' } },
  { sector: '退役军人事务', kind: 'DEPARTMENT', forms: { 退役军人事务厅: '退役军人事务厅', 退役军人事务局: '退役军人事务局' } },
  { sector: '机构编制', kind: 'PARTY_ORGAN', forms: { 委编办: '机构编制委员会办公室' }, format: party },
  { sector: '安全生产', kind: 'COMMITTEE', forms: { 安委会: '安全生产委员会', 安全生产委员会: '安全生产委员会' } },
  { sector: '安全生产', kind: 'OFFICE', forms: { 安委办: '安全生产委员会办公室', 安委会办公室: '安全生产委员会办公室', 安全生产委员会办公室: '安全生产委员会办公室' }, parent: '安全生产委员会' },
  { sector: '防灾减灾', kind: 'COMMITTEE', forms: { 减灾委: '减灾委员会', 减灾委员会: '减灾委员会' } },
  { sector: '防灾减灾', kind: 'OFFICE', forms: { 减灾委办公室: '减灾委员会办公室', 减灾委员会办公室: '减灾委员会办公室', 减灾办: '减灾委员会办公室' }, parent: '减灾委员会' },
  { sector: '应急指挥', kind: 'COMMITTEE', forms: { 应急救援总指挥部: '应急救援总指挥部' } },
  { sector: '应急指挥', kind: 'OFFICE', forms: { 应急救援总指挥部办公室: '应急救援总指挥部办公室' }, parent: '应急救援总指挥部' },
  { sector: '政府', kind: 'GOVERNMENT', forms: { 人民政府: '人民政府', 政府: '人民政府' } },
  {
    sector: '政府',
    kind: 'OFFICE',
    forms: { 人民政府办公室: '人民政府办公室', 政府办公室: '人民政府办公室', 政府办: '人民政府办公室', 人民政府办公厅: '人民政府办公厅', 政府办公厅: '人民政府办公厅' },
    parent: '人民政府',
  },
];

const FORM_INDEX = new Map<string, SectorBody>();
for (const body of SECTOR_BODIES) for (const form of Object.keys(body.forms)) FORM_INDEX.set(form, body);

/** the sector body a written form (without jurisdiction) stands for */
export function sectorBody(form: string): { body: SectorBody; full: string } | null {
  const body = FORM_INDEX.get(form);
  return body ? { body, full: body.forms[form] } : null;
}

/** the short form officials write (省应急厅 for 应急管理厅): every form of the body at that level */
export function formsOf(full: string): string[] {
  const out: string[] = [];
  for (const body of SECTOR_BODIES) for (const [form, f] of Object.entries(body.forms)) if (f === full) out.push(form);
  return out;
}
