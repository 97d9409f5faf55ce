import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { SerdeContext } from '../serde/registry/serde-context';
import type { TopicMap } from '../topics';

/** What the client's adapters (pipeline, transactional producer) use of a client. */
export interface ClientParts<T extends TopicMap> {
  readonly kafka: KafkaJS.Kafka;
  readonly topics: T;
  readonly serde: SerdeContext;
}
