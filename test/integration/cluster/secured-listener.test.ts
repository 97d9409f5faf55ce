import {
  Kafka as KafkaJsPeer,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  logLevel,
} from 'kafkajs';
import { createClient, defineTopics, stringSerde, type KafkaProperties } from 'kgen';
import { BrokerError } from '../../../src/kafka/broker-error';
import { securedBroker } from '../../helpers/secured-broker';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, waitFor } from '../delivery/support';

jest.setTimeout(300_000);

const alice = { name: 'alice', password: 'alice-secret-7f3a' };

describe('secured listener: SASL_SSL (SCRAM-SHA-512, TLS) with ACLs from the KRaft StandardAuthorizer', () => {
  // A private broker on 29620-29622 (PLAINTEXT admin door, controller, SASL_SSL).
  const broker = securedBroker(Number(process.env['KGEN_SECURED_KAFKA_PORT'] ?? 29620), [alice]);
  const allowed = uniqueName('sec-allowed');
  const denied = uniqueName('sec-denied');
  const groupPrefix = 'sec-group';

  beforeAll(async () => {
    await broker.start();
    await createTopics(kafkaFor(broker.adminBrokers), [allowed, denied], 1);
    // ACLs through the PLAINTEXT door (its anonymous principal is a super user): alice may use `allowed`
    // and groups named `sec-group*`, nothing else.
    const admin = new KafkaJsPeer({ brokers: [broker.adminBrokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const allow = (
      resourceType: AclResourceTypes,
      resourceName: string,
      pattern: ResourcePatternTypes,
      operation: AclOperationTypes,
    ) => ({
      resourceType,
      resourceName,
      resourcePatternType: pattern,
      principal: `User:${alice.name}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
    await admin.createAcls({
      acl: [
        allow(AclResourceTypes.TOPIC, allowed, ResourcePatternTypes.LITERAL, AclOperationTypes.WRITE),
        allow(AclResourceTypes.TOPIC, allowed, ResourcePatternTypes.LITERAL, AclOperationTypes.READ),
        allow(AclResourceTypes.TOPIC, allowed, ResourcePatternTypes.LITERAL, AclOperationTypes.DESCRIBE),
        allow(AclResourceTypes.GROUP, groupPrefix, ResourcePatternTypes.PREFIXED, AclOperationTypes.READ),
      ],
    });
    await admin.disconnect();
  }, 240_000);
  afterAll(() => broker.destroy());

  const secured = (password: string, caPem = broker.tls.caPem): KafkaProperties => ({
    'security.protocol': 'sasl_ssl',
    'sasl.mechanisms': 'SCRAM-SHA-512',
    'sasl.username': alice.name,
    'sasl.password': password,
    'ssl.ca.location': caPem,
  });
  const clientFor = (kafka: KafkaProperties) =>
    createClient({
      brokers: broker.securedBrokers,
      registry: { url: stackEnv().registryUrl },
      topics: defineTopics({
        [allowed]: { key: stringSerde, value: stringSerde },
        [denied]: { key: stringSerde, value: stringSerde },
      }),
      kafka,
      logLevel: 'nothing',
    });

  it('right credentials: typed produce and consume over SASL_SSL', async () => {
    const client = clientFor(secured(alice.password));
    const producer = await client.producer({ topics: [allowed] });
    for (let i = 0; i < 10; i++) await producer.send(allowed, { key: String(i), value: `v${i}` });
    await producer.disconnect();
    const consumer = await client.consumer({
      groupId: uniqueName(groupPrefix),
      topics: [allowed],
      fromBeginning: true,
    });
    const got: string[] = [];
    await consumer.run({ eachMessage: async (m) => void got.push(m.value) });
    await waitFor('10 records over SASL_SSL', async () => got.length >= 10, 60_000);
    await consumer.disconnect();
    expect(got.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
  });

  it('wrong password: connecting fails with a typed BrokerError in bounded time, the secret appears nowhere', async () => {
    const wrong = 'not-the-password-91c2';
    const client = clientFor(secured(wrong));
    const startedAt = Date.now();
    const failure = await client.producer({ topics: [allowed] }).then(
      async (producer) => {
        await producer.disconnect().catch(() => undefined);
        return undefined;
      },
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BrokerError);
    const err = failure as BrokerError;
    const text = `${err.name}: ${err.message} ${String(err.cause)}`;
    process.stdout.write(
      `${JSON.stringify({ test: 'wrong password', error: text, failedAfterMs: Date.now() - startedAt })}\n`,
    );
    // librdkafka reports the refused SCRAM exchange to the connect call as "broker transport failure": the
    // SASL cause is only in its log, so kgen cannot name it yet (see the README's known limits).
    expect(err.operation).toBe('connect');
    expect(text).not.toContain(wrong);
  });

  it('a broker certificate the client does not trust: connecting fails with a typed BrokerError', async () => {
    // Right password, but the client trusts only a CA that signed nothing the broker shows.
    const client = clientFor(secured(alice.password, broker.tls.strangerCaPem));
    const failure = await client.producer({ topics: [allowed] }).then(
      async (producer) => {
        await producer.disconnect().catch(() => undefined);
        return undefined;
      },
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BrokerError);
    const err = failure as BrokerError;
    process.stdout.write(`${JSON.stringify({ test: 'untrusted certificate', error: err.message })}\n`);
    expect(err.operation).toBe('connect');
    expect(err.message).not.toContain(alice.password);
  });

  it('no ACL for the topic: the send fails with an authorization error naming the topic', async () => {
    const client = clientFor({ ...secured(alice.password), 'message.timeout.ms': 15_000 });
    const producer = await client.producer({ topics: [allowed, denied] });
    const failure = await producer.send(denied, { key: 'k', value: 'v' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    // The failed record is reported again when the producer flushes on disconnect.
    await producer.disconnect().catch(() => undefined);
    expect(failure).toBeInstanceOf(BrokerError);
    const err = failure as BrokerError;
    process.stdout.write(
      `${JSON.stringify({ test: 'missing ACL', error: err.message, brokerCode: err.brokerCode })}\n`,
    );
    expect({
      operation: err.operation,
      topic: err.topic,
      brokerCode: err.brokerCode,
      retriable: err.retriable,
    }).toEqual({
      operation: 'send',
      topic: denied,
      brokerCode: 29, // TOPIC_AUTHORIZATION_FAILED
      retriable: false,
    });
    expect(err.message).toMatch(/Topic authorization failed/);
  });
});
