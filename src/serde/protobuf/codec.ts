import { Type, type Root } from 'protobufjs';
import type { ProtobufSchemaDescriptor, SchemaReference } from '../../topics';
import type { SchemaCodec, WriterSchema } from '../codec';
import { buildProtobufRoot, type ProtoFiles } from './build-root';
import { ProtobufDecodeError, ProtobufEncodeError, ProtobufSchemaError } from './errors';
import { messageIndexesOf } from './message-indexes';
import { resolveProtobufOptions } from './options';
import { ShapeConverter, type MessageConverter } from './shape-converter';

/** A Protobuf codec, plus the message-index path the Confluent frame carries for its message. */
export type ProtobufCodec<TInput, TOutput> = SchemaCodec<TInput, TOutput> & {
  /** Confluent message-index path of the message in its file (`[0]` = first top-level message). */
  readonly messageIndexes: readonly number[];
  /** Fully-qualified message name (without a leading dot). */
  readonly messageName: string;
};

/** Every file a descriptor needs: its own schema under `fileName`, and its references, transitively. */
export function descriptorFiles(descriptor: {
  readonly fileName: string;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
}): Map<string, string> {
  const files = new Map<string, string>([[descriptor.fileName, descriptor.schema]]);
  const add = (refs: readonly SchemaReference[]): void => {
    for (const ref of refs) {
      if (files.has(ref.name)) continue;
      files.set(ref.name, ref.schema.schema);
      add(ref.schema.references);
    }
  };
  add(descriptor.references);
  return files;
}

function lookupMessage(root: Root, name: string, file: string): Type {
  const found = root.lookup(name.startsWith('.') ? name : `.${name}`);
  if (!(found instanceof Type)) {
    throw new ProtobufSchemaError(`message "${name}" is not declared in ${file} or its imports`, { file });
  }
  return found;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decoder<T>(type: Type, converter: MessageConverter, name: string): (payload: Buffer) => T {
  return (payload) => {
    let message: unknown;
    try {
      message = type.decode(payload);
    } catch (err) {
      throw new ProtobufDecodeError(name, (err as Error).message, { cause: err });
    }
    return converter.fromWire(message) as T;
  };
}

/**
 * The runtime codec of a Protobuf descriptor: protobufjs types built from the descriptor's schema text and
 * references (`google/protobuf/*` from protobufjs's bundled definitions), converting between the plain
 * shapes kgen emits and protobufjs with the descriptor's options. Built once; encode/decode are synchronous.
 */
export function createProtobufCodec<TInput, TOutput>(
  descriptor: ProtobufSchemaDescriptor<TInput, TOutput>,
): ProtobufCodec<TInput, TOutput> {
  const options = resolveProtobufOptions(descriptor.options, `options of ${descriptor.name}`);
  const files: ProtoFiles = descriptorFiles(descriptor);
  const { root } = buildProtobufRoot(descriptor.fileName, files);
  const type = lookupMessage(root, descriptor.name, descriptor.fileName);
  const name = type.fullName.replace(/^\./, '');
  const converter = new ShapeConverter(options, name).forType(type);
  const messageIndexes = Object.freeze(messageIndexesOf(root, type));
  const decode = decoder<TOutput>(type, converter, name);
  const rootPath = type.name;

  return {
    messageIndexes,
    messageName: name,
    encode(value: TInput): Buffer {
      const wire = converter.toWire(value, rootPath, '');
      return toBuffer(type.encode(wire).finish());
    },
    decode,
    accepts(value: unknown): boolean {
      try {
        converter.toWire(value, rootPath, '');
        return true;
      } catch (err) {
        if (err instanceof ProtobufEncodeError) return false;
        throw err;
      }
    },
    resolving(writer: WriterSchema): (payload: Buffer) => TOutput {
      if (writer.schemaType !== 'PROTOBUF') {
        throw new ProtobufSchemaError(`writer schema of ${name} is ${writer.schemaType}, not PROTOBUF`);
      }
      // Protobuf is tolerant by field number: the reader's type decodes any compatible writer's payload.
      // Parsing the writer schema still catches a payload of a different message type early.
      const writerFiles = new Map<string, string>(writer.references.map((r) => [r.name, r.schema]));
      writerFiles.set(descriptor.fileName, writer.schema);
      const writerRoot = buildProtobufRoot(descriptor.fileName, writerFiles).root;
      lookupMessage(writerRoot, name, `the writer schema`);
      return decode;
    },
  };
}
