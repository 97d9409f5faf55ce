import { SecurityFailure, SecurityWatch } from '../../../src/client/security-watch';

describe('SecurityWatch: the Kafka client logger', () => {
  const printed: unknown[] = [];
  beforeEach(() => {
    printed.length = 0;
    for (const m of ['error', 'warn', 'info', 'log'] as const)
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args[0]));
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints at the chosen level only, with secrets masked; librdkafka is still asked for error lines', () => {
    const watch = new SecurityWatch('warn', ['hunter2']);
    watch.logger.error('login hunter2 refused', { fac: 'X' });
    watch.logger.warn('warn');
    watch.logger.info('info');
    watch.logger.debug('debug');
    expect(printed).toEqual([{ message: 'login [redacted] refused', fac: 'X' }, { message: 'warn' }]);
    const silent = new SecurityWatch('nothing', []);
    silent.logger.error('e');
    expect(printed).toHaveLength(2);
    expect(silent.clientLevel).toBeGreaterThan(0); // ERROR, not NOTHING
  });

  it('a connect fails as soon as a SASL or TLS failure is logged, and the client is released once it settles', async () => {
    const watch = new SecurityWatch('nothing', ['pw']);
    let settle!: () => void;
    const connecting = new Promise<void>((resolve) => (settle = resolve));
    const abandon = jest.fn(async () => undefined);
    const result = watch.connect(() => connecting, abandon);
    watch.logger.error('h:1/bootstrap: SASL authentication error: Authentication failed (pw)');
    const err = await result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SecurityFailure);
    expect((err as Error).message).toBe(
      'h:1/bootstrap: SASL authentication error: Authentication failed ([redacted])',
    );
    expect(abandon).not.toHaveBeenCalled();
    // The given-up client keeps retrying until its connect times out: its lines are dropped.
    const loud = new SecurityWatch('debug', []);
    const gaveUp = loud.connect(() => new Promise<void>(() => undefined), abandon);
    loud.logger.error('SASL authentication error: x', { name: 'rdkafka#producer-7' });
    await expect(gaveUp).rejects.toBeInstanceOf(SecurityFailure);
    loud.logger.debug('retrying', { name: 'rdkafka#producer-7' });
    loud.logger.debug('other client', { name: 'rdkafka#producer-8' });
    expect(printed).toEqual([
      { message: 'SASL authentication error: x', name: 'rdkafka#producer-7' },
      { message: 'other client', name: 'rdkafka#producer-8' },
    ]);
    settle();
    await new Promise((r) => setImmediate(r));
    expect(abandon).toHaveBeenCalledTimes(1);
  });

  it('other error lines, or lines after the connect, do not fail it', async () => {
    const watch = new SecurityWatch('nothing', []);
    const done = watch.connect(
      () =>
        new Promise<void>((resolve) => {
          watch.logger.error('Local: Broker transport failure');
          setImmediate(resolve);
        }),
      async () => undefined,
    );
    await expect(done).resolves.toBeUndefined();
    watch.logger.error('SSL handshake failed'); // nobody waits: nothing thrown
  });
});
