import {
  applyImportExtension,
  type ResolvedImportExtension,
} from '../../../../codegen/emit/import-extension';
import { generatedHeader } from '../../../../codegen/emit/header';

const header = generatedHeader({ sources: ['shop/order.proto'] });
// The shapes kgen's emitters write: ts-morph named imports (Avro), namespace imports (Protobuf), the index's
// re-exports; a schema text that happens to contain an import statement must stay as it is.
const body = [
  "import * as kgen from 'kgen';",
  "import { type Address, type AddressInput } from './common/address';",
  "import * as shop_common_pb from '../shop/common_pb';",
  "export * from './topics';",
  "export * as shop_order_pb from './shop/order_pb';",
  'const $schema = "syntax = \\"proto3\\";\\nimport x from \'./not-an-import\';";',
  "  import { y } from './indented-text';",
  '',
].join('\n');
const file = { path: 'shop/order_pb.ts', content: `${header}${body}` };

const apply = (resolved: ResolvedImportExtension) => applyImportExtension(file, resolved).content;

describe('applyImportExtension', () => {
  it.each([
    ['.js', './common/address.js', '../shop/common_pb.js', './topics.js'],
    ['.ts', './common/address.ts', '../shop/common_pb.ts', './topics.ts'],
    ['none', './common/address', '../shop/common_pb', './topics'],
  ] as const)('%s: every relative specifier of an import/export statement gets it', (extension, a, b, c) => {
    const out = apply({ extension, reason: 'explicit' });
    expect(out).toContain(`from '${a}';`);
    expect(out).toContain(`from '${b}';`);
    expect(out).toContain(`export * from '${c}';`);
    expect(out).toContain("import * as kgen from 'kgen';");
    expect(out).toContain("import x from './not-an-import';");
    expect(out).toContain("  import { y } from './indented-text';");
  });

  it('states the extension and its reason in the header, above the eslint line', () => {
    const out = apply({ extension: '.js', reason: 'auto: package.json "type": "module", no tsconfig.json' });
    const lines = out.split('\n');
    const at = lines.indexOf('/* eslint-disable */');
    expect(lines[at - 1]).toBe(
      '// Import extension: .js (auto: package.json "type": "module", no tsconfig.json)',
    );
  });

  it('is deterministic: applying to the same input gives the same text', () => {
    const resolved = { extension: '.js', reason: 'explicit' } as const;
    expect(apply(resolved)).toBe(apply(resolved));
  });
});
