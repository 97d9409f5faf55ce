import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPrevious } from '../../../../codegen/governance/previous-sources';
import { CodegenError } from '../../../../codegen/errors';
import { fingerprint, parseLockFile, serializeLockFile } from '../../../../codegen/registry/lock-file';
import { jsonPath, pathsOf, REMOVE, withChange, WRONG_VALUES } from '../config/json-mutations';

// The two readers of kgen.lock.json (generate's, and check --against's) under a damaged lock file: every key
// removed, every value replaced by each JSON type. Each must accept it or fail with one line naming the lock
// file — before the config-node fix, a missing key overflowed the stack (the same fault as issue 18's config),
// and check --against crashed with a TypeError on a `null` entry.

const LOCK = JSON.parse(
  serializeLockFile({
    lockfileVersion: 1,
    registry: 'http://r:8081',
    schemas: [
      {
        subject: 'orders-value',
        version: 3,
        id: 12,
        schemaType: 'AVRO',
        fingerprint: fingerprint('{"type":"record"}'),
        file: 'orders-value/v3.avsc',
        root: true,
        references: [{ name: 'com.acme.Money', subject: 'money', version: 1 }],
      },
      {
        subject: 'money',
        version: 1,
        id: 10,
        schemaType: 'PROTOBUF',
        fingerprint: fingerprint('m'),
        file: 'money/v1.proto',
        root: false,
        references: [],
      },
    ],
  }),
) as unknown;

const variants = (): Array<{ changed: string; raw: unknown }> =>
  pathsOf(LOCK).flatMap((at) => [
    { changed: jsonPath(at), raw: withChange(LOCK, at, REMOVE) },
    ...WRONG_VALUES.map((v) => ({ changed: jsonPath(at), raw: withChange(LOCK, at, v) })),
  ]);

/** Runs `read`; a rejection must be a one-line CodegenError naming `file`. */
function expectOneLineOrOk(read: () => unknown, file: string, changed: string): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof CodegenError))
      throw new Error(`not a CodegenError after changing ${changed}`, { cause: err });
    expect(err.format()).not.toContain('\n');
    expect(err.location.file).toBe(file);
  }
}

describe('lock file readers under a damaged lock', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-lock-fuzz-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generate (parseLockFile): every removal and wrong type is one line naming the file', () => {
    const file = path.join(dir, 'kgen.lock.json');
    let rejected = 0;
    for (const { changed, raw } of variants()) {
      try {
        parseLockFile(JSON.stringify(raw), file);
      } catch {
        rejected++;
      }
      expectOneLineOrOk(() => parseLockFile(JSON.stringify(raw), file), file, changed);
    }
    expect(rejected).toBeGreaterThan(50);
  });

  it('check --against lock (loadPrevious): the same, before any schema file is read', () => {
    const file = path.join(dir, 'against.lock.json');
    for (const { changed, raw } of variants()) {
      fs.writeFileSync(file, JSON.stringify(raw));
      expectOneLineOrOk(
        () => loadPrevious({ kind: 'lock', file, pullDir: dir }, [], dir, new Map(), true),
        file,
        changed,
      );
    }
  });
});
