import { parseDuration } from '../../../codegen/ops/duration';
import { brokersOf } from '../../../codegen/ops/ops-cli-options';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['3', 3000],
    ['0.5s', 500],
  ])('%s is %d ms', (text, ms) => expect(parseDuration('watch', text)).toBe(ms));

  it('names the flag and the value it rejects', () => {
    expect(() => parseDuration('stuck-after', 'soon')).toThrow(
      '--stuck-after expects a duration like 500ms, 5s, 2m or 1h, got "soon"',
    );
    expect(() => parseDuration('watch', '0s')).toThrow('--watch must be greater than zero');
  });
});

describe('brokersOf', () => {
  it('takes --brokers before KAFKA_BROKERS and rejects what is not host:port', () => {
    expect(brokersOf({ brokers: 'a:1, b:2' }, { KAFKA_BROKERS: 'c:3' })).toEqual(['a:1', 'b:2']);
    expect(brokersOf({}, { KAFKA_BROKERS: 'c:3' })).toEqual(['c:3']);
    expect(() => brokersOf({}, {})).toThrow('no Kafka brokers');
    expect(() => brokersOf({ brokers: 'localhost' }, {})).toThrow('--brokers: "localhost" is not host:port');
  });
});
