import type { KgenLogger } from 'kgen';
import { kafkaCommonConfig, securityWatchFor } from '../../../src/client/kafka-config';
import { recordStatistics } from '../../../src/telemetry/rdkafka-stats';
import { effectiveLevel, KafkaLogBridge, logFields } from '../../../src/telemetry/logger';

function recording(): { logger: KgenLogger; lines: Array<[string, object, string | undefined]> } {
  const lines: Array<[string, object, string | undefined]> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void =>
      void lines.push([level, obj, msg]);
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

const GETPID =
  '[thrd:main]: Failed to acquire idempotence PID from broker 127.0.0.1:19092/1: Broker: Coordinator load in progress: retrying';

describe('librdkafka and kgen logs through a pino-shaped logger', () => {
  it('keeps conditions librdkafka retries by itself at debug, and what needs action at its level', () => {
    expect(effectiveLevel('warn', GETPID, 'GETPID')).toBe('debug');
    expect(effectiveLevel('error', 'Broker: Not coordinator', 'COMMITFAIL')).toBe('debug');
    expect(effectiveLevel('warn', 'Topic orders partition 0: leader change', 'METADATA')).toBe('debug');
    expect(effectiveLevel('error', 'SASL authentication error: Authentication failed', 'FAIL')).toBe('error');
    expect(effectiveLevel('warn', 'Unknown topic or partition', 'ERROR')).toBe('warn');
    expect(effectiveLevel('info', 'Producer connected', undefined)).toBe('info');
  });

  it('splits the thread prefix off and passes facility and client as fields', () => {
    expect(logFields(GETPID, { fac: 'GETPID', name: 'rdkafka#producer-1', timestamp: 1 })).toEqual({
      fields: {
        component: 'kgen',
        source: 'librdkafka',
        thread: 'main',
        facility: 'GETPID',
        client: 'rdkafka#producer-1',
      },
      msg: GETPID.slice('[thrd:main]: '.length),
    });
  });

  it('filters at the level the KafkaJS layer sets and calls (fields, msg)', () => {
    const { logger, lines } = recording();
    const bridge = new KafkaLogBridge(logger, 'warn');
    bridge.warn(GETPID, { fac: 'GETPID', name: 'p' });
    bridge.info('Producer connected', { fac: 'BINDING' });
    bridge.error('[thrd:sasl]: SASL authentication error', { fac: 'FAIL', name: 'p' });
    expect(lines).toEqual([
      [
        'error',
        { component: 'kgen', source: 'librdkafka', thread: 'sasl', facility: 'FAIL', client: 'p' },
        'SASL authentication error',
      ],
    ]);
    bridge.setLogLevel(4 /* KafkaJS logLevel.DEBUG */);
    bridge.warn(GETPID, { fac: 'GETPID', name: 'p' });
    expect(lines[1]?.[0]).toBe('debug');
  });

  it('a logger that throws does not break the client', () => {
    const bridge = new KafkaLogBridge(
      {
        debug: () => {},
        info: () => {},
        warn: () => {},
        error: () => {
          throw new Error('logger down');
        },
      },
      'warn',
    );
    expect(() => bridge.error('boom')).not.toThrow();
  });

  describe("a client's Kafka configuration", () => {
    let written: string[];
    let spy: jest.SpyInstance;
    beforeEach(() => {
      written = [];
      spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    });
    afterEach(() => spy.mockRestore());

    it('by default: retried conditions are silent, what needs action is one plain line (never a raw object)', () => {
      const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const log = kafkaCommonConfig({}, ['b:1']).kafkaJS.logger!;
        log.warn(GETPID, { fac: 'GETPID', name: 'rdkafka#producer-1', timestamp: 1 });
        log.error('[thrd:main]: SSL handshake failed', {
          fac: 'FAIL',
          name: 'rdkafka#producer-1',
          timestamp: 1,
        });
        expect(consoleWarn).not.toHaveBeenCalled();
        expect(consoleError).not.toHaveBeenCalled();
        expect(written).toEqual(['kgen error [FAIL rdkafka#producer-1]: SSL handshake failed\n']);
      } finally {
        consoleWarn.mockRestore();
        consoleError.mockRestore();
      }
    });

    it('with a logger: librdkafka and kgen lines go to it at the level asked, nothing to the console', () => {
      const { logger, lines } = recording();
      const config = kafkaCommonConfig({ logger, logLevel: 'info' }, ['b:1']);
      expect(config.kafkaJS.logLevel).toBe(3 /* KafkaJS logLevel.INFO */);
      const log = config.kafkaJS.logger!;
      log.info('Consumer connected', { fac: 'BINDING', name: 'c' });
      log.error('kgen consumer: handler failed at t[0]@3');
      log.debug('not at info');
      expect(written).toEqual([]);
      expect(lines).toEqual([
        ['info', { component: 'kgen', client: 'c' }, 'Consumer connected'],
        ['error', { component: 'kgen' }, 'kgen consumer: handler failed at t[0]@3'],
      ]);
    });

    it("at level 'nothing' librdkafka still reports errors (the security watch needs them); none is printed", () => {
      const { logger, lines } = recording();
      const options = { logger, logLevel: 'nothing' } as const;
      const config = kafkaCommonConfig(options, ['b:1'], securityWatchFor(options, ['pw']));
      expect(config.kafkaJS.logLevel).toBe(1 /* KafkaJS logLevel.ERROR */);
      config.kafkaJS.logger!.error('[thrd:main]: SASL authentication error (pw)');
      expect(lines).toEqual([]);
      expect(written).toEqual([]);
    });

    it('secrets are masked before the logger sees a line', () => {
      const { logger, lines } = recording();
      const config = kafkaCommonConfig({ logger }, ['b:1'], securityWatchFor({ logger }, ['hunter2']));
      config.kafkaJS.logger!.error('[thrd:main]: login hunter2 refused', { fac: 'SASL' });
      expect(lines).toEqual([
        [
          'error',
          { component: 'kgen', source: 'librdkafka', thread: 'main', facility: 'SASL' },
          'login [redacted] refused',
        ],
      ]);
    });

    it('statistics feed the gauges only when statistics.interval.ms is on', () => {
      expect(kafkaCommonConfig({}, ['b:1'])).not.toHaveProperty('stats_cb');
      expect(kafkaCommonConfig({ kafka: { 'statistics.interval.ms': 1000 } }, ['b:1'])).toHaveProperty(
        'stats_cb',
        recordStatistics,
      );
    });
  });
});
