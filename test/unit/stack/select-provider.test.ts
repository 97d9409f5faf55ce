import { StackError } from '../../stack/errors';
import { parseJavaMajor } from '../../stack/java';
import { selectProvider } from '../../stack/select-provider';

describe('stack provider selection', () => {
  const external = { KAFKA_BROKERS: 'b:9092', SCHEMA_REGISTRY_URL: 'http://r:8081' };

  it('uses an external stack when both endpoints are given, Docker or not', () => {
    expect(selectProvider({ env: external, dockerReachable: false })).toBe('external');
    expect(selectProvider({ env: external, dockerReachable: true })).toBe('external');
  });

  it('refuses half an external stack, naming the missing variable', () => {
    expect(() => selectProvider({ env: { KAFKA_BROKERS: 'b:9092' }, dockerReachable: false })).toThrow(
      /SCHEMA_REGISTRY_URL is not set/,
    );
    expect(() => selectProvider({ env: { SCHEMA_REGISTRY_URL: 'http://r' }, dockerReachable: true })).toThrow(
      /KAFKA_BROKERS is not set/,
    );
  });

  it('prefers testcontainers when Docker is reachable, else the local jar stack', () => {
    expect(selectProvider({ env: {}, dockerReachable: true })).toBe('testcontainers');
    expect(selectProvider({ env: {}, dockerReachable: false })).toBe('local');
  });

  it('honours KGEN_STACK, and rejects unknown values or testcontainers without Docker', () => {
    expect(selectProvider({ env: { KGEN_STACK: 'local' }, dockerReachable: true })).toBe('local');
    expect(selectProvider({ env: { KGEN_STACK: 'testcontainers' }, dockerReachable: true })).toBe(
      'testcontainers',
    );
    expect(() => selectProvider({ env: { KGEN_STACK: 'testcontainers' }, dockerReachable: false })).toThrow(
      StackError,
    );
    expect(() => selectProvider({ env: { KGEN_STACK: 'k8s' }, dockerReachable: false })).toThrow(
      /must be "local" or "testcontainers"/,
    );
  });
});

describe('java version parsing', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaMajor('java version "1.8.0_372"')).toBe(8);
    expect(parseJavaMajor('garbage')).toBeUndefined();
  });
});
