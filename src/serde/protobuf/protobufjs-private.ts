/**
 * The one place the SDK reads private parts of `protobufjs` (version pinned in package.json): the resolved
 * edition features it keeps in `_features` and does not expose otherwise. Reader `pos`/`len` used by the
 * compiled decoders are public API and stay where they are used.
 */
import type { Enum, Field } from 'protobufjs';

interface ResolvedFeatures {
  readonly utf8_validation?: string;
  readonly enum_type?: string;
}

function featuresOf(element: Field | Enum): ResolvedFeatures | undefined {
  return (element as unknown as { _features?: ResolvedFeatures })._features;
}

/** Whether protobufjs reads the field's strings strictly (rejecting invalid UTF-8): proto3 and editions. */
export function verifiesUtf8(field: Field): boolean {
  return featuresOf(field)?.utf8_validation === 'VERIFY';
}

/** Closed (proto2) enums: protobufjs drops numbers they do not declare when decoding. */
export function isClosedEnum(e: Enum): boolean {
  return featuresOf(e)?.enum_type === 'CLOSED';
}
