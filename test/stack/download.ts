import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths, repoRoot, versions } from './config';
import { StackError } from './errors';
import { requireMaven } from './java';

function mvn(args: string[], what: string): void {
  requireMaven();
  const res = spawnSync('mvn', ['-B', '-q', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.status !== 0) {
    const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new StackError(
      `Downloading ${what} from Maven Central failed (is https://repo.maven.apache.org reachable, or a mirror set in ~/.m2/settings.xml?):\n${tail}`,
    );
  }
}

/** Moves a fully downloaded folder into place, so an interrupted download never looks complete. */
function publish(tmp: string, dest: string): void {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.renameSync(tmp, dest);
}

/** Kafka broker jars (+ a log4j backend) resolved by a throw-away pom. */
export function ensureKafka(log: (msg: string) => void): void {
  if (fs.existsSync(path.join(paths.kafkaLibs, `kafka_2.13-${versions.kafka}.jar`))) return;
  log(`downloading Apache Kafka ${versions.kafka} jars from Maven Central...`);
  const tmp = `${paths.kafkaLibs}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  mvn(
    [
      '-f',
      path.join(repoRoot, 'test', 'stack', 'kafka-pom.xml'),
      `-Dkafka.version=${versions.kafka}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${tmp}`,
      '-DincludeScope=runtime',
    ],
    `Apache Kafka ${versions.kafka}`,
  );
  publish(tmp, paths.kafkaLibs);
}

/** Apicurio Registry's ready-to-run Quarkus app archive. */
export function ensureApicurio(log: (msg: string) => void): void {
  if (fs.existsSync(path.join(paths.apicurioHome, 'quarkus-run.jar'))) return;
  log(`downloading Apicurio Registry ${versions.apicurio} (~150 MB) from Maven Central...`);
  const tmp = `${paths.apicurioHome}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  mvn(
    [
      'dependency:copy',
      `-Dartifact=io.apicurio:apicurio-registry-app:${versions.apicurio}:tar.gz:all`,
      `-DoutputDirectory=${tmp}`,
    ],
    `Apicurio Registry ${versions.apicurio}`,
  );
  const archive = path.join(tmp, `apicurio-registry-app-${versions.apicurio}-all.tar.gz`);
  const untar = spawnSync('tar', ['xzf', archive, '-C', tmp], { encoding: 'utf8' });
  if (untar.status !== 0) throw new StackError(`Unpacking ${archive} failed: ${untar.stderr}`);
  fs.rmSync(archive);
  publish(tmp, paths.apicurioHome);
}
