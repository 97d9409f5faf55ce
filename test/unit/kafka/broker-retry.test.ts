import { isRetriableBrokerError, retryRetriable } from '../../../src/kafka/broker-retry';

const loading = Object.assign(new Error('Broker: Coordinator load in progress'), { code: 14 });
const denied = Object.assign(new Error('Broker: Group authorization failed'), { code: 30 });

describe('isRetriableBrokerError', () => {
  it('knows retriable codes and flags, and nothing else', () => {
    expect(isRetriableBrokerError(loading)).toBe(true);
    expect(isRetriableBrokerError({ retriable: true })).toBe(true);
    expect(isRetriableBrokerError(denied)).toBe(false);
    expect(isRetriableBrokerError('Coordinator load in progress')).toBe(false);
    expect(isRetriableBrokerError(null)).toBe(false);
  });
});

describe('retryRetriable', () => {
  it('retries while the error is retriable, then returns the result', async () => {
    let calls = 0;
    const result = await retryRetriable(
      async () => {
        if (++calls < 3) throw loading;
        return 'offsets';
      },
      5,
      1,
    );
    expect(result).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('rethrows a non-retriable error at once', async () => {
    let calls = 0;
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw denied;
        },
        5,
        1,
      ),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('gives up after the bound with the last error', async () => {
    let calls = 0;
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw loading;
        },
        3,
        1,
      ),
    ).rejects.toBe(loading);
    expect(calls).toBe(3);
  });
});
