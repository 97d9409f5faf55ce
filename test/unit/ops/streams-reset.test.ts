import { formatResetPlan } from '../../../codegen/ops/streams-reset-format';
import {
  assertNoActiveMembers,
  isInternalTopicOf,
  type StreamsResetPlan,
} from '../../../src/ops/streams-reset';

describe('streams reset: which topics are internal to an application', () => {
  it.each([
    ['order-stats-counts-changelog', true],
    ['order-stats-by-customer-repartition', true],
    ['order-stats-KSTREAM-AGGREGATE-STATE-STORE-0000000001-changelog', true],
    ['order-stats-changelog', false], // no store name between the id and the suffix
    ['order-stats--changelog', false], // an empty store name
    ['order-stats', false],
    ['order-stats-input', false],
    ['order-statsx-counts-changelog', false],
    ['other-order-stats-counts-changelog', false],
    ['order-stats-counts-changelog.backup', false],
  ])('%s → %s', (topic, expected) => {
    expect(isInternalTopicOf('order-stats', topic)).toBe(expected);
  });
});

describe('streams reset: the plan an operator confirms', () => {
  const plan: StreamsResetPlan = {
    applicationId: 'order-stats',
    topics: ['order-stats-by-customer-repartition', 'order-stats-counts-changelog'],
    otherApplications: [{ topic: 'order-stats-v2-counts-changelog', applicationId: 'order-stats-v2' }],
    group: { state: 'Empty', members: [], offsets: [{ topic: 'orders', partition: 1, offset: '120' }] },
  };

  it('lists every topic, offset, the local state and what is kept', () => {
    expect(formatResetPlan(plan, '/var/lib/kgen/order-stats')).toBe(
      [
        'Reset of streams application "order-stats" will delete:',
        '  internal topics (2):',
        '    order-stats-by-customer-repartition',
        '    order-stats-counts-changelog',
        '  consumer group "order-stats" (Empty, 0 member(s)) and its 1 committed offset(s):',
        '    orders[1] = 120',
        '  local state: /var/lib/kgen/order-stats',
        '  kept (internal topics of another application whose id extends this one):',
        '    order-stats-v2-counts-changelog (application "order-stats-v2")',
      ].join('\n'),
    );
  });

  it('a group with members is refused, naming them', () => {
    expect(() => assertNoActiveMembers(plan)).not.toThrow();
    const live = {
      ...plan,
      group: { ...plan.group!, members: [{ memberId: 'm-1', clientId: 'stats-1', host: '/10.0.0.7' }] },
    };
    expect(() => assertNoActiveMembers(live)).toThrow(
      expect.objectContaining({
        code: 'GROUP_NOT_EMPTY',
        message: expect.stringContaining('stats-1 on /10.0.0.7 (m-1)'),
      }),
    );
  });
});
