import type { UnitKind } from '../../ingest/types.js';

/**
 * The central bodies, by the forms documents write them in (发展改革委, 国家发展改革委,
 * 国家发改委, 市场监管总局 …) → full name, sector and kind. The central level as of
 * 2024–2025, after the 2023 Party-state and State Council reforms, plus the former bodies
 * older documents still name (农业部, 国家安全监管总局, 银保监会 …), each under its own name:
 * an old document resolves to what it says, not to today's successor.
 *
 * Forms that are also local bodies' (发展改革委, 能源局, 统计局, 气象局, 妇联 …) count as
 * national only in a national document; forms only the centre has (国家…, 中央…, …部, …总局,
 * 人民银行, 团中央 …) count as national in any document: see ALWAYS_NATIONAL.
 *
 * Where one institution carries two names (中央网信办 / 国家网信办, 中央台办 / 国务院台办,
 * 中宣部 / 国务院新闻办 …) each name is its own row, as a document names one of them.
 */
export interface NationalBody {
  name: string;
  sector: string;
  kind?: UnitKind;
}

const PARTY: UnitKind = 'PARTY_ORGAN';
const COMMITTEE: UnitKind = 'COMMITTEE';
const OFFICE: UnitKind = 'OFFICE';
const VERTICAL: UnitKind = 'VERTICAL_AGENCY';
const INSTITUTION: UnitKind = 'PUBLIC_INSTITUTION';
const OTHER: UnitKind = 'OTHER';

const TABLE: [string[], NationalBody][] = [
  // ── 国务院 and its general office
  [['国务院办公厅', '国办'], { name: '国务院办公厅', sector: '政府', kind: 'OFFICE' }],
  [['国务院'], { name: '国务院', sector: '政府', kind: 'GOVERNMENT' }],

  // ── 国务院组成部门 (26)
  [['外交部'], { name: '外交部', sector: '外交' }],
  [['国防部'], { name: '国防部', sector: '国防' }],
  [['国家发展改革委', '发展改革委', '国家发展和改革委员会', '国家发改委', '发改委'], { name: '国家发展和改革委员会', sector: '发展改革' }],
  [['教育部'], { name: '教育部', sector: '教育' }],
  [['科技部', '科学技术部'], { name: '科学技术部', sector: '科技' }],
  [['工业和信息化部', '工信部'], { name: '工业和信息化部', sector: '工业和信息化' }],
  [['国家民委', '国家民族事务委员会', '民委'], { name: '国家民族事务委员会', sector: '民族事务' }],
  [['公安部'], { name: '公安部', sector: '公安' }],
  [['国家安全部'], { name: '国家安全部', sector: '国家安全' }],
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
  [['国家卫生健康委', '卫生健康委', '国家卫健委', '国家卫生健康委员会', '卫健委'], { name: '国家卫生健康委员会', sector: '卫生健康' }],
  [['退役军人事务部', '退役军人部'], { name: '退役军人事务部', sector: '退役军人事务' }],
  [['应急管理部', '应急部'], { name: '应急管理部', sector: '应急管理' }],
  [['人民银行', '中国人民银行', '央行'], { name: '中国人民银行', sector: '金融' }],
  [['审计署', '中华人民共和国审计署'], { name: '审计署', sector: '审计' }],

  // ── 国务院直属特设机构
  [['国务院国资委', '国资委'], { name: '国务院国有资产监督管理委员会', sector: '国有资产' }],

  // ── 国务院直属机构 (14)
  [['海关总署', '中华人民共和国海关总署'], { name: '海关总署', sector: '海关', kind: 'VERTICAL_AGENCY' }],
  [['税务总局', '国家税务总局'], { name: '国家税务总局', sector: '税务', kind: 'VERTICAL_AGENCY' }],
  [['市场监管总局', '国家市场监管总局', '国家市场监督管理总局'], { name: '国家市场监督管理总局', sector: '市场监管' }],
  [['金融监管总局', '国家金融监督管理总局', '国家金融监管总局'], { name: '国家金融监督管理总局', sector: '金融', kind: 'VERTICAL_AGENCY' }],
  [['中国证监会', '证监会', '中国证券监督管理委员会'], { name: '中国证券监督管理委员会', sector: '金融', kind: VERTICAL }],
  [['广电总局', '国家广电总局', '国家广播电视总局'], { name: '国家广播电视总局', sector: '广播电视' }],
  [['体育总局', '国家体育总局'], { name: '国家体育总局', sector: '体育' }],
  [['国家信访局', '信访局'], { name: '国家信访局', sector: '信访' }],
  [['统计局', '国家统计局'], { name: '国家统计局', sector: '统计' }],
  [['国家知识产权局', '知识产权局'], { name: '国家知识产权局', sector: '知识产权' }],
  [['国家国际发展合作署', '国际发展合作署', '国合署'], { name: '国家国际发展合作署', sector: '国际发展合作' }],
  [['国家医保局', '医保局', '国家医疗保障局'], { name: '国家医疗保障局', sector: '医疗保障' }],
  [['国务院参事室', '参事室'], { name: '国务院参事室', sector: '参事' }],
  [['国管局', '国家机关事务管理局'], { name: '国家机关事务管理局', sector: '机关事务' }],

  // ── 国务院办事机构
  [['国务院研究室', '研究室'], { name: '国务院研究室', sector: '政策研究', kind: OFFICE }],

  // ── 国务院直属事业单位
  [['新华社', '新华通讯社'], { name: '新华通讯社', sector: '新闻', kind: INSTITUTION }],
  [['中国科学院', '中科院'], { name: '中国科学院', sector: '科研', kind: INSTITUTION }],
  [['中国社会科学院', '中国社科院', '社科院'], { name: '中国社会科学院', sector: '社会科学', kind: INSTITUTION }],
  [['中国工程院', '工程院'], { name: '中国工程院', sector: '科研', kind: INSTITUTION }],
  [['国务院发展研究中心', '发展研究中心', '国研中心'], { name: '国务院发展研究中心', sector: '政策研究', kind: INSTITUTION }],
  [['中央广播电视总台', '中央广电总台'], { name: '中央广播电视总台', sector: '广播电视', kind: INSTITUTION }],
  [['中国气象局', '气象局'], { name: '中国气象局', sector: '气象', kind: 'VERTICAL_AGENCY' }],
  [['国家行政学院', '行政学院'], { name: '国家行政学院', sector: '党校', kind: INSTITUTION }],
  [['全国社会保障基金理事会', '全国社保基金会', '社保基金会'], { name: '全国社会保障基金理事会', sector: '社会保障基金', kind: INSTITUTION }],
  [['国家自然科学基金委员会', '国家自然科学基金委', '自然科学基金委', '自然科学基金会'], { name: '国家自然科学基金委员会', sector: '科技', kind: INSTITUTION }],
  [['中国地震局', '地震局'], { name: '中国地震局', sector: '地震', kind: 'VERTICAL_AGENCY' }],

  // ── 部委管理的国家局
  [['国家粮食和储备局', '国家粮食和物资储备局', '粮食和储备局'], { name: '国家粮食和物资储备局', sector: '粮食和物资储备' }],
  [['国家能源局', '能源局'], { name: '国家能源局', sector: '能源' }],
  [['国家数据局', '数据局'], { name: '国家数据局', sector: '政务数据' }],
  [['国家国防科工局', '国防科工局', '国家国防科技工业局'], { name: '国家国防科技工业局', sector: '国防科技工业' }],
  [['国家烟草局', '烟草局', '国家烟草专卖局'], { name: '国家烟草专卖局', sector: '烟草专卖', kind: VERTICAL }],
  [['国家移民局', '移民局', '国家移民管理局'], { name: '国家移民管理局', sector: '移民管理' }],
  [['国家林草局', '林草局', '国家林业和草原局'], { name: '国家林业和草原局', sector: '林业草原' }],
  [['国家铁路局', '铁路局'], { name: '国家铁路局', sector: '铁路' }],
  [['中国民航局', '民航局', '中国民用航空局'], { name: '中国民用航空局', sector: '民航' }],
  // kind fixed: the postal administration is a vertical system (sectors.ts has its local bureaus as VERTICAL_AGENCY)
  [['国家邮政局', '邮政局'], { name: '国家邮政局', sector: '邮政', kind: VERTICAL }],
  [['国家文物局', '文物局'], { name: '国家文物局', sector: '文物' }],
  [['国家中医药局', '中医药局', '国家中医药管理局'], { name: '国家中医药管理局', sector: '中医药' }],
  [['国家疾控局', '疾控局', '国家疾病预防控制局'], { name: '国家疾病预防控制局', sector: '疾病预防控制' }],
  [['国家矿山安监局', '矿山安监局', '国家矿山安全监察局'], { name: '国家矿山安全监察局', sector: '矿山安全', kind: 'VERTICAL_AGENCY' }],
  [['国家消防救援局', '消防救援局'], { name: '国家消防救援局', sector: '消防救援', kind: 'RESCUE_TEAM' }],
  [['国家外汇局', '外汇局', '国家外汇管理局'], { name: '国家外汇管理局', sector: '外汇管理', kind: VERTICAL }],
  [['国家药监局', '药监局', '国家药品监督管理局'], { name: '国家药品监督管理局', sector: '药品监管' }],

  // ── names other bodies carry (加挂 / 对外保留的牌子): a document may name the body by them
  [['国家公务员局'], { name: '国家公务员局', sector: '组织' }],
  [['国家档案局'], { name: '国家档案局', sector: '档案' }],
  [['国家保密局'], { name: '国家保密局', sector: '保密' }],
  [['国家密码管理局'], { name: '国家密码管理局', sector: '密码' }],
  [['国家宗教局', '宗教局', '国家宗教事务局'], { name: '国家宗教事务局', sector: '宗教事务' }],
  [['国家新闻出版署', '新闻出版署'], { name: '国家新闻出版署', sector: '新闻出版' }],
  [['国家版权局'], { name: '国家版权局', sector: '新闻出版' }],
  [['国家电影局'], { name: '国家电影局', sector: '电影' }],
  [['国家航天局'], { name: '国家航天局', sector: '航天' }],
  [['国家原子能机构'], { name: '国家原子能机构', sector: '原子能' }],
  [['国家核安全局'], { name: '国家核安全局', sector: '核安全' }],
  [['国家语委', '国家语言文字工作委员会'], { name: '国家语言文字工作委员会', sector: '语言文字' }],
  [['国家外专局', '外专局', '国家外国专家局'], { name: '国家外国专家局', sector: '外国专家' }],
  [['国家海洋局', '海洋局'], { name: '国家海洋局', sector: '海洋' }],
  [['国家乡村振兴局', '乡村振兴局'], { name: '国家乡村振兴局', sector: '乡村振兴' }],
  [['国家反垄断局'], { name: '国家反垄断局', sector: '反垄断' }],
  [['国家认监委', '认监委', '国家认证认可监督管理委员会'], { name: '国家认证认可监督管理委员会', sector: '认证认可' }],
  [['国家标准委', '标准委', '国家标准化管理委员会'], { name: '国家标准化管理委员会', sector: '标准化' }],
  [['国务院新闻办', '国务院新闻办公室', '国新办', '新闻办'], { name: '国务院新闻办公室', sector: '新闻', kind: OFFICE }],
  [['国务院台办', '国务院台湾事务办公室', '国台办', '台办'], { name: '国务院台湾事务办公室', sector: '对台', kind: OFFICE }],
  [['国务院港澳办', '国务院港澳事务办公室', '港澳办'], { name: '国务院港澳事务办公室', sector: '港澳', kind: OFFICE }],
  [['国务院侨办', '国务院侨务办公室', '侨办'], { name: '国务院侨务办公室', sector: '侨务', kind: OFFICE }],
  [['国家网信办', '国家互联网信息办公室'], { name: '国家互联网信息办公室', sector: '网信' }],

  // ── 中共中央 and its organs
  [['中共中央', '党中央', '中国共产党中央委员会'], { name: '中国共产党中央委员会', sector: '党委', kind: PARTY }],
  [['中央办公厅', '中共中央办公厅', '中办'], { name: '中共中央办公厅', sector: '党委', kind: PARTY }],
  [['中央组织部', '中共中央组织部', '中组部'], { name: '中共中央组织部', sector: '组织', kind: PARTY }],
  [['中央宣传部', '中共中央宣传部', '中宣部'], { name: '中共中央宣传部', sector: '宣传', kind: PARTY }],
  [['中央统战部', '中共中央统一战线工作部', '中央统一战线工作部'], { name: '中共中央统一战线工作部', sector: '统战', kind: PARTY }],
  [['中央对外联络部', '中共中央对外联络部', '中联部'], { name: '中共中央对外联络部', sector: '对外联络', kind: PARTY }],
  [['中央政法委', '中共中央政法委员会', '中央政法委员会'], { name: '中共中央政法委员会', sector: '政法', kind: PARTY }],
  [['中央政策研究室', '中共中央政策研究室', '中央政研室'], { name: '中共中央政策研究室', sector: '政策研究', kind: PARTY }],
  [['中央网信办'], { name: '中央网络安全和信息化委员会办公室', sector: '网信', kind: 'PARTY_ORGAN' }],
  [['中央外办', '中央外事工作委员会办公室'], { name: '中央外事工作委员会办公室', sector: '外事', kind: PARTY }],
  [['中央编办', '中编办', '中央机构编制委员会办公室'], { name: '中央机构编制委员会办公室', sector: '机构编制', kind: PARTY }],
  [['中央财办', '中央财经委员会办公室'], { name: '中央财经委员会办公室', sector: '财经', kind: PARTY }],
  [['中央金融办', '中央金融委员会办公室'], { name: '中央金融委员会办公室', sector: '金融', kind: PARTY }],
  [['中央金融工委', '中央金融工作委员会'], { name: '中央金融工作委员会', sector: '金融', kind: PARTY }],
  [['中央社会工作部', '中共中央社会工作部', '中央社工部'], { name: '中共中央社会工作部', sector: '社会工作', kind: PARTY }],
  [['中央港澳办', '中央港澳工作办公室', '中共中央港澳工作办公室'], { name: '中共中央港澳工作办公室', sector: '港澳', kind: PARTY }],
  [['中央台办', '中共中央台湾工作办公室'], { name: '中共中央台湾工作办公室', sector: '对台', kind: PARTY }],
  [['中央农办', '中央农村工作领导小组办公室'], { name: '中央农村工作领导小组办公室', sector: '农业农村', kind: PARTY }],
  [['中央国安办', '中央国家安全委员会办公室'], { name: '中央国家安全委员会办公室', sector: '国家安全', kind: PARTY }],
  [['中央改革办', '中央深改办', '中央全面深化改革委员会办公室'], { name: '中央全面深化改革委员会办公室', sector: '改革', kind: PARTY }],
  [['中央依法治国办', '中央全面依法治国委员会办公室'], { name: '中央全面依法治国委员会办公室', sector: '法治', kind: PARTY }],
  [['中央审计办', '中央审计委员会办公室'], { name: '中央审计委员会办公室', sector: '审计', kind: PARTY }],
  [['中央巡视办', '中央巡视工作领导小组办公室'], { name: '中央巡视工作领导小组办公室', sector: '巡视', kind: PARTY }],
  [['中央文明办', '中央精神文明建设指导委员会办公室', '中央精神文明建设办公室'], { name: '中央精神文明建设指导委员会办公室', sector: '精神文明', kind: PARTY }],
  [['中央和国家机关工委', '中央和国家机关工作委员会'], { name: '中央和国家机关工作委员会', sector: '机关党建', kind: PARTY }],
  [['中央纪委', '中共中央纪律检查委员会'], { name: '中共中央纪律检查委员会', sector: '纪检监察', kind: PARTY }],
  [['国家监委', '国家监察委员会'], { name: '国家监察委员会', sector: '纪检监察', kind: OTHER }],
  // the two bodies work as one (合署办公) and documents name them together
  [['中央纪委国家监委', '中央纪委国家监委机关'], { name: '中央纪委国家监委', sector: '纪检监察', kind: PARTY }],
  // named in 2017–2022 documents
  [['中央军民融合办', '中央军民融合发展委员会办公室'], { name: '中央军民融合发展委员会办公室', sector: '军民融合', kind: PARTY }],
  [['中央党校', '中共中央党校', '中共中央党校（国家行政学院）', '中央党校（国家行政学院）'], { name: '中共中央党校', sector: '党校', kind: INSTITUTION }],
  [['中央党史和文献研究院', '中共中央党史和文献研究院'], { name: '中共中央党史和文献研究院', sector: '党史文献', kind: INSTITUTION }],
  [['人民日报社'], { name: '人民日报社', sector: '新闻', kind: INSTITUTION }],

  // ── 中央军委 and the armed forces, as civil documents name them
  [['中央军委', '中央军事委员会'], { name: '中央军事委员会', sector: '军事', kind: OTHER }],
  [['中央军委联合参谋部', '军委联合参谋部', '中央军事委员会联合参谋部'], { name: '中央军事委员会联合参谋部', sector: '军事', kind: OTHER }],
  [['中央军委政治工作部', '军委政治工作部', '中央军事委员会政治工作部'], { name: '中央军事委员会政治工作部', sector: '军事', kind: OTHER }],
  [['中央军委后勤保障部', '军委后勤保障部', '中央军事委员会后勤保障部'], { name: '中央军事委员会后勤保障部', sector: '军事', kind: OTHER }],
  [['中央军委装备发展部', '军委装备发展部', '中央军事委员会装备发展部'], { name: '中央军事委员会装备发展部', sector: '军事', kind: OTHER }],
  [['中央军委训练管理部', '军委训练管理部', '中央军事委员会训练管理部'], { name: '中央军事委员会训练管理部', sector: '军事', kind: OTHER }],
  [['中央军委国防动员部', '军委国防动员部', '中央军事委员会国防动员部'], { name: '中央军事委员会国防动员部', sector: '国防动员', kind: OTHER }],
  [['武警部队', '中国人民武装警察部队'], { name: '中国人民武装警察部队', sector: '武警', kind: OTHER }],

  // ── the legislature, the CPPCC, the courts and the procuratorate
  [['全国人大', '全国人民代表大会'], { name: '全国人民代表大会', sector: '人大', kind: OTHER }],
  [['全国人大常委会', '全国人民代表大会常务委员会'], { name: '全国人民代表大会常务委员会', sector: '人大', kind: OTHER }],
  [['全国政协', '中国人民政治协商会议全国委员会'], { name: '中国人民政治协商会议全国委员会', sector: '政协', kind: OTHER }],
  [['最高人民法院', '最高法'], { name: '最高人民法院', sector: '审判', kind: OTHER }],
  [['最高人民检察院', '最高检'], { name: '最高人民检察院', sector: '检察', kind: OTHER }],

  // ── mass organisations and similar
  [['全国总工会', '中华全国总工会', '总工会'], { name: '中华全国总工会', sector: '工会', kind: OTHER }],
  [['共青团中央', '团中央', '中国共产主义青年团中央委员会'], { name: '中国共产主义青年团中央委员会', sector: '共青团', kind: OTHER }],
  [['全国妇联', '中华全国妇女联合会', '妇联'], { name: '中华全国妇女联合会', sector: '妇联', kind: OTHER }],
  [['中国科协', '中国科学技术协会', '科协'], { name: '中国科学技术协会', sector: '科协', kind: OTHER }],
  [['全国工商联', '中华全国工商业联合会', '工商联'], { name: '中华全国工商业联合会', sector: '工商联', kind: OTHER }],
  [['中国残联', '中国残疾人联合会', '残联'], { name: '中国残疾人联合会', sector: '残联', kind: OTHER }],
  [['中国文联', '中国文学艺术界联合会', '文联'], { name: '中国文学艺术界联合会', sector: '文联', kind: OTHER }],
  [['中国作协', '中国作家协会', '作协'], { name: '中国作家协会', sector: '作协', kind: OTHER }],
  [['中国侨联', '全国侨联', '中华全国归国华侨联合会', '侨联'], { name: '中华全国归国华侨联合会', sector: '侨联', kind: OTHER }],
  [['中国红十字会总会', '中国红十字会', '红十字会总会', '红十字会'], { name: '中国红十字会总会', sector: '红十字', kind: OTHER }],
  [['供销合作总社', '中华全国供销合作总社', '全国供销合作总社', '供销总社'], { name: '中华全国供销合作总社', sector: '供销合作', kind: OTHER }],
  [['中国贸促会', '中国国际贸易促进委员会', '贸促会'], { name: '中国国际贸易促进委员会', sector: '贸易促进', kind: OTHER }],

  // ── deliberative and coordinating bodies, and their offices
  [['国务院安委会', '国务院安全生产委员会'], { name: '国务院安全生产委员会', sector: '安全生产', kind: 'COMMITTEE' }],
  [['国务院安委办', '国务院安委会办公室', '国务院安全生产委员会办公室'], { name: '国务院安全生产委员会办公室', sector: '安全生产', kind: 'OFFICE' }],
  // 国家减灾委员会 became 国家防灾减灾救灾委员会 in 2023; older documents name the former
  [['国家减灾委', '国家减灾委员会'], { name: '国家减灾委员会', sector: '防灾减灾', kind: 'COMMITTEE' }],
  [['国家减灾委办公室', '国家减灾委员会办公室'], { name: '国家减灾委员会办公室', sector: '防灾减灾', kind: 'OFFICE' }],
  [['国家防减救灾委', '国家防灾减灾救灾委员会'], { name: '国家防灾减灾救灾委员会', sector: '防灾减灾', kind: COMMITTEE }],
  [['国家防减救灾委办公室', '国家防灾减灾救灾委员会办公室'], { name: '国家防灾减灾救灾委员会办公室', sector: '防灾减灾', kind: OFFICE }],
  [['国家防总办公室', '国家防汛抗旱总指挥部办公室'], { name: '国家防汛抗旱总指挥部办公室', sector: '防汛抗旱', kind: 'OFFICE' }],
  [['国家防总', '国家防汛抗旱总指挥部'], { name: '国家防汛抗旱总指挥部', sector: '防汛抗旱', kind: 'COMMITTEE' }],
  [['国家森防指', '国家森林草原防灭火指挥部'], { name: '国家森林草原防灭火指挥部', sector: '森林草原防灭火', kind: COMMITTEE }],
  [['国家森防指办公室', '国家森林草原防灭火指挥部办公室'], { name: '国家森林草原防灭火指挥部办公室', sector: '森林草原防灭火', kind: OFFICE }],
  [['国务院抗震救灾指挥部'], { name: '国务院抗震救灾指挥部', sector: '抗震救灾', kind: COMMITTEE }],
  [['国务院抗震救灾指挥部办公室'], { name: '国务院抗震救灾指挥部办公室', sector: '抗震救灾', kind: OFFICE }],
  [['国务院食安委', '国务院食品安全委员会'], { name: '国务院食品安全委员会', sector: '食品安全', kind: COMMITTEE }],
  [['国务院食安办', '国务院食品安全委员会办公室'], { name: '国务院食品安全委员会办公室', sector: '食品安全', kind: OFFICE }],
  [['国务院妇儿工委', '国务院妇女儿童工作委员会'], { name: '国务院妇女儿童工作委员会', sector: '妇女儿童', kind: COMMITTEE }],
  [['国务院妇儿工委办公室', '国务院妇女儿童工作委员会办公室'], { name: '国务院妇女儿童工作委员会办公室', sector: '妇女儿童', kind: OFFICE }],
  [['全国爱卫会', '全国爱国卫生运动委员会'], { name: '全国爱国卫生运动委员会', sector: '爱国卫生', kind: COMMITTEE }],
  [['全国爱卫办', '全国爱国卫生运动委员会办公室'], { name: '全国爱国卫生运动委员会办公室', sector: '爱国卫生', kind: OFFICE }],
  [['全国老龄委', '全国老龄工作委员会'], { name: '全国老龄工作委员会', sector: '老龄', kind: COMMITTEE }],
  [['全国老龄办', '全国老龄工作委员会办公室'], { name: '全国老龄工作委员会办公室', sector: '老龄', kind: OFFICE }],
  [['国务院残工委', '国务院残疾人工作委员会'], { name: '国务院残疾人工作委员会', sector: '残疾人工作', kind: COMMITTEE }],
  [['全国绿化委', '全国绿化委员会'], { name: '全国绿化委员会', sector: '国土绿化', kind: COMMITTEE }],
  [['国家禁毒委', '国家禁毒委员会'], { name: '国家禁毒委员会', sector: '禁毒', kind: COMMITTEE }],
  [['国务院学位委员会'], { name: '国务院学位委员会', sector: '学位', kind: COMMITTEE }],
  [['国家国防动员委员会'], { name: '国家国防动员委员会', sector: '国防动员', kind: COMMITTEE }],

  // ── enterprises
  [['国铁集团', '中国国家铁路集团有限公司'], { name: '中国国家铁路集团有限公司', sector: '铁路', kind: 'ENTERPRISE' }],

  // ── former bodies, under their own names (successor in the comment)
  [['农业部'], { name: '农业部', sector: '农业农村' }], // → 农业农村部, 2018
  [['国土资源部'], { name: '国土资源部', sector: '自然资源' }], // → 自然资源部, 2018
  [['国家测绘地理信息局', '国家测绘地信局', '测绘地信局'], { name: '国家测绘地理信息局', sector: '自然资源' }], // → 自然资源部, 2018
  [['环境保护部', '环保部'], { name: '环境保护部', sector: '生态环境' }], // → 生态环境部, 2018
  [['国家环境保护总局', '国家环保总局', '环保总局'], { name: '国家环境保护总局', sector: '生态环境' }], // → 环境保护部, 2008
  [['国家卫生计生委', '卫生计生委', '国家卫计委', '卫计委', '国家卫生和计划生育委员会'], { name: '国家卫生和计划生育委员会', sector: '卫生健康' }], // → 国家卫生健康委, 2018
  [['卫生部'], { name: '卫生部', sector: '卫生健康' }], // → 国家卫生计生委, 2013
  [['国家人口计生委', '人口计生委', '国家人口和计划生育委员会'], { name: '国家人口和计划生育委员会', sector: '卫生健康' }], // → 国家卫生计生委, 2013
  [['国家工商总局', '工商总局', '国家工商行政管理总局'], { name: '国家工商行政管理总局', sector: '市场监管' }], // → 市场监管总局, 2018
  [['国家质检总局', '质检总局', '国家质量监督检验检疫总局'], { name: '国家质量监督检验检疫总局', sector: '市场监管' }], // → 市场监管总局 / 海关总署, 2018
  [['国家食品药品监管总局', '食品药品监管总局', '国家食药监总局', '食药监总局', '国家食品药品监督管理总局'], { name: '国家食品药品监督管理总局', sector: '市场监管' }], // → 市场监管总局 / 国家药监局, 2018
  [['国家食品药品监管局', '食品药品监管局', '国家食品药品监督管理局'], { name: '国家食品药品监督管理局', sector: '市场监管' }], // → 国家食品药品监管总局, 2013
  [['安全监管总局', '国家安全监管总局', '国家安监总局', '安监总局', '国家安全生产监督管理总局'], { name: '国家安全生产监督管理总局', sector: '应急管理' }], // → 应急管理部, 2018
  [['国家煤矿安监局', '煤矿安监局', '国家煤矿安全监察局'], { name: '国家煤矿安全监察局', sector: '矿山安全', kind: VERTICAL }], // → 国家矿山安监局, 2020
  [['国务院应急办', '国务院应急管理办公室'], { name: '国务院应急管理办公室', sector: '应急管理', kind: OFFICE }], // → 应急管理部, 2018
  [['国家旅游局', '旅游局'], { name: '国家旅游局', sector: '文化旅游' }], // → 文化和旅游部, 2018
  [['文化部'], { name: '文化部', sector: '文化旅游' }], // → 文化和旅游部, 2018
  [['国家新闻出版广电总局', '新闻出版广电总局'], { name: '国家新闻出版广电总局', sector: '广播电视' }], // → 广电总局 / 国家新闻出版署, 2018
  [['新闻出版总署', '国家新闻出版总署'], { name: '国家新闻出版总署', sector: '新闻出版' }], // → 国家新闻出版广电总局, 2013
  [['中国银监会', '银监会', '中国银行业监督管理委员会'], { name: '中国银行业监督管理委员会', sector: '金融', kind: VERTICAL }], // → 银保监会, 2018
  [['中国保监会', '保监会', '中国保险监督管理委员会'], { name: '中国保险监督管理委员会', sector: '金融', kind: VERTICAL }], // → 银保监会, 2018
  [['中国银保监会', '银保监会', '中国银行保险监督管理委员会'], { name: '中国银行保险监督管理委员会', sector: '金融', kind: VERTICAL }], // → 金融监管总局, 2023
  [['国家林业局', '林业局'], { name: '国家林业局', sector: '林业草原' }], // → 国家林草局, 2018
  [['国务院扶贫办', '扶贫办', '国务院扶贫开发领导小组办公室'], { name: '国务院扶贫开发领导小组办公室', sector: '乡村振兴', kind: OFFICE }], // → 国家乡村振兴局, 2021
  [['国家粮食局', '粮食局'], { name: '国家粮食局', sector: '粮食和物资储备' }], // → 国家粮食和储备局, 2018
  [['国务院法制办', '法制办', '国务院法制办公室'], { name: '国务院法制办公室', sector: '司法行政', kind: OFFICE }], // → 司法部, 2018
  [['监察部'], { name: '监察部', sector: '纪检监察' }], // → 国家监委, 2018
  [['国务院南水北调办', '南水北调办', '国务院南水北调工程建设委员会办公室'], { name: '国务院南水北调工程建设委员会办公室', sector: '水利', kind: OFFICE }], // → 水利部, 2018
  [['民航总局', '中国民用航空总局'], { name: '中国民用航空总局', sector: '民航' }], // → 中国民航局, 2008
  [['交通部'], { name: '交通部', sector: '交通运输' }], // → 交通运输部, 2008
  [['建设部'], { name: '建设部', sector: '住房城乡建设' }], // → 住房城乡建设部, 2008
  [['铁道部'], { name: '铁道部', sector: '铁路' }], // → 国家铁路局 / 中国铁路总公司, 2013
  [['人事部'], { name: '人事部', sector: '人力资源社会保障' }], // → 人力资源社会保障部, 2008
  [['劳动和社会保障部', '劳动保障部'], { name: '劳动和社会保障部', sector: '人力资源社会保障' }], // → 人力资源社会保障部, 2008
  [['信息产业部'], { name: '信息产业部', sector: '工业和信息化' }], // → 工业和信息化部, 2008
];

/** every central body with the forms it is written in (its full name among them) */
export interface NationalBodyForms extends NationalBody {
  forms: string[];
}

const BODIES: NationalBodyForms[] = TABLE.map(([forms, body]) => ({ ...body, forms: forms.includes(body.name) ? forms : [...forms, body.name] }));

const INDEX = new Map<string, NationalBodyForms>();
for (const body of BODIES) for (const f of body.forms) INDEX.set(f, body);

/** the whole table, for checks over it: one entry per body */
export function nationalBodies(): readonly NationalBodyForms[] {
  return BODIES;
}

/**
 * Forms every document means nationally, a local one too; the others (发展改革委, 统计局,
 * 妇联 …) only a national document does. Only table forms are ever tested, whole, so
 * 省委组织部 (local, ends in 部) never reaches this: it is not in the table.
 */
const ALWAYS_NATIONAL = new RegExp(
  [
    // forms naming the centre in their first characters
    '^(国家|国务院|中国|中华人民共和国|中华全国|中央|中共中央|全国|最高|共青团中央)',
    // ministries, 署 and 总局 exist only at the centre (local bodies are 厅, 局, 委)
    '(部|署|总局|总署)$',
    // short forms only the centre has, that neither of the above catches
    '^(人民银行|央行|党中央|团中央|中办|国办|国台办|国新办|新华社|新华通讯社|人民日报社|中科院|中编办|证监会|银监会|保监会|银保监会|国管局|国铁集团)$',
  ].join('|'),
);

export function nationalBody(name: string, inNationalDocument: boolean): (NationalBody & { forms: string[] }) | null {
  const hit = INDEX.get(name);
  if (!hit) return null;
  return inNationalDocument || ALWAYS_NATIONAL.test(name) ? hit : null;
}
