import { isKgenError } from '../../../../src/errors';
import {
  CommitStrategyError,
  commitStrategies,
  isManual,
  validateCommitStrategy,
  type CommitStrategy,
} from '../../../../src/consumer/commit/strategy';

describe('commit strategies', () => {
  it('constructors build the named strategies', () => {
    expect(commitStrategies.atMostOnce()).toEqual({ kind: 'at-most-once' });
    expect(commitStrategies.nOrT(100, 500)).toEqual({ kind: 'n-or-t', records: 100, intervalMs: 500 });
    expect(commitStrategies.manual()).toEqual({ kind: 'manual', intervalMs: 1000 });
    expect(isManual(commitStrategies.manualImmediate())).toBe(true);
    expect(isManual(commitStrategies.perBatch())).toBe(false);
  });

  it.each([
    [() => commitStrategies.everyN(0), /every-n: records must be a positive integer, got 0/],
    [() => commitStrategies.everyT(-5), /every-t: intervalMs must be a positive integer, got -5/],
    [() => commitStrategies.nOrT(10, 1.5), /n-or-t: intervalMs/],
    [
      () => validateCommitStrategy({ kind: 'sometimes' } as unknown as CommitStrategy),
      /unknown commit strategy "sometimes"/,
    ],
  ])('rejects bad numbers and unknown kinds with a typed error (%#)', (build, message) => {
    let thrown: unknown;
    try {
      build();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CommitStrategyError);
    expect(isKgenError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });

  it('validates plain objects (from config)', () => {
    expect(validateCommitStrategy({ kind: 'every-n', records: 5 })).toEqual({ kind: 'every-n', records: 5 });
    expect(validateCommitStrategy({ kind: 'per-record' })).toEqual({ kind: 'per-record' });
  });
});
