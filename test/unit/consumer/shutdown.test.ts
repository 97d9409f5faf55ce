import { drain, installShutdownHandler } from '../../../src/consumer/shutdown';

describe('shutdown', () => {
  it('drain resolves true once nothing is in flight, false at the timeout', async () => {
    let n = 2;
    setTimeout(() => (n = 0), 20);
    await expect(drain(() => n, 1000, 5)).resolves.toBe(true);
    await expect(drain(() => 1, 30, 5)).resolves.toBe(false);
  });

  it('the opt-in signal handler stops every target once, then reports (no exit when asked not to)', async () => {
    const stopped: string[] = [];
    let resolveReported!: (e: unknown) => void;
    const reported = new Promise((r) => (resolveReported = r));
    const remove = installShutdownHandler(
      [
        { stop: async () => void stopped.push('a') },
        { stop: async () => Promise.reject(new Error('b failed')) },
      ],
      { signals: ['SIGUSR2'], exit: false, onStopped: (e) => resolveReported(e) },
    );
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      const error = (await reported) as Error;
      expect(stopped).toEqual(['a']);
      expect(error.message).toMatch(/graceful shutdown failed: Error: b failed/);
    } finally {
      remove();
    }
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
