/** Where the integration tests find a broker and a Confluent-API schema registry. */
export interface StackEndpoints {
  brokers: string;
  registryUrl: string;
}

/** A running stack that the test run may have to stop at the end. */
export interface RunningStack extends StackEndpoints {
  provider: ProviderKind;
  stop(): Promise<void>;
}

export type ProviderKind = 'external' | 'testcontainers' | 'local';
