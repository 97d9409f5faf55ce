import * as fs from 'node:fs';
import * as path from 'node:path';
import { host, stateDir } from '../stack/config';
import { findJava } from '../stack/java';
import { formatStorage, type KafkaNodeLayout } from '../stack/kafka';
import { nodeProcess } from './kafka-node-process';
import { makeTlsMaterial, type TlsMaterial } from './tls-material';

/** A SCRAM user created at format time. */
export interface ScramUser {
  readonly name: string;
  readonly password: string;
}

/**
 * A private single-node broker with a second listener, SASL_SSL (SCRAM-SHA-512 over TLS with a CA made at
 * test time), and ACLs enforced by the KRaft StandardAuthorizer. The PLAINTEXT listener is the test's admin
 * door (its anonymous principal is a super user: it creates topics and ACLs); clients under test use the
 * secured one, where only ACLs grant access.
 */
export interface SecuredBroker {
  /** PLAINTEXT `host:port` (super user, for set-up only). */
  readonly adminBrokers: string;
  /** SASL_SSL `host:port`. */
  readonly securedBrokers: string;
  readonly tls: TlsMaterial;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export function securedBroker(port: number, users: readonly ScramUser[]): SecuredBroker {
  const dir = path.join(stateDir, `secured-${port}`);
  const securedPort = port + 2;
  const node: KafkaNodeLayout = {
    port,
    controllerPort: port + 1,
    dataDir: path.join(dir, 'data'),
    propertiesFile: path.join(dir, 'server.properties'),
    log4jFile: path.join(dir, 'log4j2.properties'),
  };
  const jdk = findJava(21);
  const proc = nodeProcess(jdk, node);
  let tls: TlsMaterial | undefined;

  const properties = (t: TlsMaterial): string =>
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@${host}:${node.controllerPort}`,
      `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${node.controllerPort},SASL_SSL://${host}:${securedPort}`,
      `advertised.listeners=PLAINTEXT://${host}:${port},SASL_SSL://${host}:${securedPort}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${node.dataDir}`,
      'num.partitions=1',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      // The broker itself and the controller talk over PLAINTEXT as ANONYMOUS; so does the test's admin.
      'super.users=User:ANONYMOUS',
      'allow.everyone.if.no.acl.found=false',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'ssl.keystore.type=PKCS12',
      `ssl.keystore.location=${t.keystore}`,
      `ssl.keystore.password=${t.keystorePassword}`,
      `ssl.key.password=${t.keystorePassword}`,
      '',
    ].join('\n');

  return {
    adminBrokers: `${host}:${port}`,
    securedBrokers: `${host}:${securedPort}`,
    get tls(): TlsMaterial {
      if (tls === undefined) throw new Error('the secured broker has not been started');
      return tls;
    },
    async start() {
      await proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
      tls = makeTlsMaterial(path.join(dir, 'tls'));
      formatStorage(jdk, node, {
        properties: properties(tls),
        extraArgs: users.flatMap((u) => [
          '--add-scram',
          `SCRAM-SHA-512=[name=${u.name},password=${u.password}]`,
        ]),
      });
      proc.spawn();
      await proc.waitReady(120_000);
    },
    async destroy() {
      await proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
