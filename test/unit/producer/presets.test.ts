import { checkProducerConfig } from '../../../src/producer/config-check';
import { producerDefaults, producerPresets } from '../../../src/producer/presets';

describe('producer defaults and presets', () => {
  it('defaults: idempotent, acks=all, at most 5 in flight, every timeout set', () => {
    expect(producerDefaults).toMatchObject({
      'enable.idempotence': true,
      acks: -1,
      'max.in.flight.requests.per.connection': 5,
    });
    for (const key of [
      'message.timeout.ms',
      'request.timeout.ms',
      'socket.timeout.ms',
      'socket.connection.setup.timeout.ms',
      'transaction.timeout.ms',
    ] as const)
      expect(producerDefaults[key]).toBeGreaterThan(0);
  });

  it.each(Object.keys(producerPresets) as (keyof typeof producerPresets)[])(
    '%s keeps the safety of the defaults and is coherent, also when transactional',
    (name) => {
      const preset = producerPresets[name];
      expect(preset['enable.idempotence']).toBe(true);
      expect(preset.acks).toBe(-1);
      expect(checkProducerConfig(preset)).toEqual([]);
      expect(checkProducerConfig({ ...preset, 'transactional.id': 'tx-1' })).toEqual([]);
    },
  );

  it('presets differ where they should: batching, linger, compression', () => {
    const { highThroughput, lowLatency, highReliability } = producerPresets;
    expect(highThroughput['linger.ms']).toBeGreaterThan(lowLatency['linger.ms']);
    expect(highThroughput['compression.type']).toBe('lz4');
    expect(lowLatency['compression.type']).toBe('none');
    expect(highReliability['message.timeout.ms']).toBeGreaterThan(producerDefaults['message.timeout.ms']);
  });

  it('a preset spread and overridden is still checked', () => {
    const config = { ...producerPresets.highThroughput, acks: 1 };
    expect(checkProducerConfig(config).map((w) => w.code)).toEqual(['IDEMPOTENCE_ACKS']);
  });
});
