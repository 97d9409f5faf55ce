import type { Field, Type, Writer, Reader } from 'protobufjs';
import type { Decode, Encode, Key } from './scalars';

/** How a field's presence shows in the plain shape. */
export type Presence = 'implicit' | 'explicit' | 'required' | 'repeated' | 'map';

/** Plain value → bytes appended to `w`; `parent` + `key` locate the value for errors, `depth` guards recursion. */
export type MessageEncoder = (value: unknown, w: Writer, parent: string, key: Key, depth: number) => void;

/**
 * Bytes → plain value: reads `length` bytes (to the end when undefined), or up to `endGroup` for a group;
 * `into` is an earlier occurrence of the same message on the wire, which the new one merges into.
 */
export type MessageDecoder = (
  r: Reader,
  length: number | undefined,
  depth: number,
  into?: Record<string, unknown>,
  endGroup?: number,
) => Record<string, unknown>;

/** Everything compiled for one message type; filled in after creation so recursive types can refer to it. */
export interface MessageCodec {
  /** Plain value → the object protobufjs encodes (validates only; `accepts` and tests use it). */
  toWire(value: unknown, parent: string, key: Key): Record<string, unknown>;
  encode: MessageEncoder;
  decode: MessageDecoder;
}

/** One field of a message: names, presence, element converters and how it sits on the wire. */
export interface FieldPlan {
  readonly prop: string;
  /** `.prop`: the key of the field in error paths. */
  readonly key: string;
  /** protobufjs's name of the field (what its encoder reads). */
  readonly wire: string;
  readonly presence: Presence;
  /** The resolved protobufjs field: number, scalar type, packing, group encoding. */
  readonly field: Field;
  /** Plain element → protobufjs element (validating). Ordinary messages: their `toWire`. */
  readonly encode: Encode;
  /** protobufjs element → plain element, for scalars, enums and well-known types. */
  readonly decode: Decode;
  readonly defaultValue: () => unknown;
  /** Ordinary (not well-known) message fields: the nested type's codec. */
  readonly nested?: MessageCodec;
  /** Well-known types mapped to plain values: the protobufjs type their wire objects go through. */
  readonly wellKnown?: Type;
  /** Closed (proto2) enums drop numbers they do not declare when decoding, as protobufjs does. */
  readonly closedEnum?: ReadonlySet<number>;
  readonly mapKey?: { encode: (k: string, p: string, at: Key) => string };
}

/** A (non-synthetic) oneof: its property and its cases by property name. */
export interface OneofPlan {
  readonly prop: string;
  readonly key: string;
  readonly cases: ReadonlyMap<string, FieldPlan>;
}
