// Builds bench/streams-java (the Kafka Streams peer) once per source version into .cache/bench, the way
// test/stack fetches Kafka: plain `mvn -B -q` against Maven Central with the user's ~/.m2 (its settings and
// cache), so CI downloads work the same. Returns the java classpath.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', 'streams-java');
const KAFKA_STREAMS_VERSION = '4.1.1'; // the stack's broker (test/stack/config.ts)

function sourcesHash(): string {
  const hash = createHash('sha256').update(KAFKA_STREAMS_VERSION);
  const walk = (dir: string): void => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'target') walk(p);
      } else hash.update(p.slice(root.length)).update(fs.readFileSync(p));
    }
  };
  walk(root);
  return hash.digest('hex').slice(0, 16);
}

/** The classpath of the built program, building it first when this source version has not been built. */
export function streamsJavaClasspath(log: (line: string) => void): string {
  const out = path.join(__dirname, '..', '..', '.cache', 'bench', `streams-java-${sourcesHash()}`);
  const done = path.join(out, 'built');
  if (!fs.existsSync(done)) {
    log(`building bench/streams-java (Kafka Streams ${KAFKA_STREAMS_VERSION}) with Maven into ${out}`);
    fs.rmSync(out, { recursive: true, force: true });
    const res = spawnSync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        path.join(root, 'pom.xml'),
        `-Dbuild.dir=${out}`,
        `-Dkafka.version=${KAFKA_STREAMS_VERSION}`,
        'package',
        'dependency:copy-dependencies',
        `-DoutputDirectory=${path.join(out, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (res.error || res.status !== 0)
      throw new Error(
        `building bench/streams-java failed (mvn on PATH? Maven Central reachable?):\n${`${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')}`,
      );
    fs.writeFileSync(done, new Date().toISOString());
  }
  return [path.join(out, 'classes'), path.join(out, 'lib', '*')].join(path.delimiter);
}
