import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectImportExtension } from '../../../../codegen/generate/detect-import-extension';
import { CodegenError } from '../../../../codegen/errors';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-ext-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
}

const detect = (outDir = 'src/generated') => detectImportExtension(path.join(root, outDir));
const ESM = { name: 'app', type: 'module' };

describe('detectImportExtension (nearest package.json and tsconfig.json above the output folder)', () => {
  it.each([
    ['CommonJS package with nodenext', { type: 'commonjs' }, { module: 'nodenext' }, 'none'],
    [
      'ES module, moduleResolution nodenext',
      ESM,
      { module: 'nodenext', moduleResolution: 'nodenext' },
      '.js',
    ],
    ['ES module, module node16 alone', ESM, { module: 'Node16' }, '.js'],
    ['ES module, module node20 alone', ESM, { module: 'node20' }, '.js'],
    ['ES module, bundler', ESM, { module: 'esnext', moduleResolution: 'bundler' }, 'none'],
    ['ES module, module preserve', ESM, { module: 'preserve' }, 'none'],
    [
      'ES module, nodenext + .ts imports',
      ESM,
      { module: 'nodenext', allowImportingTsExtensions: true },
      '.ts',
    ],
    [
      'ES module, nodenext + rewrite',
      ESM,
      { module: 'nodenext', rewriteRelativeImportExtensions: true },
      '.ts',
    ],
  ] as const)('%s → %s', (_name, pkg, compilerOptions, expected) => {
    write({ 'package.json': pkg, 'tsconfig.json': { compilerOptions } });
    expect(detect().extension).toBe(expected);
  });

  it('no package.json and no tsconfig: CommonJS, none', () => {
    expect(detect()).toEqual({ extension: 'none', reason: 'auto: CommonJS package' });
  });

  it('ES module without a tsconfig.json (Node runs the output) → .js', () => {
    write({ 'package.json': ESM });
    expect(detect()).toEqual({
      extension: '.js',
      reason: 'auto: package.json "type": "module", no tsconfig.json',
    });
  });

  it('reads tsconfig comments and trailing commas, and follows relative and package extends', () => {
    write({
      'package.json': ESM,
      'tsconfig.json':
        '{\n  // base settings\n  "extends": ["./base", "@acme/tsconfig/strict.json"],\n  /* own */ "compilerOptions": { "strict": true, },\n}\n',
      'base.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },
      'node_modules/@acme/tsconfig/strict.json':
        '{ "compilerOptions": { "moduleResolution": "NodeNext", "module": "NodeNext" } }',
    });
    expect(detect()).toEqual({
      extension: '.js',
      reason: 'auto: package.json "type": "module", tsconfig.json nodenext',
    });
  });

  it('the nearest package.json and tsconfig.json win over those further up', () => {
    write({
      'package.json': { type: 'commonjs' },
      'tsconfig.json': { compilerOptions: { module: 'commonjs' } },
      'packages/svc/package.json': ESM,
      'packages/svc/tsconfig.json': { compilerOptions: { module: 'nodenext' } },
    });
    expect(detect('packages/svc/src/gen').extension).toBe('.js');
    expect(detect('src/gen').extension).toBe('none');
  });

  it.each([
    ['invalid JSON', '{ "compilerOptions": ', /tsconfig\.json cannot be read/],
    ['a missing base', '{ "extends": "./nope.json" }', /extends "\.\/nope\.json", which does not exist/],
    [
      'an unresolvable package base',
      '{ "extends": "@nope/tsconfig" }',
      /extends "@nope\/tsconfig", which cannot be resolved/,
    ],
  ])('a tsconfig with %s: error naming the file and how to skip detection', (_name, text, message) => {
    write({ 'package.json': ESM, 'tsconfig.json': text });
    let error: unknown;
    try {
      detect();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as CodegenError).code).toBe('PROJECT_SETTINGS');
    expect((error as CodegenError).location.file).toBe(path.join(root, 'tsconfig.json'));
    expect((error as CodegenError).message).toMatch(message);
    expect((error as CodegenError).message).toContain('--import-extension');
  });

  it('an extends cycle is an error, not a hang', () => {
    write({
      'package.json': ESM,
      'tsconfig.json': { extends: './b.json' },
      'b.json': { extends: './tsconfig.json' },
    });
    expect(() => detect()).toThrow(/"extends" cycle/);
  });
});
