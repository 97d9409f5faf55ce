// Shared hand-written topic map for the SDK type tests (compiled by `npm run typecheck`, never run).
import {
  avroSchema,
  bytesSerde,
  defineTopics,
  oneOf,
  protobufSchema,
  stringSerde,
  type AvroCodecOptions,
} from 'kgen';

export interface Order {
  id: string;
  amount: number;
}
export interface Refund {
  orderId: string;
  reason: string;
}
export interface Shipment {
  trackingId: string;
}

const options: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'date',
  date: 'date',
  decimal: 'string',
};

export const topics = defineTopics({
  orders: {
    key: stringSerde,
    value: avroSchema<Order>({ name: 'acme.Order', schema: '{}', references: [], options }),
  },
  refunds: {
    key: stringSerde,
    value: avroSchema<Refund>({ name: 'acme.Refund', schema: '{}', references: [], options }),
  },
  shipments: {
    key: bytesSerde,
    value: protobufSchema<Shipment>({
      name: 'acme.Shipment',
      fileName: 'acme/shipment.proto',
      schema: '',
      references: [],
      options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
    }),
  },
  payments: {
    key: stringSerde,
    value: oneOf(
      avroSchema<Order>({ name: 'acme.Order', schema: '{}', references: [], options }),
      avroSchema<Refund>({ name: 'acme.Refund', schema: '{}', references: [], options }),
    ),
  },
});
