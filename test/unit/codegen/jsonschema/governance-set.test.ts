import { buildSchemaSet, dependencyOrder } from '../../../../codegen/governance/schema-set';
import { readSchemaFolder } from '../../../../codegen/schema-folder';
import { SHOP_DIR } from './schema-set';

describe('JSON Schema files in the governance schema set (kgen register/check)', () => {
  const set = buildSchemaSet(readSchemaFolder(SHOP_DIR));

  it('reads .json files as JSON, subject from the file name, main type from the title', () => {
    const order = set.find((s) => s.file === 'order.json')!;
    expect(order).toMatchObject({ format: 'JSON', subject: 'order', mainType: 'Order' });
  });

  it('references other files by the $ref as written, and orders them first', () => {
    const order = set.find((s) => s.file === 'order.json')!;
    expect(order.deps).toEqual([
      ['common/address.json', 'common/address.json'],
      ['common/money.json', 'common/money.json'],
    ]);
    const files = dependencyOrder(set).map((s) => s.file);
    expect(files.indexOf('common/money.json')).toBeLessThan(files.indexOf('order.json'));
  });
});
