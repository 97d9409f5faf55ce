import { MockClient } from '@confluentinc/schemaregistry';
import { avroSchema, createClient, defineTopics, stringSerde, type AvroCodecOptions } from 'kgen';

export interface Order {
  customerId: string;
  amount: number;
}
export interface Customer {
  name: string;
  tier: string;
}
export interface Stat {
  count: number;
  total: number;
}
export interface WindowStat {
  customerId: string;
  start: number;
  count: number;
  total: number;
}

const options: AvroCodecOptions = {
  long: 'number',
  unions: 'wrapped',
  timestamps: 'number',
  date: 'number',
  decimal: 'string',
};

const schema = (name: string, fields: Array<[string, string]>): string =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'acme',
    fields: fields.map(([n, type]) => ({ name: n, type })),
  });

/** Fixed topic names for unit tests (no broker). */
export const unitTopics = defineTopics({
  orders: {
    key: stringSerde,
    value: avroSchema<Order>({
      name: 'acme.Order',
      schema: schema('Order', [
        ['customerId', 'string'],
        ['amount', 'double'],
      ]),
      references: [],
      options,
    }),
  },
  customers: {
    key: stringSerde,
    value: avroSchema<Customer>({
      name: 'acme.Customer',
      schema: schema('Customer', [
        ['name', 'string'],
        ['tier', 'string'],
      ]),
      references: [],
      options,
    }),
  },
  payments: {
    key: stringSerde,
    value: avroSchema<Order>({
      name: 'acme.Order',
      schema: schema('Order', [
        ['customerId', 'string'],
        ['amount', 'double'],
      ]),
      references: [],
      options,
    }),
  },
  stats: {
    key: stringSerde,
    value: avroSchema<Stat>({
      name: 'acme.Stat',
      schema: schema('Stat', [
        ['count', 'long'],
        ['total', 'double'],
      ]),
      references: [],
      options,
    }),
  },
  'window-stats': {
    key: stringSerde,
    value: avroSchema<WindowStat>({
      name: 'acme.WindowStat',
      schema: schema('WindowStat', [
        ['customerId', 'string'],
        ['start', 'long'],
        ['count', 'long'],
        ['total', 'double'],
      ]),
      references: [],
      options,
    }),
  },
  enriched: { key: stringSerde, value: stringSerde },
});

/** A client over the official in-memory registry: the real codecs, no servers. */
export function unitClient() {
  return createClient({
    brokers: '127.0.0.1:1',
    registry: { url: 'mock://streams', client: new MockClient({ baseURLs: ['mock://streams'] }) },
    schemas: { autoRegister: true },
    topics: unitTopics,
  });
}

type Suffixed<M, S extends string> = { readonly [K in keyof M & string as `${K}${S}`]: M[K] };

/**
 * The unit topic map under unique names for a shared broker: `orders<suffix>`... Give `suffix` a literal
 * type (`uniqueName(...) as '-run'`) so the topic names stay literal types and the DSL stays fully typed.
 */
export function suffixedTopics<S extends string>(suffix: S): Suffixed<typeof unitTopics, S> {
  return Object.fromEntries(Object.entries(unitTopics).map(([k, v]) => [`${k}${suffix}`, v])) as Suffixed<
    typeof unitTopics,
    S
  >;
}

/** Every topic name of {@link suffixedTopics}, typed. */
export function topicNames<S extends string>(
  suffix: S,
): { readonly [K in keyof typeof unitTopics & string]: `${K}${S}` } {
  return Object.fromEntries(Object.keys(unitTopics).map((k) => [k, `${k}${suffix}`])) as {
    readonly [K in keyof typeof unitTopics & string]: `${K}${S}`;
  };
}
