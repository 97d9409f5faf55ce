import {
  Kafka as KafkaJsPeer,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  logLevel,
} from 'kafkajs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AuthenticationError,
  AuthorizationError,
  TlsError,
  createClient,
  defineTopics,
  stringSerde,
  type KafkaLogLevel,
  type KafkaProperties,
  type SecurityOptions,
} from 'kgen';
import { runDoctor } from '../../../codegen/cli/doctor';
import { securedBroker } from '../../helpers/secured-broker';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopics, kafkaFor, waitFor } from '../delivery/support';
import { captureOutput, failureOf } from './support';

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

  // The typed form a user writes (README "Secured clusters"); it maps to librdkafka's SASL_SSL properties.
  const secured = (password: string, caPem = broker.tls.caPem): SecurityOptions => ({
    sasl: { mechanism: 'SCRAM-SHA-512', username: alice.name, password },
    tls: { caFile: caPem },
  });
  const clientFor = (
    security: SecurityOptions,
    kafka: KafkaProperties = {},
    logLevel: KafkaLogLevel = 'nothing',
  ) =>
    createClient({
      brokers: broker.securedBrokers,
      registry: { url: stackEnv().registryUrl },
      topics: defineTopics({
        [allowed]: { key: stringSerde, value: stringSerde },
        [denied]: { key: stringSerde, value: stringSerde },
      }),
      security,
      kafka,
      logLevel,
    });
  // librdkafka's connect gives up after socket.connection.setup.timeout.ms (30 s) with "broker transport
  // failure"; a typed error before then shows kgen read the cause instead of waiting for that.
  const CONNECT_TIMEOUT_MS = 30_000;

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

  it('wrong password: producer and consumer fail with a typed AuthenticationError before the connect timeout; the secret is in no log line or error', async () => {
    const wrong = 'not-the-password-91c2';
    // The producer logs at debug with librdkafka's config and security traces: the most a user could turn on.
    // (The consumer logs nothing: a consumer given up on keeps logging errors of its own until its connect
    // times out, past this test's end.)
    const loud = clientFor(secured(wrong), { debug: 'security,broker,conf' }, 'debug');
    const quiet = clientFor(secured(wrong));
    const captured = captureOutput();
    const startedAt = Date.now();
    let producerFailure: unknown;
    let consumerFailure: unknown;
    let producerMs: number;
    try {
      producerFailure = await failureOf(loud.producer({ topics: [allowed] }));
      producerMs = Date.now() - startedAt;
      consumerFailure = await failureOf(
        quiet.consumer({ groupId: uniqueName(groupPrefix), topics: [allowed] }),
      );
    } finally {
      captured.restore();
    }
    const consumerMs = Date.now() - startedAt - producerMs;
    process.stdout.write(
      `${JSON.stringify({ test: 'wrong password', producer: String(producerFailure), producerMs, consumerMs, loggedLines: captured.lines.length })}\n`,
    );
    for (const failure of [producerFailure, consumerFailure]) {
      expect(failure).toBeInstanceOf(AuthenticationError);
      const err = failure as AuthenticationError;
      expect([err.code, err.mechanism, err.retriable]).toEqual(['AUTHENTICATION', 'SCRAM-SHA-512', false]);
      expect(err.message).toMatch(/SASL authentication error/);
      const everything = `${err.message} ${err.stack} ${String(err.cause)} ${JSON.stringify(err)}`;
      expect(everything).not.toContain(wrong);
    }
    expect(producerMs).toBeLessThan(CONNECT_TIMEOUT_MS);
    expect(consumerMs).toBeLessThan(CONNECT_TIMEOUT_MS);
    // The capture saw librdkafka's lines (the failure itself among them), and not the password.
    expect(captured.text()).toMatch(/SASL authentication error/);
    expect(captured.text()).not.toContain(wrong);
  });

  it('a broker certificate the client does not trust: connecting fails with a typed TlsError', async () => {
    // Right password, but the client trusts only a CA that signed nothing the broker shows.
    const client = clientFor(secured(alice.password, broker.tls.strangerCaPem));
    const startedAt = Date.now();
    const failure = await failureOf(client.producer({ topics: [allowed] }));
    const failedAfterMs = Date.now() - startedAt;
    expect(failure).toBeInstanceOf(TlsError);
    const err = failure as TlsError;
    process.stdout.write(
      `${JSON.stringify({ test: 'untrusted certificate', error: err.message, failedAfterMs })}\n`,
    );
    expect([err.code, err.operation, err.retriable]).toEqual(['TLS', 'connect', false]);
    expect(err.message).toMatch(/certificate verify failed/);
    expect(err.message).not.toContain(alice.password);
    expect(failedAfterMs).toBeLessThan(CONNECT_TIMEOUT_MS);
  });

  it('no ACL for the topic: the send fails with an AuthorizationError naming the topic and the operation', async () => {
    const client = clientFor(secured(alice.password), { 'message.timeout.ms': 15_000 });
    const producer = await client.producer({ topics: [allowed, denied] });
    const failure = await failureOf(producer.send(denied, { key: 'k', value: 'v' }));
    // The failed record is reported again when the producer flushes on disconnect.
    await producer.disconnect().catch(() => undefined);
    expect(failure).toBeInstanceOf(AuthorizationError);
    const err = failure as AuthorizationError;
    process.stdout.write(`${JSON.stringify({ test: 'missing ACL', error: err.message })}\n`);
    expect({
      code: err.code,
      operation: err.operation,
      topic: err.topic,
      resourceType: err.resourceType,
      resourceName: err.resourceName,
      aclOperation: err.aclOperation,
      brokerCode: err.brokerCode,
      retriable: err.retriable,
    }).toEqual({
      code: 'AUTHORIZATION',
      operation: 'send',
      topic: denied,
      resourceType: 'topic',
      resourceName: denied,
      aclOperation: 'WRITE',
      brokerCode: 29, // TOPIC_AUTHORIZATION_FAILED
      retriable: false,
    });
    expect(err.message).toContain(`WRITE on topic "${denied}"`);
  });

  it('kgen doctor on the secured broker: no secret in its output (broker keystore password, registry password)', async () => {
    const registrySecret = 'registry-secret-5d1e';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-doctor-secured-'));
    fs.writeFileSync(
      path.join(dir, 'kgen.config.json'),
      JSON.stringify({
        registry: {
          url: stackEnv().registryUrl,
          auth: { type: 'basic', usernameEnv: 'REG_USER', passwordEnv: 'REG_PASSWORD' },
        },
        topics: { [allowed]: {} },
      }),
    );
    const run = async (format: string, registry?: string) => {
      const lines: string[] = [];
      const code = await runDoctor(
        { brokers: broker.adminBrokers, format, ...(registry === undefined ? {} : { registry }) },
        {
          cwd: dir,
          stdout: (l) => lines.push(l),
          stderr: (l) => lines.push(l),
          env: { REG_USER: 'reg-user', REG_PASSWORD: registrySecret },
        },
      );
      return { code, text: lines.join('\n') };
    };
    // Every format, and a registry that does not answer (an error path).
    const runs = [
      await run('table'),
      await run('json'),
      await run('github'),
      await run('junit'),
      await run('json', 'http://127.0.0.1:29639'),
    ];
    for (const { text } of runs) {
      expect(text.length).toBeGreaterThan(0);
      for (const secret of [broker.tls.keystorePassword, registrySecret, alice.password])
        expect(text).not.toContain(secret);
    }
    // The doctor did read the broker (its listeners carry the keystore password in server.properties).
    expect(runs[1]!.text).toContain(allowed);
  });
});
