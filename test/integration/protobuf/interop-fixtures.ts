import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchemaRegistryClient, type SchemaInfo, type SchemaMetadata } from '@confluentinc/schemaregistry';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { fileDescriptors, serializedDescriptor } from './file-descriptor';
import { officialRegistryConfig } from '../../helpers/official-registry';

const SCHEMAS = path.resolve(__dirname, '../../../schemas/protobuf');

/** `shop/common.proto` and `shop/order.proto` from the example set: a subject importing another subject and WKTs. */
export function shopFiles(): Map<string, string> {
  return new Map(
    ['shop/common.proto', 'shop/order.proto'].map((p) => [p, fs.readFileSync(path.join(SCHEMAS, p), 'utf8')]),
  );
}

/** Registers common under its own subject, then order under `valueSubject` referencing it. */
export async function registerShop(
  client: SchemaRegistryClient,
  files: ReadonlyMap<string, string>,
  commonSubject: string,
  valueSubject: string,
): Promise<{ commonId: number; orderId: number }> {
  const commonId = await client.register(commonSubject, {
    schemaType: 'PROTOBUF',
    schema: files.get('shop/common.proto')!,
  });
  const orderId = await client.register(valueSubject, {
    schemaType: 'PROTOBUF',
    schema: files.get('shop/order.proto')!,
    references: [{ name: 'shop/common.proto', subject: commonSubject, version: 1 }],
  });
  return { commonId, orderId };
}

/** Every file's descriptor, and base64 descriptors keyed by the schema text the registry returns. */
export function descriptorsOf(files: ReadonlyMap<string, string>): {
  protos: Map<string, FileDescriptorProto>;
  byText: Map<string, string>;
} {
  const protos = new Map(fileDescriptors('shop/order.proto', files).map((fd) => [fd.name, fd]));
  const byText = new Map([...files].map(([name, text]) => [text, serializedDescriptor(protos.get(name)!)]));
  return { protos, byText };
}

/**
 * The official serde asks the registry for `format=serialized` (a base64 FileDescriptorProto). Apicurio's
 * ccompat API answers that with the raw descriptor bytes in a JSON string (not base64, and named after the
 * first message), so the official serde cannot parse it. This client asks for the text schema and answers
 * with the descriptor kgen's test helper built from that text — everything else is the real registry.
 */
export class DescriptorServingClient extends SchemaRegistryClient {
  constructor(
    baseURL: string,
    private readonly byText: ReadonlyMap<string, string>,
  ) {
    super(officialRegistryConfig(baseURL));
  }

  private serve<T extends SchemaInfo>(info: T, format: string | undefined): T {
    if (format !== 'serialized') return info;
    const serialized = this.byText.get(info.schema);
    if (serialized === undefined) throw new Error('no descriptor for a schema the test did not register');
    return { ...info, schema: serialized };
  }

  override async getBySubjectAndId(subject: string, id: number, format?: string): Promise<SchemaInfo> {
    return this.serve(await super.getBySubjectAndId(subject, id), format);
  }

  override async getLatestSchemaMetadata(subject: string, format?: string): Promise<SchemaMetadata> {
    return this.serve(await super.getLatestSchemaMetadata(subject), format);
  }

  override async getSchemaMetadata(
    subject: string,
    version: number,
    deleted?: boolean,
    format?: string,
  ): Promise<SchemaMetadata> {
    return this.serve(await super.getSchemaMetadata(subject, version, deleted ?? false), format);
  }
}
