import { isCi, planPeer } from '../../helpers/interop-peer';

// A missing interop peer skips on a developer machine and fails under CI (issue 18: the Python interop tests
// skipped silently, so a CI run without the venv passed having checked nothing).
describe('planPeer', () => {
  it('runs the tests when the peer is installed, in CI or not', () => {
    expect(planPeer('python', true, {})).toEqual({ action: 'run' });
    expect(planPeer('python', true, { CI: 'true' })).toEqual({ action: 'run' });
  });

  it('skips with a reason on a developer machine', () => {
    expect(planPeer('the Python venv /x/python', false, {})).toEqual({
      action: 'skip',
      reason: 'the Python venv /x/python is missing (run npm run setup): interop tests skipped',
    });
  });

  it('fails under CI, naming the peer', () => {
    expect(planPeer('the Python venv /x/python', false, { CI: 'true' })).toEqual({
      action: 'fail',
      reason:
        'the Python venv /x/python is missing (run npm run setup); CI must run the interop tests, not skip them',
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['', false],
    [undefined, false],
  ])('CI=%j is a CI run: %s', (value, expected) => {
    expect(isCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });
});
