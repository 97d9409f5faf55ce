import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { bytesSerde, createClient, defineTopics, protobufSchema, stringSerde } from 'kgen';
import { unframe } from 'kgen/serde';
import { runGenerate } from '../../../codegen/cli/generate';
import { runPull } from '../../../codegen/cli/pull';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { officialRegistryClient } from '../../helpers/official-registry';
import { TempProject } from '../../unit/codegen/cli/project';
import { spawnKgen } from '../../unit/codegen/governance/spawn-kgen';
import { collect, createTopic } from '../sdk/fixtures';
import { fileDescriptors, serializedDescriptor } from './file-descriptor';

const ROOT = path.resolve(__dirname, '../../..');
const PYTHON = path.join(ROOT, '.cache/pyenv/bin/python');
const SCRIPT = path.join(ROOT, 'test/interop/python/proto_interop.py');

const EVENT = `syntax = "proto3";
package acme.events;
import "google/protobuf/timestamp.proto";

message Event {
  string id = 1;
  google.protobuf.Timestamp at = 2;
  map<string, int64> counts = 3;
  oneof body {
    string text = 4;
    Detail detail = 5;
  }
  optional int32 retries = 6;
  message Detail { repeated sint64 values = 1; }
}
`;

jest.setTimeout(120_000);

// A Python service auto-registers its Protobuf schema: the registry here stores (and returns) the base64
// FileDescriptorProto it sent. kgen pull/generate and the kgen consumer must read that serialized form.
describe('Protobuf subjects registered in serialized form (Python auto-register)', () => {
  const { brokers, registryUrl } = stackEnv();
  let project: TempProject;
  afterEach(() => project?.remove());

  it('kgen pull + generate work, and the kgen consumer decodes every record', async () => {
    const topic = uniqueName('pb-serialized');
    const subject = `${topic}-value`;
    const files = new Map([['acme/events/event.proto', EVENT]]);
    const request = {
      registry_url: registryUrl,
      topic,
      auto_register: true,
      files: fileDescriptors('acme/events/event.proto', files)
        .filter((fd) => files.has(fd.name))
        .map((fd) => ({ name: fd.name, text: files.get(fd.name), descriptor: serializedDescriptor(fd) })),
      ops: [
        {
          id: 'e-1',
          at: '2024-05-06T07:08:09.123456789Z',
          counts: { a: '-9223372036854775808' },
          text: 'hi',
        },
        { id: 'e-2', detail: { values: ['1', '-2'] }, retries: 0 },
        { id: 'e-3' },
      ].map((json) => ({ op: 'serialize', message: 'acme.events.Event', json })),
    };
    const out = execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8' });
    const payloads = (JSON.parse(out) as { results: Array<{ payload: string }> }).results.map((r) =>
      Buffer.from(r.payload, 'base64'),
    );

    // The premise: the registry answers with the serialized form, not .proto text.
    const registered = await officialRegistryClient(registryUrl).getLatestSchemaMetadata(subject);
    expect(registered.schema).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(unframe(payloads[0]!, true).schemaId).toBe(registered.id);

    project = new TempProject();
    project.write({
      'kgen.config.json': { registry: { url: registryUrl }, topics: { [topic]: {} }, output: 'gen' },
    });
    const pulled = await project.run((io) => runPull({}, io));
    expect(pulled.stderr.join('\n')).not.toMatch(/\[[A-Z_]+\]/);
    expect(pulled.code).toBe(0);
    const generated = await project.run((io) => runGenerate({}, io));
    expect(generated.stderr.join('\n')).not.toMatch(/\[[A-Z_]+\]/);
    expect(generated.code).toBe(0);
    const tree = project.tree('gen');
    const module = Object.entries(tree).find(([p]) => p.endsWith('_pb.ts'));
    expect(module?.[1]).toContain('export interface Event {');
    expect(module?.[1]).toContain('export interface Event_Detail {');
    const protoText = Object.entries(project.tree('kgen-schemas')).find(([p]) => p.endsWith('.proto'))![1];
    expect(protoText).toContain('message Event {');

    // kgen check reads the registered (serialized) schema to explain the registry's verdict with its rules.
    project.write({ 'next/event.proto': EVENT.replace('string id = 1;', 'int64 id = 1;') });
    const check = (...args: string[]) => spawnKgen(project.dir, [...args, '--registry', registryUrl]);
    expect(check('compat', 'set', 'BACKWARD', '--subject', subject).code).toBe(0);
    const checked = check(
      'check',
      '--schemas',
      'next',
      '--subject',
      `event.proto=${subject}`,
      '--format',
      'json',
    );
    expect(checked.stderr).not.toMatch(/SCHEMA_PARSE|PROTO_SYNTAX/);
    expect(checked.code).toBe(1);
    const findings = (JSON.parse(checked.stdout) as { findings: Array<{ rule: string }> }).findings;
    expect(findings.map((f) => f.rule)).toContain('FIELD_SCALAR_KIND_CHANGED');

    await createTopic(brokers, topic);
    const raw = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: defineTopics({ [topic]: { key: stringSerde, value: bytesSerde } }),
    });
    const producer = await raw.producer();
    for (const [i, value] of payloads.entries()) await producer.send(topic, { key: `k${i}`, value });
    await producer.disconnect();

    // The descriptor generate embeds: the pulled text, under the subject and id the registry gave.
    const EventSchema = protobufSchema<Record<string, unknown>, Record<string, unknown>>({
      subject,
      name: 'acme.events.Event',
      fileName: 'acme/events/event.proto',
      schema: protoText,
      references: [],
      options: { int64: 'bigint', enums: 'string', timestamp: 'message' },
    });
    const kafka = createClient({
      brokers,
      registry: { url: registryUrl },
      topics: defineTopics({ [topic]: { key: stringSerde, value: EventSchema } }),
    });
    const got = await collect(
      await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true }),
      3,
    );
    const byKey = new Map(got.map((m) => [m.key, m.value]));
    expect(byKey.get('k0')).toEqual({
      id: 'e-1',
      at: { seconds: 1_714_979_289n, nanos: 123_456_789 },
      counts: { a: -(2n ** 63n) },
      body: { case: 'text', value: 'hi' },
    });
    expect(byKey.get('k1')).toEqual({
      id: 'e-2',
      counts: {},
      body: { case: 'detail', value: { values: [1n, -2n] } },
      retries: 0,
    });
    expect(byKey.get('k2')).toEqual({ id: 'e-3', counts: {}, body: { case: undefined } });
  });
});
