import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigFile, loadConfig } from '../../../../codegen/config/load-config';
import { CodegenError } from '../../../../codegen/errors';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function formatted(file: string): Promise<string> {
    try {
      await loadConfig({ file, cwd: dir });
    } catch (err) {
      if (err instanceof CodegenError) return err.format();
      throw err;
    }
    throw new Error('expected loadConfig to fail');
  }

  it('finds kgen.config.json and resolves paths against its folder', async () => {
    fs.writeFileSync(path.join(dir, 'kgen.config.json'), JSON.stringify({ output: 'gen', schemas: 'avro' }));
    expect(findConfigFile(dir)).toBe(path.join(dir, 'kgen.config.json'));
    const config = await loadConfig({ cwd: dir });
    expect(config.outDir).toBe(path.join(dir, 'gen'));
    expect(config.schemaDir).toBe(path.join(dir, 'avro'));
    expect(config.configFile).toBe(path.join(dir, 'kgen.config.json'));
  });

  it('reports invalid JSON with file, line and column', async () => {
    const file = path.join(dir, 'kgen.config.json');
    fs.writeFileSync(file, '{\n  "output": "gen",\n  "topics": {,}\n}\n');
    expect(await formatted(file)).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:14: invalid JSON: .* \\[INVALID_JSON\\]$`,
      ),
    );
  });

  it('reports a bad key with the file and JSON path', async () => {
    const file = path.join(dir, 'kgen.config.json');
    fs.writeFileSync(file, JSON.stringify({ topics: { orders: { key: 'strnig' } } }));
    expect(await formatted(file)).toBe(
      `${file} at $.topics.orders.key: expected one of "string", "bytes", got "strnig" [CONFIG_INVALID]`,
    );
  });

  it('loads a .cjs config', async () => {
    const file = path.join(dir, 'kgen.config.cjs');
    fs.writeFileSync(file, 'module.exports = { output: "out-cjs" };');
    expect((await loadConfig({ file, cwd: dir })).outDir).toBe(path.join(dir, 'out-cjs'));
  });

  // .mjs and .ts configs are loaded through the CLI in test/unit/codegen/cli (jest's module sandbox
  // supports neither dynamic import() nor tsx's require hook).

  it('names a missing config file', async () => {
    await expect(loadConfig({ file: 'nope.json', cwd: dir })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND', location: { file: path.join(dir, 'nope.json') } }),
    );
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/no config file/);
  });
});
