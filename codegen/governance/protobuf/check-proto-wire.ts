import type { RawFinding } from '../types';
import { isReservedNumber, type ProtoField, type ProtoFileModel, type ProtoMessage } from './proto-model';

/** Scalar groups whose members share a wire encoding (protobuf.dev, "Updating a Message Type"). */
const SCALAR_GROUP: Readonly<Record<string, string>> = {
  int32: 'GENERAL_NUMBER',
  int64: 'GENERAL_NUMBER',
  uint32: 'GENERAL_NUMBER',
  uint64: 'GENERAL_NUMBER',
  bool: 'GENERAL_NUMBER',
  sint32: 'SIGNED_NUMBER',
  sint64: 'SIGNED_NUMBER',
  string: 'STRING_OR_BYTES',
  bytes: 'STRING_OR_BYTES',
  fixed32: 'FIXED32',
  sfixed32: 'FIXED32',
  fixed64: 'FIXED64',
  sfixed64: 'FIXED64',
  float: 'FLOAT',
  double: 'DOUBLE',
};

function groupOf(f: ProtoField): string {
  return f.kind === 'enum' ? 'GENERAL_NUMBER' : (SCALAR_GROUP[f.type] ?? f.type);
}

/** Enums travel as varints, so Confluent counts them as scalars when comparing kinds. */
function kindOf(f: ProtoField): string {
  return f.kind === 'enum' ? 'scalar' : f.kind;
}

function describe(f: ProtoField): string {
  const t = f.kind === 'map' ? `map<${f.mapKey ?? '?'}, ${f.type}>` : f.type;
  return `${f.label ? `${f.label} ` : ''}${t}`;
}

/**
 * Wire-level differences from `before` to `after`, where `after` must read what `before` wrote (BACKWARD:
 * before = previous, after = new; FORWARD swaps them, as Confluent's and Apicurio's checkers do).
 * Rule ids are Confluent's ProtobufSchema diff names where one exists; the reserve rules follow the
 * protolock-style checks the registry (Apicurio) applies, and are kgen's own names.
 */
export function checkProtoWire(before: ProtoFileModel, after: ProtoFileModel): RawFinding[] {
  const out: RawFinding[] = [];
  const add = (rule: string, path: string, message: string): void => {
    out.push({ rule, path, message });
  };
  const prefix = (name: string): string => (after.package ? `${after.package}.${name}` : name);

  for (const [name, msg] of before.messages) {
    const next = after.messages.get(name);
    if (!next) {
      // The first message is the one a subject's records use by default (message index [0]).
      const role = name === [...before.messages.keys()][0] ? "the subject's message " : 'message ';
      if (msg.fields.length > 0)
        add('MESSAGE_REMOVED', prefix(name), `${role}${name} was removed or renamed`);
      continue;
    }
    checkMessage(msg, next, prefix(name), add);
  }

  for (const [name, rpcs] of before.services) {
    const next = after.services.get(name);
    for (const [rpc, signature] of rpcs) {
      const now = next?.get(rpc);
      if (now === undefined) add('RPC_REMOVED', `${prefix(name)}.${rpc}`, `rpc ${name}.${rpc} was removed`);
      else if (now !== signature) {
        add(
          'RPC_SIGNATURE_CHANGED',
          `${prefix(name)}.${rpc}`,
          `rpc ${name}.${rpc} changed ${signature} → ${now}`,
        );
      }
    }
  }

  for (const [name, en] of before.enums) {
    const next = after.enums.get(name);
    if (!next) continue; // ENUM_REMOVED is wire-compatible; reported as a TypeScript-impact warning.
    for (const [symbol, number] of en.values) {
      const path = `${prefix(name)}.${symbol}`;
      const byNumber = [...next.values].find(([, n]) => n === number)?.[0];
      const renumbered = next.values.get(symbol);
      if (renumbered !== undefined && renumbered !== number) {
        add(
          'ENUM_CONST_NUMBER_CHANGED',
          path,
          `enum value ${symbol} changed number ${number} → ${renumbered}`,
        );
      } else if (byNumber !== undefined && byNumber !== symbol) {
        add('ENUM_CONST_CHANGED', path, `enum value ${number} renamed ${symbol} → ${byNumber}`);
      } else if (byNumber === undefined && !isReservedNumber(next.reservedNumbers, number)) {
        add(
          'ENUM_CONST_REMOVED',
          path,
          `enum value ${symbol} = ${number} removed without reserving its number`,
        );
      }
    }
  }
  return out;
}

function checkMessage(
  msg: ProtoMessage,
  next: ProtoMessage,
  path: string,
  add: (rule: string, path: string, message: string) => void,
): void {
  const afterByNumber = new Map(next.fields.map((f) => [f.number, f]));
  const afterByName = new Map(next.fields.map((f) => [f.name, f]));
  const beforeByNumber = new Map(msg.fields.map((f) => [f.number, f]));

  for (const f of msg.fields) {
    const at = `${path}.${f.name}`;
    const g = afterByNumber.get(f.number);
    if (!g) {
      const moved = afterByName.get(f.name);
      if (moved) {
        add('FIELD_NUMBER_CHANGED', at, `field ${f.name} changed number ${f.number} → ${moved.number}`);
      } else if (!isReservedNumber(next.reservedNumbers, f.number)) {
        add(
          'FIELD_REMOVED_WITHOUT_RESERVE',
          at,
          `field ${f.name} = ${f.number} is missing from the reader and its number is not reserved`,
        );
      } else if (!next.reservedNames.has(f.name)) {
        add(
          'FIELD_REMOVED_WITHOUT_RESERVE',
          at,
          `field ${f.name} = ${f.number} is missing from the reader and its name is not reserved`,
        );
      }
      if (f.oneof && next.fields.some((x) => x.oneof === f.oneof)) {
        add('ONEOF_FIELD_REMOVED', at, `field ${f.name} was removed from oneof ${f.oneof}`);
      }
      continue;
    }
    if (g.name !== f.name) {
      add('FIELD_NAME_CHANGED', at, `field ${f.number} renamed ${f.name} → ${g.name}`);
    }
    if (kindOf(f) !== kindOf(g)) {
      add('FIELD_KIND_CHANGED', at, `field ${f.name} changed kind ${describe(f)} → ${describe(g)}`);
    } else if (f.kind === 'message' || g.kind === 'message') {
      if (f.type !== g.type) {
        add('FIELD_NAMED_TYPE_CHANGED', at, `field ${f.name} changed message type ${f.type} → ${g.type}`);
      }
    } else if (f.kind === 'map') {
      if (f.mapKey !== g.mapKey || f.type !== g.type) {
        add('FIELD_KIND_CHANGED', at, `field ${f.name} changed ${describe(f)} → ${describe(g)}`);
      }
    } else if (groupOf(f) !== groupOf(g)) {
      add(
        'FIELD_SCALAR_KIND_CHANGED',
        at,
        `field ${f.name} changed ${f.type} → ${g.type}: different wire encoding`,
      );
    } else if (f.type !== g.type) {
      add(
        'FIELD_SCALAR_TYPE_CHANGED',
        at,
        `field ${f.name} changed ${f.type} → ${g.type}: same wire encoding, but values can truncate or change sign`,
      );
    }
    if (f.label !== g.label) {
      const group = f.kind === 'scalar' || f.kind === 'enum' ? groupOf(f) : '';
      const rule =
        f.label === 'required' || g.label === 'required'
          ? g.label === 'required'
            ? 'REQUIRED_FIELD_ADDED'
            : 'REQUIRED_FIELD_REMOVED'
          : group === 'STRING_OR_BYTES'
            ? 'FIELD_STRING_OR_BYTES_LABEL_CHANGED'
            : group
              ? 'FIELD_NUMERIC_LABEL_CHANGED'
              : 'FIELD_LABEL_CHANGED';
      add(rule, at, `field ${f.name} label changed "${f.label || 'implicit'}" → "${g.label || 'implicit'}"`);
    }
    if (g.oneof && g.oneof !== f.oneof) {
      const others = next.fields.filter((x) => x.oneof === g.oneof && x.number !== g.number);
      const wasOneof = msg.fields.some((x) => x.oneof === g.oneof);
      const movedTogether = others.filter(
        (x) => beforeByNumber.has(x.number) && !beforeByNumber.get(x.number)?.oneof,
      );
      if (wasOneof) {
        add('FIELD_MOVED_TO_EXISTING_ONEOF', at, `field ${f.name} moved into existing oneof ${g.oneof}`);
      } else if (movedTogether.length > 0) {
        add(
          'MULTIPLE_FIELDS_MOVED_TO_ONEOF',
          at,
          `field ${f.name} moved into new oneof ${g.oneof} with other fields`,
        );
      }
    }
  }

  for (const g of next.fields) {
    if (!beforeByNumber.has(g.number) && g.label === 'required') {
      add('REQUIRED_FIELD_ADDED', `${path}.${g.name}`, `required field ${g.name} = ${g.number} was added`);
    }
    if (isReservedNumber(msg.reservedNumbers, g.number) || msg.reservedNames.has(g.name)) {
      add(
        'RESERVED_FIELD_REUSED',
        `${path}.${g.name}`,
        `field ${g.name} = ${g.number} reuses a reserved number or name`,
      );
    }
  }
  for (const [from, to] of msg.reservedNumbers) {
    if (!next.reservedNumbers.some(([a, b]) => a <= from && b >= to)) {
      add(
        'RESERVED_FIELD_REMOVED',
        path,
        `reserved number(s) ${from === to ? from : `${from} to ${to}`} no longer reserved`,
      );
    }
  }
  for (const name of msg.reservedNames) {
    if (!next.reservedNames.has(name))
      add('RESERVED_FIELD_REMOVED', path, `reserved name "${name}" no longer reserved`);
  }
}
