/**
 * Type-level tests of the emitted Avro types (compiled by `npm run typecheck`; no runner). They use the
 * committed goldens, so they also pin what the generator emits.
 */
import type { InputOf, OutputOf } from 'kgen';
import { createAvroCodec } from 'kgen/serde';
import type * as Alt from '../golden/avro/__golden__/alternative/com/acme/order';
import type {
  Address,
  AddressInput,
  Country,
} from '../golden/avro/__golden__/default/com/acme/common/address';
import { Country as CountrySymbols } from '../golden/avro/__golden__/default/com/acme/common/address';
import {
  OrderSchema,
  Status,
  type Order,
  type OrderInput,
} from '../golden/avro/__golden__/default/com/acme/order';
import type { Numbers } from '../golden/avro/__golden__/default/wrapped-only/numbers';

// Output types have every field, defaulted ones too.
// @ts-expect-error -- country (defaulted) is still required in the consumer output type
export const missingInOutput: Address = { street: 's', city: 'c' };
export const fullOutput: Address = { street: 's', city: 'c', country: 'FR' };

// Input types make defaulted fields optional, but keep required ones.
export const defaultedLeftOut: AddressInput = { street: 's', city: 'c' };
// @ts-expect-error -- city has no default
export const requiredLeftOut: AddressInput = { street: 's', country: 'DE' };

// Enums are literal unions; the const lists the symbols.
export const country: Country = CountrySymbols.US;
// @ts-expect-error -- not a symbol of Country
export const wrongSymbol: Country = 'UK';
export const status: Status = Status.PAID;

// Logical types and bytes: Date, exact decimal strings, Buffer.
type Line = Order['lines'][number];
export const line: Line = { sku: 'a', quantity: 1, unitPrice: '9.99' };
// @ts-expect-error -- decimals are strings, never numbers (lossless)
export const decimalAsNumber: Line = { sku: 'a', quantity: 1, unitPrice: 9.99 };
// @ts-expect-error -- timestamp-millis is a Date with the default options
export const placedAtNumber: Order['placedAt'] = 1;
export const checksum: Order['checksum'] = Buffer.alloc(16);

// Multi-branch unions are wrapped by their branch name; ["null", T] is T | null.
export const payment: Order['payment'] = { 'com.acme.Voucher': { code: 'X' } };
// @ts-expect-error -- a wrapped union value is never bare
export const barePayment: Order['payment'] = 'card';
export const amount: Numbers['amount'] = { long: 5 };
export const shipTo: Order['shipTo'] = null;

// With the alternative options: bigint longs, plain unions, number timestamps, string dates, bytes decimals.
export const altPayment: Alt.Order['payment'] = 5n;
// @ts-expect-error -- long is bigint under long: 'bigint'
export const altNumberLong: Alt.Order['payment'] = 5;
export const altDay: Alt.Order['deliveryDay'] = '2024-02-29';
export const altTotal: Alt.Order['total'] = Buffer.from([1]);

// The descriptor carries the types to the codec and the SDK.
const codec = createAvroCodec(OrderSchema);
export const decoded: Order = codec.decode(Buffer.alloc(0));
export function encodeInput(value: OrderInput): Buffer {
  return codec.encode(value);
}
// @ts-expect-error -- the codec's encode takes the producer input type
export const encodeWrong = (value: { id: string }) => codec.encode(value);
export type Checks = [InputOf<typeof OrderSchema>, OutputOf<typeof OrderSchema>] extends [OrderInput, Order]
  ? true
  : never;
export const checks: Checks = true;
