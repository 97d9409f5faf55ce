import { checkJsonSchemaCompatibility } from '../../../../../codegen/governance/json/check-json-schema';
import type { CompatLevel } from '../../../../../codegen/governance/types';

const text = (qty: object, extra: object = {}) =>
  JSON.stringify(
    { type: 'object', additionalProperties: false, properties: { id: { type: 'string' }, qty }, ...extra },
    null,
    2,
  );
const v1 = { text: text({ type: 'string' }), label: 'orders-value v1' };
const v2 = { text: text({ type: 'integer' }), label: 'orders-value v2' };
const next = { text: text({ type: 'number' }) };
const check = (level: CompatLevel) =>
  checkJsonSchemaCompatibility({ file: 'orders-value.json', next, previous: [v1, v2], level }).map(
    (f) => `${f.level} ${f.rule} ${f.path} :${f.line ?? '-'} ${f.message.replace(/^.*\(/, '(')}`,
  );

describe('checkJsonSchemaCompatibility: levels over previous versions', () => {
  it('BACKWARD checks the latest only: integer → number widens', () => {
    expect(check('BACKWARD')).toEqual([]);
  });

  it('BACKWARD_TRANSITIVE checks every version: string → number breaks against v1', () => {
    expect(check('BACKWARD_TRANSITIVE')).toEqual([
      'error TYPE_CHANGED #/properties/qty :8 (BACKWARD against orders-value v1)',
    ]);
  });

  it('FORWARD reads new data with the latest: number → integer narrows', () => {
    expect(check('FORWARD')).toEqual([
      'error TYPE_NARROWED #/properties/qty :8 (FORWARD against orders-value v2)',
    ]);
  });

  it('FULL_TRANSITIVE: both directions against every version (one finding per rule and path)', () => {
    expect(check('FULL_TRANSITIVE')).toEqual([
      'error TYPE_CHANGED #/properties/qty :8 (BACKWARD against orders-value v1)',
      'error TYPE_NARROWED #/properties/qty :8 (FORWARD against orders-value v2)',
    ]);
  });

  it('NONE checks nothing', () => {
    expect(check('NONE')).toEqual([]);
  });

  it('references to other subjects are passed in resolved, by the name the $ref uses', () => {
    const order = JSON.stringify({ type: 'object', properties: { home: { $ref: 'address.json' } } });
    const address = (zip: string) => JSON.stringify({ type: 'object', properties: { zip: { type: zip } } });
    const findings = checkJsonSchemaCompatibility({
      file: 'orders-value.json',
      next: { text: order, references: [['address.json', address('integer')]] },
      previous: [{ text: order, references: [['address.json', address('string')]] }],
      level: 'FULL',
    });
    expect(findings.map((f) => `${f.rule} ${f.path}`)).toEqual([
      'TYPE_CHANGED #/properties/home/properties/zip',
    ]);
  });
});
