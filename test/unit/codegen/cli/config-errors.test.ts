import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnKgen } from '../governance/spawn-kgen';

// The spawned CLI on incomplete configs (issue 18): exit 2 and one line naming the file and JSON path. Before
// the fix, these ended in "RangeError: Maximum call stack size exceeded" and a stack trace.
describe('kgen on an incomplete config', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-config-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'pull',
      { registry: {} },
      '$.registry.url: expected a non-empty string, got nothing (the key is missing)',
    ],
    [
      'generate',
      { subjects: [{ version: 3 }] },
      '$.subjects[0]: expected a "subject" or a "pattern" key, got neither',
    ],
    [
      'pull',
      { registry: { url: 'http://127.0.0.1:1', auth: { type: 'basic' } } },
      '$.registry.auth.usernameEnv: expected a non-empty string, got nothing (the key is missing)',
    ],
  ])('kgen %s with %j: exit 2, one line with the path', (command, config, message) => {
    const file = path.join(dir, 'kgen.config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const r = spawnKgen(dir, [command]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`kgen: ${file} at ${message} [CONFIG_INVALID]`]);
  });
});
