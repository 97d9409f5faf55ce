import { SecurityFailure, SecurityWatch, type LogSink } from '../../../src/client/security-watch';

/** A sink recording what the watch forwards (kgen's log bridge in a client). */
function recordingSink(): { sink: LogSink; lines: Array<[string, string, object | undefined]> } {
  const lines: Array<[string, string, object | undefined]> = [];
  const at = (level: string) => (message: string, extra?: object) => void lines.push([level, message, extra]);
  return { sink: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, lines };
}

describe('SecurityWatch: the Kafka client logger', () => {
  it('forwards every line with secrets masked, at its own level', () => {
    const { sink, lines } = recordingSink();
    const watch = new SecurityWatch(['hunter2'], sink);
    watch.logger.error('login hunter2 refused', { fac: 'X' });
    watch.logger.warn('warn');
    watch.logger.debug('debug');
    expect(lines).toEqual([
      ['error', 'login [redacted] refused', { fac: 'X' }],
      ['warn', 'warn', undefined],
      ['debug', 'debug', undefined],
    ]);
  });

  it('a connect fails as soon as a SASL or TLS failure is logged, and the client is released once it settles', async () => {
    const { sink, lines } = recordingSink();
    const watch = new SecurityWatch(['pw'], sink);
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
    lines.length = 0;
    const gaveUp = watch.connect(() => new Promise<void>(() => undefined), abandon);
    watch.logger.error('SASL authentication error: x', { name: 'rdkafka#producer-7' });
    await expect(gaveUp).rejects.toBeInstanceOf(SecurityFailure);
    watch.logger.debug('retrying', { name: 'rdkafka#producer-7' });
    watch.logger.debug('other client', { name: 'rdkafka#producer-8' });
    expect(lines.map(([, message]) => message)).toEqual(['SASL authentication error: x', 'other client']);
    settle();
    await new Promise((r) => setImmediate(r));
    expect(abandon).toHaveBeenCalledTimes(1);
  });

  it('other error lines, or lines after the connect, do not fail it', async () => {
    const { sink } = recordingSink();
    const watch = new SecurityWatch([], sink);
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
