import { fingerprint } from '../../../../codegen/registry/lock-file';
import { writePull } from '../../../../codegen/registry/write-pull';
import { CodegenError } from '../../../../codegen/errors';
import { TempProject } from '../cli/project';

// README: `pullDir` is owned by kgen and swapped in as a whole; a folder holding anything but pulled schema
// files stops the write before it starts (neither the folder nor the lock file changes).
describe('writePull', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  const config = () => ({
    pullDir: `${project.dir}/kgen-schemas`,
    lockFile: `${project.dir}/kgen.lock.json`,
  });
  const result = {
    files: [{ path: 'orders-value/v2.avsc', content: '"string"' }],
    lock: {
      lockfileVersion: 1 as const,
      registry: 'http://r',
      schemas: [
        {
          subject: 'orders-value',
          version: 2,
          id: 7,
          schemaType: 'AVRO' as const,
          fingerprint: fingerprint('"string"'),
          file: 'orders-value/v2.avsc',
          root: true,
          references: [],
        },
      ],
    },
  };

  it('replaces the previous pull as a whole and writes the lock', () => {
    project.write({ 'kgen-schemas/old-value/v1.avsc': '"int"', 'kgen.lock.json': '{}' });
    writePull(config(), result);
    expect(project.tree('kgen-schemas')).toEqual({ 'orders-value/v2.avsc': '"string"' });
    expect(JSON.parse(project.read('kgen.lock.json'))).toMatchObject({
      schemas: [{ subject: 'orders-value' }],
    });
  });

  it('refuses a pull folder holding other files; nothing changes', () => {
    project.write({
      'kgen-schemas/notes.md': 'mine',
      'kgen-schemas/old-value/v1.avsc': '"int"',
      'kgen.lock.json': '{}',
    });
    const before = project.tree('.');
    expect(() => writePull(config(), result)).toThrow(
      new CodegenError(
        'OUTPUT_NOT_OWNED',
        `pull folder ${config().pullDir} contains notes.md, which kgen did not write; refusing to replace the folder (move the file or choose another folder)`,
      ),
    );
    expect(project.tree('.')).toEqual(before);
  });
});
