import { registerEnumType } from 'type-graphql';

export enum ProgressStatus {
  DONE = 'DONE',
  MOSTLY_DONE = 'MOSTLY_DONE',
  IN_PROGRESS = 'IN_PROGRESS',
  NOT_DONE = 'NOT_DONE',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'How far a task has come, as a progress report states it 完成状态.',
  valuesConfig: {
    DONE: { description: '已完成 / 已经完成 — done' },
    MOSTLY_DONE: { description: '基本完成 / 已基本完成 — mostly done' },
    IN_PROGRESS: { description: '正在推进 / 正在进行 / 推进中 — under way' },
    NOT_DONE: { description: '未完成 — not done' },
  },
});
