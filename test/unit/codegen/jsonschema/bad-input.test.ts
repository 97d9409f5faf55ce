import { generateJsonSchema } from '../../../../codegen/jsonschema';
import { CodegenError } from '../../../../codegen/errors';
import type { SourceSchema } from '../../../../codegen/model';
import { resolveJsonGenerateOptions } from '../../../../codegen/jsonschema/options';

const OPTIONS = { dateTime: 'string', validateOnConsume: true } as const;
const file = (path: string, schema: unknown, extra: Partial<SourceSchema> = {}): SourceSchema => ({
  format: 'JSON',
  path,
  text: typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2),
  references: [],
  ...extra,
});

function failure(sources: SourceSchema[]): CodegenError {
  try {
    generateJsonSchema(sources, OPTIONS);
  } catch (err) {
    if (err instanceof CodegenError) return err;
    throw err;
  }
  throw new Error('expected a CodegenError');
}

describe('JSON Schema codegen: bad input names the file and the JSON path', () => {
  it('a keyword with a wrong value (meta-schema violation)', () => {
    const err = failure([file('order.json', { type: 'object', properties: { qty: { type: 'integr' } } })]);
    expect(err.code).toBe('INVALID_SCHEMA');
    expect(err.location).toMatchObject({ file: 'order.json', path: '$.properties.qty.type' });
  });

  it('text that is not JSON, with line and column', () => {
    const err = failure([file('order.json', '{\n  "type": "object",\n  "properties": {,}\n}')]);
    expect(err.code).toBe('INVALID_JSON');
    expect(err.location).toMatchObject({ file: 'order.json', line: 3 });
  });

  it('an unsupported draft', () => {
    const err = failure([file('old.json', { $schema: 'http://json-schema.org/draft-04/schema#' })]);
    expect(err.location).toMatchObject({ file: 'old.json', path: '$.$schema' });
    expect(err.message).toContain('draft-04');
  });

  it.each([
    ['another file', 'missing.json', /no schema file or \$id "missing.json"/],
    ['a pointer into nothing', '#/$defs/Nope', /order.json has nothing at #\/\$defs\/Nope/],
    ['an anchor', '#line', /only JSON Pointer fragments/],
  ])('an unresolvable $ref to %s', (_what, ref, message) => {
    const err = failure([file('order.json', { type: 'object', properties: { line: { $ref: ref } } })]);
    expect(err.code).toBe('UNRESOLVED_REF');
    expect(err.location).toMatchObject({ file: 'order.json', path: '$.properties.line.$ref' });
    expect(err.message).toMatch(message);
  });

  it('a registry subject whose $ref names no reference', () => {
    const err = failure([
      file('order-value.json', { properties: { to: { $ref: 'address.json' } } }, { subject: 'order-value' }),
    ]);
    expect(err.location).toMatchObject({ subject: 'order-value', path: '$.properties.to.$ref' });
    expect(err.message).toContain('no registry reference is named "address.json"');
  });

  it.each([
    [{ dateTime: 'Date' }, '$.json.dateTime'],
    [{ validateOnConsume: 'yes' }, '$.json.validateOnConsume'],
    [{ dates: 'date' }, '$.json.dates'],
    [{ dateTime: 'date', validateOnConsume: false }, '$.json.dateTime'],
  ])('options %j are refused at %s', (raw, path) => {
    expect(() => resolveJsonGenerateOptions(raw)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', location: { path } }),
    );
  });
});
