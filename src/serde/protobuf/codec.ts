import { Slab, writeHeader } from '../slab';
import { Reader, Type, Writer, type Root } from 'protobufjs';
import type { ProtobufSchemaDescriptor, SchemaReference } from '../../topics';
import type { SchemaCodec, WriterSchema } from '../codec';
import { buildProtobufRoot, type ProtoFiles } from './build-root';
import { ProtobufDecodeError, ProtobufEncodeError, ProtobufSchemaError } from './errors';
import { messageIndexesOf } from './message-indexes';
import { resolveProtobufOptions } from './options';
import type { MessageCodec } from './field-plan';
import { ShapeConverter } from './shape-converter';

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

const NO_BYTES = Buffer.alloc(0);

/** Decodes with one reader reused across payloads (decoding is synchronous and runs no user code). */
function decoder<T>(codec: MessageCodec, name: string): (payload: Buffer) => T {
  const shared = Reader.create(NO_BYTES);
  return (payload) => {
    // The shared reader is a BufferReader: other byte arrays get a reader of their own kind.
    const r = Buffer.isBuffer(payload) ? shared : Reader.create(payload);
    r.buf = payload;
    r.pos = 0;
    r.len = payload.length;
    r.view = null;
    try {
      return codec.decode(r, undefined, 0) as T;
    } catch (err) {
      throw new ProtobufDecodeError(name, (err as Error).message, { cause: err });
    } finally {
      shared.buf = NO_BYTES; // not pinning the last payload
    }
  };
}

/** Writers above this size are not kept between messages, so one huge message does not pin its buffer. */
const KEPT_WRITER_BYTES = 64 * 1024;

/**
 * Encodes into one writer reused across messages (encoding is synchronous), then copies the bytes out once (after
 * `header` when framing) into a record cut from a shared slab (serde/slab.ts). A nested call (from a getter of the
 * value) gets a writer of its own.
 */
function encoder(
  codec: MessageCodec,
  rootPath: string,
): (header: Buffer | undefined, value: unknown) => Buffer {
  let spare: Writer | undefined = Writer.create();
  const slab = new Slab();
  return (header, value) => {
    const w = spare ?? Writer.create();
    spare = undefined;
    w.pos = 0;
    w.states = null;
    try {
      codec.encode(value, w, rootPath, '', 0);
      const offset = header === undefined ? 0 : header.length;
      const out = slab.cut(offset + w.pos);
      if (header !== undefined) writeHeader(header, out, 0);
      w.finishInto(out, offset);
      return out;
    } finally {
      if (w.buf.length <= KEPT_WRITER_BYTES) spare = w;
    }
  };
}

/**
 * The runtime codec of a Protobuf descriptor: protobufjs types built from the descriptor's schema text and
 * references (`google/protobuf/*` from protobufjs's bundled definitions), with encoders and decoders compiled
 * per message that go straight between the plain shapes kgen emits (per the descriptor's options) and the
 * wire. Built once; encode/decode are synchronous.
 */
export function createProtobufCodec<TInput, TOutput>(
  descriptor: ProtobufSchemaDescriptor<TInput, TOutput>,
): ProtobufCodec<TInput, TOutput> {
  const options = resolveProtobufOptions(descriptor.options, `options of ${descriptor.name}`);
  const files: ProtoFiles = descriptorFiles(descriptor);
  const { root } = buildProtobufRoot(descriptor.fileName, files);
  const type = lookupMessage(root, descriptor.name, descriptor.fileName);
  const name = type.fullName.replace(/^\./, '');
  const codec = new ShapeConverter(options, name).forType(type);
  const messageIndexes = Object.freeze(messageIndexesOf(root, type));
  const decode = decoder<TOutput>(codec, name);
  const rootPath = type.name;
  const encode = encoder(codec, rootPath);

  return {
    messageIndexes,
    messageName: name,
    encode(value: TInput): Buffer {
      return encode(undefined, value);
    },
    encodeFramed(header: Buffer, value: TInput): Buffer {
      return encode(header, value);
    },
    decode,
    accepts(value: unknown): boolean {
      try {
        codec.toWire(value, rootPath, '');
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
