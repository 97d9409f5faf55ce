import { jsonErrorPosition } from '../../../../codegen/avro/json-error-position';

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": [1, 2.5e3, -0, true, false, null, "x\\u00e9\\n"], "b": {}}', undefined],
    ['[1,]', 3],
    ['{"fields": [,]}', 12],
    ['{"a" 1}', 5],
    ['{"a": 1} x', 9],
    ['"unterminated', 13],
    ['{"a": tru}', 6],
    ['', 0],
  ])('%j → %j', (text, position) => {
    expect(jsonErrorPosition(text)).toBe(position);
  });

  it('agrees with JSON.parse on validity', () => {
    for (const text of ['{}', '[]', '0', '01', '1.', '{"a":1,}', '"\\x"', '[1 2]', ' {"k": [null]} ']) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect([text, jsonErrorPosition(text) === undefined]).toEqual([text, valid]);
    }
  });
});
