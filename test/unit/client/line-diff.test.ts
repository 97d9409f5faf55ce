import { lineDiff, prettySchema, sameSchemaText } from '../../../src/client/line-diff';

describe('line diff for verify()', () => {
  it('marks registry-only lines with - and local-only lines with +, keeping common lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toBe('  a\n- b\n+ x\n  c');
    expect(lineDiff('a', 'a\nb')).toBe('  a\n+ b');
    expect(lineDiff('a\nb', 'b')).toBe('- a\n  b');
  });
  it('compares schema texts ignoring JSON formatting', () => {
    expect(sameSchemaText('{"type":"string"}', '{ "type": "string" }')).toBe(true);
    expect(sameSchemaText('{"type":"string"}', '{"type":"int"}')).toBe(false);
    expect(prettySchema('syntax = "proto3";\n')).toBe('syntax = "proto3";');
  });
});
