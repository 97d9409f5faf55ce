import { headersExpression } from '../../../../codegen/emit/topic-headers';

describe('headersExpression', () => {
  it('emits one builder per header, quoting names and symbols, and records the runtime names it uses', () => {
    const runtime = new Set<string>();
    const expr = headersExpression(
      {
        strict: false,
        fields: [
          { name: '__proto__', type: 'string', required: true },
          { name: 'seq', type: 'bigint', required: false },
          { name: 'x-kind', type: 'enum', required: false, symbols: ["a'b", 'c\\d'] },
        ],
      },
      runtime,
    );
    expect(expr).toBe(
      "defineHeaders({ ['__proto__']: stringHeader(), seq: bigintHeader({ optional: true }), 'x-kind': enumHeader(['a\\'b', 'c\\\\d'], { optional: true }) }, { strict: false })",
    );
    expect([...runtime].sort()).toEqual(['bigintHeader', 'defineHeaders', 'enumHeader', 'stringHeader']);
    // What the emitted expression means at runtime: `__proto__` is a field, not the prototype.
    const fields = new Function("return { ['__proto__']: 1 }")() as object;
    expect(Object.keys(fields)).toEqual(['__proto__']);
  });
});
