import fc from 'fast-check';
import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  VariableDeclarationKind,
  type StatementStructures,
} from 'ts-morph';
import { printDeclarations, type Declaration } from '../../../../codegen/emit/declarations';

/**
 * The generated modules' layout was ts-morph's structure printer's, and goldens pin it byte for byte. The
 * plain printer must keep it for every input, not just the golden schemas: ts-morph stays the oracle here.
 */
const project = new Project({
  useInMemoryFileSystem: true,
  manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
});

function docsOf(docs: string | undefined) {
  return docs === undefined ? [] : [{ description: docs }];
}

function structureOf(d: Declaration): StatementStructures | string {
  switch (d.kind) {
    case 'import':
      return { kind: StructureKind.ImportDeclaration, moduleSpecifier: d.module, namedImports: [...d.names] };
    case 'text':
      return d.text;
    case 'type':
      return {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: d.name,
        type: d.type,
        docs: docsOf(d.docs),
      };
    case 'const':
      return {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: docsOf(d.docs),
        declarations: [{ name: d.name, initializer: d.initializer }],
      };
    case 'interface':
      return {
        kind: StructureKind.Interface,
        isExported: true,
        name: d.name,
        docs: docsOf(d.docs),
        properties: d.properties.map((p) => ({
          name: p.name,
          type: p.type,
          hasQuestionToken: p.optional === true,
          docs: docsOf(p.docs),
        })),
      };
  }
}

function printedByTsMorph(declarations: readonly Declaration[]): string {
  const file = project.createSourceFile(
    'm.ts',
    { statements: declarations.map(structureOf) },
    { overwrite: true },
  );
  const text = file.getFullText();
  file.forget();
  return text;
}

// Doc text as the emitters pass it: free text (CR, LF, quotes, backticks, comment openers) with `*/` escaped.
const docText = fc.stringMatching(/^[a-z \t\r\n*/'"`\\{}$@-]{1,24}$/).map((s) => s.replace(/\*\//g, '*\\/'));
const docs = fc.option(docText, { nil: undefined });
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/);
const type = fc.constantFrom(
  'string',
  'Buffer | null',
  "{ 'com.acme.V': V } | null",
  'Record<string, number[]>',
  "'A' | 'B'",
);
const literal = fc.stringMatching(/^[a-z "'`{}/*]{0,12}$/).map((s) => `'${s.replace(/'/g, "\\'")}'`);

const declaration: fc.Arbitrary<Declaration> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    module: fc.stringMatching(/^\.\/[a-z'\\\n\r /-]{1,10}$/),
    names: fc.array(
      fc.oneof(
        name,
        name.map((n) => `type ${n}`),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constant('interface' as const),
    name,
    docs,
    properties: fc.array(fc.record({ name, type, optional: fc.boolean(), docs }), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('type' as const), name, type, docs }),
  fc.record({
    kind: fc.constant('const' as const),
    name,
    docs,
    initializer: fc
      .array(literal, { maxLength: 3 })
      .map((l) => `{ ${l.map((v, i) => `k${i}: ${v}`).join(', ')} } as const`),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    text: fc
      .tuple(name, fc.array(literal, { maxLength: 3 }))
      .map(
        ([n, l]) =>
          `/** Descriptor of ${n}. */\nexport const ${n} = f({\n${l.map((v) => `  k: ${v},`).join('\n')}\n});`,
      ),
  }),
);

describe('printDeclarations', () => {
  it('prints what the ts-morph structure printer printed, for any mix of declarations', () => {
    fc.assert(
      fc.property(fc.array(declaration, { maxLength: 6 }), (declarations) => {
        expect(printDeclarations(declarations)).toBe(printedByTsMorph(declarations));
      }),
      { numRuns: 400 },
    );
  });

  it('puts a blank line around interfaces only, and ends with one new line', () => {
    const text = printDeclarations([
      { kind: 'import', module: 'kgen', names: ['avroSchema'] },
      { kind: 'interface', name: 'A', properties: [{ name: 'x', type: 'string', docs: 'One\r\ntwo' }] },
      { kind: 'type', name: 'B', type: 'string' },
      { kind: 'const', name: 'C', initializer: '1' },
    ]);
    expect(text).toBe(
      "import { avroSchema } from 'kgen';\n\nexport interface A {\n  /**\n   * One\n   * two\n   */\n  x: string;\n}\n\nexport type B = string;\nexport const C = 1;\n",
    );
  });
});
