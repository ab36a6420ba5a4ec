import type { UnitKind } from '../../ingest/types.js';

/**
 * The central bodies, by the forms the State Council's documents write them in
 * (发展改革委, 市场监管总局 …) → full name and sector. Forms that are also local bodies'
 * (能源局, 气象局) count as national only in a national document.
 */
interface NationalBody {
  name: string;
  sector: string;
  kind?: UnitKind;
}

const TABLE: [string[], NationalBody][] = [
  [['国家发展改革委', '发展改革委', '国家发展和改革委员会'], { name: '国家发展和改革委员会', sector: '发展改革' }],
  [['教育部'], { name: '教育部', sector: '教育' }],
  [['科技部', '科学技术部'], { name: '科学技术部', sector: '科技' }],
  [['工业和信息化部', '工信部'], { name: '工业和信息化部', sector: '工业和信息化' }],
  [['公安部'], { name: '公安部', sector: '公安' }],
  [['民政部'], { name: '民政部', sector: '民政' }],
  [['司法部'], { name: '司法部', sector: '司法行政' }],
  [['财政部'], { name: '财政部', sector: '财政' }],
  [['人力资源社会保障部', '人力资源和社会保障部', '人社部'], { name: '人力资源和社会保障部', sector: '人力资源社会保障' }],
  [['自然资源部'], { name: '自然资源部', sector: '自然资源' }],
  [['生态环境部'], { name: '生态环境部', sector: '生态环境' }],
  [['住房城乡建设部', '住房和城乡建设部', '住建部'], { name: '住房和城乡建设部', sector: '住房城乡建设' }],
  [['交通运输部'], { name: '交通运输部', sector: '交通运输' }],
  [['水利部'], { name: '水利部', sector: '水利' }],
  [['农业农村部'], { name: '农业农村部', sector: '农业农村' }],
  [['商务部'], { name: '商务部', sector: '商务' }],
  [['文化和旅游部', '文旅部'], { name: '文化和旅游部', sector: '文化旅游' }],
  [['国家卫生健康委', '卫生健康委', '国家卫健委', '国家卫生健康委员会'], { name: '国家卫生健康委员会', sector: '卫生健康' }],
  [['应急管理部', '应急部'], { name: '应急管理部', sector: '应急管理' }],
  [['人民银行', '中国人民银行'], { name: '中国人民银行', sector: '金融' }],
  [['审计署'], { name: '审计署', sector: '审计' }],
  [['国务院国资委', '国资委'], { name: '国务院国有资产监督管理委员会', sector: '国有资产' }],
  [['海关总署'], { name: '海关总署', sector: '海关', kind: 'VERTICAL_AGENCY' }],
  [['税务总局', '国家税务总局'], { name: '国家税务总局', sector: '税务', kind: 'VERTICAL_AGENCY' }],
  [['市场监管总局', '国家市场监管总局', '国家市场监督管理总局'], { name: '国家市场监督管理总局', sector: '市场监管' }],
  [['金融监管总局', '国家金融监督管理总局'], { name: '国家金融监督管理总局', sector: '金融', kind: 'VERTICAL_AGENCY' }],
  [['广电总局', '国家广电总局', '国家广播电视总局'], { name: '国家广播电视总局', sector: '广播电视' }],
  [['体育总局', '国家体育总局'], { name: '国家体育总局', sector: '体育' }],
  [['统计局', '国家统计局'], { name: '国家统计局', sector: '统计' }],
  [['国家国防科工局', '国防科工局', '国家国防科技工业局'], { name: '国家国防科技工业局', sector: '国防科技工业' }],
  [['国家能源局', '能源局'], { name: '国家能源局', sector: '能源' }],
  [['国家林草局', '林草局', '国家林业和草原局'], { name: '国家林业和草原局', sector: '林业草原' }],
  [['国家铁路局', '铁路局'], { name: '国家铁路局', sector: '铁路' }],
  [['中国民航局', '民航局', '中国民用航空局'], { name: '中国民用航空局', sector: '民航' }],
  [['国家邮政局', '邮政局'], { name: '国家邮政局', sector: '邮政' }],
  [['国家文物局', '文物局'], { name: '国家文物局', sector: '文物' }],
  [['国家疾控局', '疾控局', '国家疾病预防控制局'], { name: '国家疾病预防控制局', sector: '疾病预防控制' }],
  [['国家矿山安监局', '矿山安监局', '国家矿山安全监察局'], { name: '国家矿山安全监察局', sector: '矿山安全', kind: 'VERTICAL_AGENCY' }],
  [['国家消防救援局', '消防救援局'], { name: '国家消防救援局', sector: '消防救援', kind: 'RESCUE_TEAM' }],
  [['中国气象局', '气象局'], { name: '中国气象局', sector: '气象', kind: 'VERTICAL_AGENCY' }],
  [['中国地震局', '地震局'], { name: '中国地震局', sector: '地震', kind: 'VERTICAL_AGENCY' }],
  [['国家粮食和储备局', '国家粮食和物资储备局', '粮食和储备局'], { name: '国家粮食和物资储备局', sector: '粮食和物资储备' }],
  [['国家数据局'], { name: '国家数据局', sector: '政务数据' }],
  [['国家网信办', '国家互联网信息办公室'], { name: '国家互联网信息办公室', sector: '网信' }],
  [['中央网信办'], { name: '中央网络安全和信息化委员会办公室', sector: '网信', kind: 'PARTY_ORGAN' }],
  [['国务院安委会', '国务院安全生产委员会'], { name: '国务院安全生产委员会', sector: '安全生产', kind: 'COMMITTEE' }],
  [['国务院安委办', '国务院安委会办公室', '国务院安全生产委员会办公室'], { name: '国务院安全生产委员会办公室', sector: '安全生产', kind: 'OFFICE' }],
  [['国家减灾委', '国家减灾委员会'], { name: '国家减灾委员会', sector: '防灾减灾', kind: 'COMMITTEE' }],
  [['国家减灾委办公室', '国家减灾委员会办公室'], { name: '国家减灾委员会办公室', sector: '防灾减灾', kind: 'OFFICE' }],
  [['国家防总办公室', '国家防汛抗旱总指挥部办公室'], { name: '国家防汛抗旱总指挥部办公室', sector: '防汛抗旱', kind: 'OFFICE' }],
  [['国家防总', '国家防汛抗旱总指挥部'], { name: '国家防汛抗旱总指挥部', sector: '防汛抗旱', kind: 'COMMITTEE' }],
  [['国务院办公厅', '国办'], { name: '国务院办公厅', sector: '政府', kind: 'OFFICE' }],
  [['国务院'], { name: '国务院', sector: '政府', kind: 'GOVERNMENT' }],
  [['国铁集团', '中国国家铁路集团有限公司'], { name: '中国国家铁路集团有限公司', sector: '铁路', kind: 'ENTERPRISE' }],
];

const INDEX = new Map<string, NationalBody & { forms: string[] }>();
for (const [forms, body] of TABLE) for (const f of forms) INDEX.set(f, { ...body, forms });

// forms every document means nationally; the others only a national document does
const ALWAYS_NATIONAL = /^(国家|国务院|中国|中央)|(部|署|总局)$/;

export function nationalBody(name: string, inNationalDocument: boolean): (NationalBody & { forms: string[] }) | null {
  const hit = INDEX.get(name);
  if (!hit) return null;
  return inNationalDocument || ALWAYS_NATIONAL.test(name) ? hit : null;
}
