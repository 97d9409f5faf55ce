import { murmur2, murmur2Partition } from 'kgen';

// Vectors from the Java client's UtilsTest.testMurmur2 (org.apache.kafka.common.utils).
describe('murmur2 (Java client compatible)', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) = %i', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('partitions like toPositive(murmur2(key)) % n', () => {
    expect(murmur2Partition(Buffer.from('21'), 7)).toBe((-973932308 & 0x7fffffff) % 7);
    expect(murmur2Partition(Buffer.from('foobar'), 3)).toBe((-790332482 & 0x7fffffff) % 3);
  });
});
