import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSchemaFolder } from '../../../codegen/schema-folder';

// generate and check/register read a schema folder through this one walker, so they see the same files.
describe('readSchemaFolder', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-schema-folder-'));
    const files: Record<string, string> = {
      'b.avsc': '"string"',
      'a/c.proto': 'syntax = "proto3";',
      'a/d.avdl': 'protocol P {}',
      'notes.txt': 'ignored',
      '.git/x.avsc': '"int"',
      'pulled/y.avsc': '"long"',
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists schema files sorted, with formats, skipping dot folders and excluded folders', () => {
    const files = readSchemaFolder(dir, [path.join(dir, 'pulled')]);
    expect(files.map((f) => [f.path, f.format])).toEqual([
      ['a/c.proto', 'PROTOBUF'],
      ['a/d.avdl', 'AVRO'],
      ['b.avsc', 'AVRO'],
    ]);
  });

  it('names a missing folder and a file given as folder', () => {
    expect(() => readSchemaFolder(path.join(dir, 'nope'))).toThrow('schema folder not found');
    expect(() => readSchemaFolder(path.join(dir, 'b.avsc'))).toThrow('schema folder is not a folder');
  });
});
