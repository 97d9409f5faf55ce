import { assignTypeNames } from '../../../../codegen/avro/type-names';
import type { NamedDef } from '../../../../codegen/avro/schema-model';
import type { SourceSchema } from '../../../../codegen/model';

const source: SourceSchema = { format: 'AVRO', path: 'a.avsc', text: '', references: [] };

function def(fullName: string): NamedDef {
  const dot = fullName.lastIndexOf('.');
  return {
    kind: 'record',
    fullName,
    name: fullName.slice(dot + 1),
    namespace: dot < 0 ? '' : fullName.slice(0, dot),
    aliases: [],
    path: '$',
    source,
    json: {},
    fields: [],
  };
}

describe('assignTypeNames', () => {
  it('keeps unique simple names and qualifies colliding ones by the fewest namespace segments', () => {
    const names = assignTypeNames(
      [def('com.a.x.Item'), def('com.b.x.Item'), def('com.a.Order'), def('Item')],
      new Set(['com.a.Order']),
      'Input',
    );
    expect(Object.fromEntries(names.type)).toEqual({
      'com.a.x.Item': 'AXItem',
      'com.b.x.Item': 'BXItem',
      Item: 'Item',
      'com.a.Order': 'Order',
    });
    expect(Object.fromEntries(names.input)).toEqual({ 'com.a.Order': 'OrderInput' });
  });

  it('does not depend on the order of the definitions', () => {
    const defs = [def('p.q.Item'), def('r.q.Item'), def('s.Thing')];
    const a = assignTypeNames(defs, new Set(), 'Input');
    const b = assignTypeNames([...defs].reverse(), new Set(), 'Input');
    expect(Object.fromEntries(a.type)).toEqual(Object.fromEntries(b.type));
  });

  it('renames types that would shadow globals the generated code uses', () => {
    const names = assignTypeNames([def('com.acme.Date'), def('com.acme.Buffer')], new Set(), 'Input');
    expect(names.type.get('com.acme.Date')).toBe('Date_');
    expect(names.type.get('com.acme.Buffer')).toBe('Buffer_');
  });
});
