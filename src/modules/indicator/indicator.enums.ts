import { registerEnumType } from 'type-graphql';

export enum IndicatorDirection {
  DECREASE = 'DECREASE',
  INCREASE = 'INCREASE',
  AT_MOST = 'AT_MOST',
  AT_LEAST = 'AT_LEAST',
  REACH = 'REACH',
}
registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'What an indicator asks of its metric 目标方向.',
  valuesConfig: {
    DECREASE: { description: '下降 / 降低 / 减少 — fall by `targetValue` (a relative change when `targetUnit` is %)' },
    INCREASE: { description: '提高 / 提升 / 增长 — rise by `targetValue`' },
    AT_MOST: { description: '< / ≤ / 不超过 / 控制在…以内 / 低于 — stay at or below `targetValue`' },
    AT_LEAST: { description: '> / ≥ / 超过 / 不低于 / 不少于 / 达到…以上 — stay at or above `targetValue`' },
    REACH: { description: '达到 / 提高到 — reach `targetValue`' },
  },
});
