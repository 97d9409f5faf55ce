// Type-level tests of generated Protobuf code (compiled by `npm run typecheck`, never run).
import { type InputOf, type OutputOf } from 'kgen';
import { createProtobufCodec } from 'kgen/serde';
import {
  OrderSchema,
  type Order,
  type OrderInput,
} from '../golden/protobuf/__golden__/default/shop/order_pb';
import * as alt from '../golden/protobuf/__golden__/alternative/shop/order_pb';
import type { StockItemInput } from '../golden/protobuf/__golden__/default/legacy/inventory_pb';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

// The descriptor carries the generated input/output types.
assertType<Equal<InputOf<typeof OrderSchema>, OrderInput>>();
assertType<Equal<OutputOf<typeof OrderSchema>, Order>>();

declare const order: Order;

// A oneof narrows on `case`.
function paymentLabel(o: Order): string {
  switch (o.payment.case) {
    case 'card':
      return o.payment.value.last4;
    case 'voucherCode':
      return o.payment.value.toUpperCase();
    case 'free':
      return 'free';
    case undefined:
      // @ts-expect-error no value when no case is set
      return o.payment.value.length;
  }
}
paymentLabel(order);

// int64 → bigint by default, string by option; Timestamp → exact { seconds, nanos } (Date by option);
// wrappers unwrap to T | undefined.
const units: bigint = order.sequence;
const created: { seconds: bigint; nanos: number } | undefined = order.createdAt;
const altCreated: Date | undefined = altOrder.createdAt;
const priority: number | undefined = order.priority;
declare const altOrder: alt.Order;
const altSequence: string = altOrder.sequence;
const altPriority: { value: number } | undefined = altOrder.priority;
// Numeric enums: a const object of names.
const visa: 1 = alt.Order_Card_Network.NETWORK_VISA;
void [units, created, altCreated, priority, altSequence, altPriority, visa];

// String enums accept names, and numbers for values the schema does not know.
const input: OrderInput = {
  status: 'STATUS_PAID',
  history: ['STATUS_OPEN', 42],
  payment: { case: 'voucherCode', value: 'X' },
};
// @ts-expect-error not a Status name
const badStatus: OrderInput = { status: 'STATUS_NOPE' };
// @ts-expect-error the case decides the value's type
const badPayment: OrderInput = { payment: { case: 'card', value: 'not a card' } };
// @ts-expect-error int64 fields take bigint, not number
const badInt64: OrderInput = { sequence: 1 };
// @ts-expect-error proto2 `required` fields are required on input
const missingRequired: StockItemInput = { quantity: 1 };
void [input, badStatus, badPayment, badInt64, missingRequired];

// The codec's encode/decode types come from the descriptor.
const codec = createProtobufCodec(OrderSchema);
const decoded: Order = codec.decode(codec.encode(input));
// @ts-expect-error encode takes OrderInput
codec.encode({ id: 5 });
void decoded;
