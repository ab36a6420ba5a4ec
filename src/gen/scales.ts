// The scales of `dutygraph gen`: which governments and years each covers. Apart from the generator,
// so that the CLI's help can list them without loading it.
import type { Division } from '../modules/jurisdiction/divisions.js';

export type Scale = 'S' | 'M' | 'L';

/** which governments and years a scale covers */
interface ScaleSpec {
  provinces: (d: Division) => boolean;
  cities: (d: Division) => boolean;
  counties: (d: Division) => boolean;
  years: number[];
}

// 文号 prefixes of the provinces (晋政发, 冀政发 …)
export const PROVINCE_ABBR: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '内', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁',
  '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝', '51': '川', '52': '黔', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};

const ALL = () => true;

export const SCALES: Record<Scale, ScaleSpec & { description: string }> = {
  // a government of each level in one year: Shanxi, Jincheng and Zezhou (≈ 1,000 assignments)
  S: {
    description: 'Shanxi, Jincheng and Zezhou county in 2024 (≈ 1,000 assignments)',
    provinces: (d) => d.code === '140000',
    cities: (d) => d.code === '140500',
    counties: (d) => d.code === '140525',
    years: [2024],
  },
  M: { description: 'every government of Shanxi (140000), 2022–2026 (≈ 250,000 assignments)', provinces: (d) => d.code === '140000', cities: ALL, counties: ALL, years: [2022, 2023, 2024, 2025, 2026] },
  // the 31 provinces of the mainland (Taiwan, Hong Kong and Macao are divisions, but issue no such documents)
  L: {
    description: 'every government of the 31 provinces, 342 cities and 2,936 counties, 2022–2026 (≈ 6.4 million assignments; --factor 1.25 for ≈ 8 million)',
    provinces: (d) => d.code.slice(0, 2) in PROVINCE_ABBR,
    cities: ALL,
    counties: ALL,
    years: [2022, 2023, 2024, 2025, 2026],
  },
};
