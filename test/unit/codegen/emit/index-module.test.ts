import { emitIndexModule, moduleNamespace } from '../../../../codegen/emit/index-module';

describe('generated index.ts', () => {
  it('re-exports modules flat, and modules with clashing names as namespaces', () => {
    const files = [
      { path: 'billing/invoice_pb.ts', content: 'export interface Invoice {}\nexport type State = "A";\n' },
      {
        path: 'shop/order_pb.ts',
        content: 'export interface Order {}\nexport const enum_ = 1;\nexport type State = "B";\n',
      },
      { path: 'money.ts', content: 'export interface Money {}\nexport const MoneySchema = {};\n' },
      { path: 'topics.ts', content: 'export const topics = {};\n' },
    ];
    const index = emitIndexModule(files, ['kgen.config.json']).content;
    expect(index.split('\n').filter((l) => l.startsWith('export'))).toEqual([
      "export * as billing_invoice_pb from './billing/invoice_pb';",
      "export * from './money';",
      "export * as shop_order_pb from './shop/order_pb';",
      "export * from './topics';",
    ]);
  });

  it('names namespaces after the module path, as valid identifiers', () => {
    expect(moduleNamespace('a-b/c.d_pb')).toBe('a_b_c_d_pb');
    expect(moduleNamespace('1st/x')).toBe('_1st_x');
  });
});
