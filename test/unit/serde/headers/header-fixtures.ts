import { defineHeaders, defineTopics, enumHeader, integerHeader, stringHeader, stringSerde } from 'kgen';

/** A topic with a strict typed header set (`payments`) beside one that declares none (`logs`). */
export const headerTopics = defineTopics({
  logs: { key: stringSerde, value: stringSerde },
  payments: {
    key: stringSerde,
    value: stringSerde,
    headers: defineHeaders(
      {
        tenant: stringHeader(),
        attempt: integerHeader({ optional: true }),
        priority: enumHeader(['low', 'high']),
      },
      { strict: true },
    ),
  },
});
