import type { ConfigNode } from './config-node';
import type { ResolvedHeaderField, ResolvedHeaders } from './config-types';

const HEADER_TYPES = ['string', 'bytes', 'number', 'integer', 'bigint', 'boolean', 'enum'] as const;

/** Names the runtime adds itself (W3C trace context): a strict set admits them, so declaring them is a mistake. */
const PROPAGATION = new Set(['traceparent', 'tracestate', 'baggage']);

/**
 * A topic's `headers` section: `{ "strict": true, "fields": { "tenant-id": "string", "attempt": { "type":
 * "integer", "optional": true }, "priority": { "type": "enum", "symbols": ["low", "high"] } } }`. Every
 * error names the topic and the header.
 */
export function resolveHeaders(topic: string, node: ConfigNode): ResolvedHeaders {
  const get = node.object(['strict', 'fields']);
  const strictNode = get('strict');
  if (!strictNode.isMissing && typeof strictNode.value !== 'boolean')
    strictNode.fail(`topic "${topic}" headers: "strict" must be true or false`);
  const fieldsNode = get('fields');
  if (fieldsNode.isMissing)
    node.fail(`topic "${topic}" headers: expected a "fields" object naming the headers`);
  const fields = fieldsNode.entries().map(([name, f]) => resolveField(topic, name, f));
  if (fields.length === 0) fieldsNode.fail(`topic "${topic}" headers: declare at least one header`);
  return { strict: strictNode.value === true, fields };
}

function resolveField(topic: string, name: string, node: ConfigNode): ResolvedHeaderField {
  const where = `topic "${topic}" header "${name}"`;
  if (PROPAGATION.has(name))
    node.fail(
      `${where}: trace-context headers are added by the runtime and always allowed; do not declare them`,
    );
  if (typeof node.value === 'string') {
    if (node.value === 'enum')
      node.fail(`${where}: an enum needs its symbols: { "type": "enum", "symbols": [...] }`);
    return { name, type: typeOf(where, node), required: true };
  }
  if (typeof node.value !== 'object' || node.value === null || Array.isArray(node.value))
    node.fail(
      `${where}: expected a type name (${HEADER_TYPES.join(', ')}) or { "type": ..., "optional": ... }`,
    );
  const probe = node.object(['type', 'optional', 'symbols']);
  const type = typeOf(where, probe('type'));
  const optional = probe('optional');
  if (!optional.isMissing && typeof optional.value !== 'boolean')
    optional.fail(`${where}: "optional" must be true or false`);
  const required = optional.value !== true;
  if (type !== 'enum') {
    if (!probe('symbols').isMissing)
      probe('symbols').fail(`${where}: "symbols" belongs to enum headers only`);
    return { name, type, required };
  }
  const symbolsNode = probe('symbols');
  if (symbolsNode.isMissing) node.fail(`${where}: an enum header needs "symbols"`);
  const items = symbolsNode.array();
  if (items.length === 0) symbolsNode.fail(`${where}: an enum header needs at least one symbol`);
  const symbols: string[] = [];
  for (const item of items) {
    const s = item.string();
    if (symbols.includes(s)) item.fail(`${where}: symbol "${s}" is listed twice`);
    symbols.push(s);
  }
  return { name, type, required, symbols };
}

function typeOf(where: string, node: ConfigNode): ResolvedHeaderField['type'] {
  if (node.isMissing) node.fail(`${where}: expected a "type"`);
  if (typeof node.value !== 'string' || !(HEADER_TYPES as readonly string[]).includes(node.value))
    node.fail(
      `${where}: unknown header type ${JSON.stringify(node.value)}; expected one of ${HEADER_TYPES.join(', ')}`,
    );
  return node.value as ResolvedHeaderField['type'];
}
