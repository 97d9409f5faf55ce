import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { isKgenError } from '../../../src/errors';
import { PipelineConfigError, createPipeline } from '../../../src/pipeline/eos-pipeline';
import { Mutex } from '../../../src/pipeline/mutex';
import { bytesSerde, defineTopics, stringSerde } from '../../../src/topics';

const topics = defineTopics({
  in: { key: stringSerde, value: bytesSerde },
  out: { key: stringSerde, value: bytesSerde },
});
const base = {
  kafka: {} as KafkaJS.Kafka, // validation fails before any connection
  topics,
  groupId: 'g',
  serde: { encode: () => ({ key: null, value: null }), decode: () => ({ key: null, value: null }) },
  transform: () => [],
};

describe('createPipeline option checks', () => {
  it.each([
    [{ from: ['in'], to: ['missing'] }, /topic missing is not in the topic map/],
    [{ from: [], to: ['out'] }, /`from` names no topic/],
    [
      { from: ['in'], to: ['out'], batch: { maxRecords: 0 } },
      /batch.maxRecords and batch.maxMs must be > 0, got 0 \/ 100/,
    ],
  ])('rejects %p', async (opts, message) => {
    const thrown = await createPipeline({ ...base, ...(opts as { from: ['in']; to: ['out'] }) }).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(PipelineConfigError);
    expect(isKgenError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('createPipeline typing', () => {
  it('types transform input by `from` and output by `to` (compile-time checks)', () => {
    const typed = (): void => {
      void createPipeline({
        ...base,
        from: ['in'],
        to: ['out'],
        transform: (r) => [{ topic: 'out', key: r.key, value: r.value }],
      });
      void createPipeline({
        ...base,
        from: ['in'],
        to: ['out'],
        // @ts-expect-error `in` is not an output topic of this pipeline
        transform: (r) => [{ topic: 'in', key: r.key, value: r.value }],
      });
      void createPipeline({
        ...base,
        from: ['in'],
        to: ['out'],
        // @ts-expect-error values of `out` are Buffers
        transform: (r) => [{ topic: 'out', key: r.key, value: 'text' }],
      });
    };
    expect(typeof typed).toBe('function');
  });
});

describe('Mutex', () => {
  it('runs sections one at a time in call order, and a failure does not block the next', async () => {
    const m = new Mutex();
    const log: string[] = [];
    const slow = m.run(async () => {
      log.push('a-start');
      await new Promise((r) => setTimeout(r, 10));
      log.push('a-end');
    });
    const failing = m.run(async () => {
      log.push('b');
      throw new Error('b failed');
    });
    const last = m.run(async () => void log.push('c'));
    await slow;
    await expect(failing).rejects.toThrow('b failed');
    await last;
    expect(log).toEqual(['a-start', 'a-end', 'b', 'c']);
  });
});
