import { matchTopics } from '../../../codegen/ops/init/scaffold-config';

describe('kgen init topic matching', () => {
  it('TopicNameStrategy, TopicRecordNameStrategy, no subjects; longer topic names do not leak into shorter ones', () => {
    const found = matchTopics(
      ['orders', 'orders-eu', 'events', 'raw'],
      [
        'orders-value',
        'orders-eu-key',
        'orders-eu-value',
        'events-com.a.Created',
        'events-com.a.Paid',
        'com.a.Other',
      ],
    );
    expect(found).toEqual([
      {
        topic: 'events',
        key: 'string',
        value: { strategy: 'TopicRecordNameStrategy', records: ['com.a.Created', 'com.a.Paid'] },
        subjects: ['events-com.a.Created', 'events-com.a.Paid'],
      },
      {
        topic: 'orders',
        key: 'string',
        value: { strategy: 'TopicNameStrategy' },
        subjects: ['orders-value'],
      },
      {
        topic: 'orders-eu',
        key: { strategy: 'TopicNameStrategy' },
        value: { strategy: 'TopicNameStrategy' },
        subjects: ['orders-eu-key', 'orders-eu-value'],
      },
      { topic: 'raw', key: 'string', value: undefined, subjects: [] },
    ]);
  });
});
