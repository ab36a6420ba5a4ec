import { registerEnumType } from 'type-graphql';

// Closed sets of the domain, shared by the parser (as string unions) and the schema.

export enum Level {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}
registerEnumType(Level, {
  name: 'Level',
  description: 'Administrative level 行政层级: 国家 / 省 / 市 / 县（市、区）.',
  valuesConfig: {
    NATIONAL: { description: '国家 — the central government and its organs' },
    PROVINCE: { description: '省 — province' },
    CITY: { description: '市 — prefecture-level city' },
    COUNTY: { description: '县（市、区） — county-level division' },
  },
});

export enum Role {
  LEAD = 'LEAD',
  SHARED = 'SHARED',
  RESPONSIBLE = 'RESPONSIBLE',
  COOPERATE = 'COOPERATE',
  SUPERVISE = 'SUPERVISE',
  OTHER = 'OTHER',
}
registerEnumType(Role, {
  name: 'Role',
  description: "A unit's role in a task 职责角色.",
  valuesConfig: {
    LEAD: { description: '牵头 — organises the task and answers for it' },
    SHARED: { description: '按职责分工负责 / 分工负责 (and 负责 beside a 牵头) — responsible for its share' },
    RESPONSIBLE: { description: '负责, or listed under 责任单位 with no role word — responsible' },
    COOPERATE: { description: '配合 / 协助 / 参与 — cooperates with the lead' },
    SUPERVISE: { description: '督促（企业）落实 — supervises others carrying it out' },
    OTHER: { description: 'another phrase (结合实际落实 …), kept in `phrase`' },
  },
});

export enum UnitKind {
  GOVERNMENT = 'GOVERNMENT',
  PARTY_ORGAN = 'PARTY_ORGAN',
  COMMITTEE = 'COMMITTEE',
  OFFICE = 'OFFICE',
  DEPARTMENT = 'DEPARTMENT',
  VERTICAL_AGENCY = 'VERTICAL_AGENCY',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  ENTERPRISE = 'ENTERPRISE',
  RESCUE_TEAM = 'RESCUE_TEAM',
  ZONE_ADMINISTRATION = 'ZONE_ADMINISTRATION',
  COLLECTIVE = 'COLLECTIVE',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'What kind of body a unit is 单位类型.',
  valuesConfig: {
    GOVERNMENT: { description: '人民政府 — the people’s government of a division' },
    PARTY_ORGAN: { description: '党委及其工作机关 — party committee or one of its organs (组织部, 编办, 网信办)' },
    COMMITTEE: { description: '议事协调机构 — deliberative body (安委会, 减灾委, 应急救援总指挥部)' },
    OFFICE: { description: '办公室 — the office of a committee (安委办)' },
    DEPARTMENT: { description: '厅 / 局 / 委 / 办 — a department of a government' },
    VERTICAL_AGENCY: { description: '垂直管理机构 — a central agency stationed locally (国家矿山安全监察局山西局, 气象局)' },
    PUBLIC_INSTITUTION: { description: '事业单位 — public institution' },
    ENTERPRISE: { description: '企业 — enterprise' },
    RESCUE_TEAM: { description: '救援队伍 — rescue force (消防救援总队 / 支队)' },
    ZONE_ADMINISTRATION: { description: '开发区管委会 — administration of a development zone' },
    COLLECTIVE: { description: '集合 — a phrase that stands for many units (各县（市、区）人民政府, 负有安全监管职责的部门)' },
    OTHER: { description: 'anything else' },
  },
});

export enum DocumentKind {
  NOTICE = 'NOTICE',
  PLAN = 'PLAN',
  PROGRESS_REPORT = 'PROGRESS_REPORT',
  NEWS = 'NEWS',
  OTHER = 'OTHER',
}
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'What kind of document 文件类型.',
  valuesConfig: {
    NOTICE: { description: '通知 / 意见 — notice' },
    PLAN: { description: '方案 / 规划 — (implementation) plan' },
    PROGRESS_REPORT: { description: '落实情况 / 进展情况 — progress report' },
    NEWS: { description: '新闻 / 解读 — news write-up' },
    OTHER: { description: 'anything else' },
  },
});

export enum DocumentFormat {
  TEXT = 'TEXT',
  PDF = 'PDF',
  HTML = 'HTML',
  DOCX = 'DOCX',
  DOC = 'DOC',
  WPS = 'WPS',
  XLSX = 'XLSX',
  XLS = 'XLS',
  CSV = 'CSV',
  IMAGE = 'IMAGE',
}
registerEnumType(DocumentFormat, {
  name: 'DocumentFormat',
  description: 'The form a document was received in 文件格式, told by its content.',
  valuesConfig: {
    TEXT: { description: 'plain text, in any Chinese encoding' },
    PDF: { description: 'PDF: its text layer, or OCR for a scan' },
    HTML: { description: 'a page saved from a government website: its article' },
    DOCX: { description: 'Word (.docx), tables read as tables' },
    DOC: { description: 'Word 97–2003 (.doc)' },
    WPS: { description: 'WPS Writer (.wps), through LibreOffice' },
    XLSX: { description: 'an Excel 任务分工表 (.xlsx)' },
    XLS: { description: 'an Excel 97–2003 任务分工表 (.xls), through LibreOffice' },
    CSV: { description: 'a 任务分工表 as CSV' },
    IMAGE: { description: 'a scanned page (PNG, JPEG, TIFF), by OCR' },
  },
});

export enum JurisdictionSource {
  ISSUER = 'ISSUER',
  TITLE = 'TITLE',
  SIGNATURE = 'SIGNATURE',
  NUMBER = 'NUMBER',
  BODY = 'BODY',
  GIVEN = 'GIVEN',
}
registerEnumType(JurisdictionSource, {
  name: 'JurisdictionSource',
  description: 'Where in a document its issuing division was read 发文地区的依据.',
  valuesConfig: {
    ISSUER: { description: 'the issuer line of the header 发文机关' },
    TITLE: { description: 'the body or place heading the title (西宁市关于…)' },
    SIGNATURE: { description: 'the signing body above the date at the end 落款' },
    NUMBER: { description: 'the document number 文号 (国发, 粤府 …)' },
    BODY: { description: 'a place named repeatedly in the text (used only when nothing firmer exists)' },
    GIVEN: { description: 'given by whoever ingested it (--jurisdiction)' },
  },
});

export enum TaskKind {
  CHAPTER = 'CHAPTER',
  SECTION = 'SECTION',
  TASK = 'TASK',
  SUB_TOPIC = 'SUB_TOPIC',
  TARGET_TASK = 'TARGET_TASK',
  MEASURE = 'MEASURE',
  PROGRESS_ITEM = 'PROGRESS_ITEM',
  TARGET = 'TARGET',
  SUB_GOAL = 'SUB_GOAL',
  PROJECT = 'PROJECT',
  PRINCIPLE = 'PRINCIPLE',
  REQUIREMENT = 'REQUIREMENT',
  RESULT = 'RESULT',
}
registerEnumType(TaskKind, {
  name: 'TaskKind',
  description: 'What a numbered item of a document is 条目类型.',
  valuesConfig: {
    CHAPTER: { description: '章 (一、…) — a top-level heading that groups items' },
    SECTION: { description: '节 — a lower heading that groups items, or a labelled part of a report (任务内容, 进展情况 …)' },
    TASK: { description: '任务 / 重点任务 — a task' },
    SUB_TOPIC: { description: '分项 — an unnumbered run-in sub-topic of an item (森林草原火灾：…)' },
    TARGET_TASK: { description: '目标任务 — a target task of a progress report' },
    MEASURE: { description: '主要做法和措施 — a measure taken' },
    PROGRESS_ITEM: { description: '能否按时完成 — an item whose status is reported' },
    TARGET: { description: '目标指标 — a quantified target' },
    SUB_GOAL: { description: '分项目标 — a sub-goal' },
    PROJECT: { description: '重点工程 — a key project' },
    PRINCIPLE: { description: '工作原则 / 坚持 — a principle' },
    REQUIREMENT: { description: '工作要求 — a requirement on how the work is done' },
    RESULT: { description: '成效 — a result reported' },
  },
});
