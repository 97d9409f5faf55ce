import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateProtobuf, type ProtobufGenerateOptions } from '../../../../codegen/protobuf';
import { asRegistrySubjects, readProtoTree } from './proto-sources';

// Goldens live under test/golden/protobuf/__golden__/<case>/ and are compiled by `npm run typecheck`.
const GOLDEN = path.resolve(__dirname, '../../../golden/protobuf/__golden__');
const update = process.env['UPDATE_GOLDENS'] === '1';

const cases: ReadonlyArray<{ name: string; registry: boolean; options: ProtobufGenerateOptions }> = [
  { name: 'default', registry: true, options: {} },
  {
    name: 'alternative',
    registry: false,
    options: {
      int64: 'string',
      enums: 'number',
      timestamp: 'date',
      duration: 'milliseconds',
      wrappers: 'message',
    },
  },
];

function listFiles(dir: string, rel = ''): string[] {
  if (!fs.existsSync(path.join(dir, rel))) return [];
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]))
    .sort();
}

describe.each(cases)('Protobuf goldens: $name', ({ name, registry, options }) => {
  const sources = registry ? asRegistrySubjects(readProtoTree()) : readProtoTree();
  const out = generateProtobuf(sources, options);
  const dir = path.join(GOLDEN, name);

  if (update) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of out.files) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
  }

  it('writes the same set of files as the goldens', () => {
    expect(out.files.map((f) => f.path).sort()).toEqual(listFiles(dir));
  });

  it.each(out.files.map((f) => [f.path, f.content] as const))('%s matches its golden', (file, content) => {
    expect(content).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
  });

  it('is deterministic regardless of source order', () => {
    expect(generateProtobuf([...sources].reverse(), options)).toEqual(out);
  });
});
