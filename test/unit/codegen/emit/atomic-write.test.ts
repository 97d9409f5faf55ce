import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffFolder, listFiles, replaceFolder, writeFileAtomic } from '../../../../codegen/emit/atomic-write';

const owned = { isOwned: (_p: string, c: string) => c.startsWith('//gen'), label: 'output folder' };

describe('replaceFolder', () => {
  let root: string;
  let out: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-write-'));
    out = path.join(root, 'generated');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const snapshot = () =>
    Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));

  it('creates, then replaces the folder with exactly the new files and reports the diff', () => {
    replaceFolder(
      out,
      [
        { path: 'a.ts', content: '//gen a' },
        { path: 'x/b.ts', content: '//gen b' },
      ],
      owned,
    );
    const diff = replaceFolder(
      out,
      [
        { path: 'a.ts', content: '//gen a2' },
        { path: 'c.ts', content: '//gen c' },
      ],
      owned,
    );
    expect(diff).toEqual({ added: ['c.ts'], changed: ['a.ts'], removed: ['x/b.ts'] });
    expect(snapshot()).toEqual({ 'a.ts': '//gen a2', 'c.ts': '//gen c' });
    expect(fs.readdirSync(root)).toEqual(['generated']); // no staging/backup folders left
  });

  it('leaves an unchanged folder alone', () => {
    replaceFolder(out, [{ path: 'a.ts', content: '//gen a' }], owned);
    const before = fs.statSync(path.join(out, 'a.ts')).mtimeMs;
    const diff = replaceFolder(out, [{ path: 'a.ts', content: '//gen a' }], owned);
    expect(diff).toEqual({ added: [], changed: [], removed: [] });
    expect(fs.statSync(path.join(out, 'a.ts')).mtimeMs).toBe(before);
  });

  it('keeps the previous output intact when writing fails half way', () => {
    replaceFolder(out, [{ path: 'a.ts', content: '//gen old' }], owned);
    // `x` as a file and as a folder: the second write fails after the first succeeded.
    expect(() =>
      replaceFolder(
        out,
        [
          { path: 'a.ts', content: '//gen new' },
          { path: 'x', content: '//gen x' },
          { path: 'x/y.ts', content: '//gen y' },
        ],
        owned,
      ),
    ).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
    expect(snapshot()).toEqual({ 'a.ts': '//gen old' });
    expect(fs.readdirSync(root)).toEqual(['generated']);
  });

  it('refuses to replace a folder holding a file it did not write, before changing anything', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'mine.ts'), 'hand written');
    expect(() => replaceFolder(out, [{ path: 'a.ts', content: '//gen' }], owned)).toThrow(
      /output folder contains mine\.ts, which kgen did not write/,
    );
    expect(snapshot()).toEqual({ 'mine.ts': 'hand written' });
  });

  it('rejects paths that would escape the folder or collide', () => {
    expect(() => replaceFolder(out, [{ path: '../evil.ts', content: '//gen' }], owned)).toThrow(
      /clean relative path/,
    );
    expect(() => replaceFolder(out, [{ path: '/abs.ts', content: '//gen' }], owned)).toThrow(
      /clean relative path/,
    );
    expect(() =>
      replaceFolder(
        out,
        [
          { path: 'a.ts', content: '//gen' },
          { path: 'a.ts', content: '//gen' },
        ],
        owned,
      ),
    ).toThrow(/same path "a.ts"/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('diffFolder treats a missing folder as all-added', () => {
    expect(diffFolder(out, [{ path: 'a.ts', content: 'x' }])).toEqual({
      added: ['a.ts'],
      changed: [],
      removed: [],
    });
  });
});

describe('writeFileAtomic', () => {
  it('writes through a temporary file and leaves no temporary behind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-atomic-'));
    try {
      const file = path.join(dir, 'sub', 'kgen.lock.json');
      writeFileAtomic(file, 'one');
      writeFileAtomic(file, 'two');
      expect(fs.readFileSync(file, 'utf8')).toBe('two');
      expect(fs.readdirSync(path.dirname(file))).toEqual(['kgen.lock.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
