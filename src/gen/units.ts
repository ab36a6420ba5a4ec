import type { Division, DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { UnitResolver, type UnitSpec } from '../ingest/resolve-units.js';

/** a body of one government as the documents write it, and how often it is given work */
interface Body {
  /** the form after 省/市/县 (应急厅, 市场监管局 …) */
  form: string;
  weight: number;
}

// the bodies the corpus assigns work to, per level, with the short form its documents write;
// weights follow how often each sector appears in the seeds' clauses (应急管理 most)
const PROVINCE_BODIES: Body[] = [
  ['应急厅', 10], ['消防救援总队', 4], ['住建厅', 4], ['交通厅', 4], ['市场监管局', 4], ['公安厅', 4], ['公安厅交管局', 2], ['国防科工局', 1],
  ['审批服务管理局', 2], ['工信厅', 3], ['商务厅', 2], ['发展改革委', 3], ['能源局', 3], ['自然资源厅', 3], ['文旅厅', 2], ['水利厅', 2],
  ['农业农村厅', 2], ['教育厅', 2], ['民政厅', 1], ['卫健委', 2], ['文物局', 1], ['林草局', 2], ['地震局', 1], ['气象局', 2], ['财政厅', 3],
  ['政务信息局', 1], ['粮食和储备局', 1], ['人社厅', 1], ['司法厅', 1], ['生态环境厅', 2], ['科技厅', 1], ['邮政管理局', 1], ['税务局', 1],
  ['统计局', 1], ['委网信办', 1], ['委宣传部', 1], ['广电局', 1], ['体育局', 1], ['审计厅', 1], ['医保局', 1], ['安委办', 3], ['减灾委办公室', 1],
].map(([form, weight]) => ({ form: form as string, weight: weight as number }));

const LOCAL_BODIES: Body[] = [
  ['应急局', 10], ['住建局', 4], ['交通局', 4], ['市场监管局', 4], ['公安局', 4], ['行政审批局', 2], ['工信局', 3], ['商务局', 2], ['发改委', 3],
  ['能源局', 3], ['规划和自然资源局', 3], ['文旅局', 2], ['水务局', 2], ['农业农村局', 2], ['教育局', 2], ['民政局', 1], ['卫健委', 2],
  ['林草局', 2], ['气象局', 2], ['财政局', 3], ['大数据局', 1], ['人社局', 1], ['司法局', 1], ['生态环境局', 2], ['科技局', 1], ['邮政管理局', 1],
  ['税务局', 1], ['金融办', 1], ['统计局', 1], ['委网信办', 1], ['委组织部', 1], ['城管局', 1], ['审计局', 1], ['医保局', 1], ['退役军人事务局', 1],
  ['安委办', 3], ['减灾委办公室', 1], ['应急救援总指挥部办公室', 1],
].map(([form, weight]) => ({ form: form as string, weight: weight as number }));

const RESCUE: Record<string, string> = { PROVINCE: '消防救援总队', CITY: '消防救援支队', COUNTY: '消防救援大队' };

/** a unit of the catalogue, with the mention a document of its own government writes for it */
export interface CatalogueUnit {
  id: number;
  mention: string;
  weight: number;
}

/** one government's units: who its documents can name */
export interface Government {
  division: Division;
  government: number;
  /** the office of its work-safety committee (安委办): issuer of its plans */
  office: number;
  departments: CatalogueUnit[];
  /** the collectives standing for the governments below (各市、县人民政府, 各县（市、区）人民政府), when there are any */
  lower: CatalogueUnit | null;
  /** 负有安全监管职责的部门, 有关部门 …: collectives without members */
  collectives: CatalogueUnit[];
}

/** a unit row as the unit table holds it */
export interface UnitRow {
  id: number;
  name: string;
  kind: string;
  level: string;
  sector: string | null;
  jurisdiction: string | null;
  parent: number | null;
  verified: boolean;
}

/**
 * The unit table being generated: units are made from the specs the real resolver gives for
 * the mentions the documents write, so a real document ingested later finds the same units
 * (省应急厅 in a Shanxi document is the generated 山西省应急管理厅).
 */
export class UnitTable {
  private readonly byName = new Map<string, number>();
  private nextId: number;
  /** rows not yet written, in the order they must be written (parents first) */
  pending: { units: UnitRow[]; aliases: [number, string][]; members: [number, number][] } = { units: [], aliases: [], members: [] };
  private readonly aliasesOf = new Map<number, Set<string>>();
  readonly resolver: UnitResolver;

  constructor(
    readonly divisions: DivisionIndex,
    firstId = 1,
  ) {
    this.resolver = new UnitResolver(divisions);
    this.nextId = firstId;
  }

  /** the unit of a spec, made (with its parent, aliases and members) when it is new */
  upsert(spec: UnitSpec): number {
    let id = this.byName.get(spec.name);
    if (id === undefined) {
      const parent = spec.parent ? this.upsert(spec.parent) : null;
      id = this.nextId++;
      this.byName.set(spec.name, id);
      this.aliasesOf.set(id, new Set());
      this.pending.units.push({ id, name: spec.name, kind: spec.kind, level: spec.level, sector: spec.sector, jurisdiction: spec.jurisdiction, parent, verified: spec.known });
      if (spec.members) for (const m of spec.members) this.pending.members.push([id, this.upsert(m)]);
    }
    const seen = this.aliasesOf.get(id);
    // aliases are only grown while the unit's own province is generated; later it is complete
    if (seen) {
      for (const a of spec.aliases) {
        if (a === spec.name || seen.has(a)) continue;
        seen.add(a);
        this.pending.aliases.push([id, a]);
      }
    }
    return id;
  }

  /** the unit a mention written in a document of `where` stands for */
  mention(written: string, where: Division): number {
    return this.upsert(this.resolver.resolve(written, where));
  }

  /** forgets the alias sets of the units written so far (bounded memory across provinces) */
  sealAliases(): void {
    this.aliasesOf.clear();
  }

  takePending(): UnitTable['pending'] {
    const out = this.pending;
    this.pending = { units: [], aliases: [], members: [] };
    return out;
  }

  /** a government's catalogue: its own government, its departments written as its documents write them, its collectives */
  government(d: Division): Government {
    const prefix = d.level === 'PROVINCE' ? '省' : d.level === 'CITY' ? '市' : /[县区]$/.test(d.name) ? d.name.slice(-1) : d.name;
    const government = this.upsert(this.resolver.government(d));
    const bodies = d.level === 'PROVINCE' ? PROVINCE_BODIES : [...LOCAL_BODIES, { form: RESCUE[d.level], weight: 4 }];
    const departments = bodies.map((b) => {
      const mention = prefix + b.form;
      // the full name is also written (山西省应急管理厅): both forms become aliases
      const id = this.mention(mention, d);
      return { id, mention, weight: b.weight };
    });
    this.mention(`${prefix}安委会`, d);
    const office = departments.find((u) => u.mention.endsWith('安委办'))!.id;
    const lowerMention = d.level === 'PROVINCE' ? '各市、县人民政府' : d.level === 'CITY' ? '各县（市、区）人民政府' : null;
    const lower = lowerMention ? { id: this.mention(lowerMention, d), mention: lowerMention, weight: 6 } : null;
    const collectiveMentions = ['负有安全监管职责的部门', '有关部门', ...(d.level === 'CITY' ? ['各县（市、区）党委'] : []), ...(d.level === 'COUNTY' ? ['各乡镇（街道）'] : [])];
    const collectives = collectiveMentions.map((m) => ({ id: this.mention(m, d), mention: m, weight: 1 }));
    return { division: d, government, office, departments, lower, collectives };
  }
}
