import { newClusterId } from '../../stack/kafka';

describe('KRaft cluster id', () => {
  it('is 16 random bytes in base64url that never start with "-" (read as an option by kafka-storage)', () => {
    const ids = Array.from({ length: 2000 }, newClusterId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
