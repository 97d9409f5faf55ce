import type { ResolvedHeaderField, ResolvedHeaders } from '../config/config-types';
import { propertyKey } from './ts-file';

/** The runtime builder of each header type (`kgen/codegenv1`). */
const BUILDERS: Record<ResolvedHeaderField['type'], string> = {
  string: 'stringHeader',
  bytes: 'bytesHeader',
  number: 'numberHeader',
  integer: 'integerHeader',
  bigint: 'bigintHeader',
  boolean: 'booleanHeader',
  enum: 'enumHeader',
};

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * `defineHeaders({ 'tenant-id': stringHeader(), attempt: integerHeader({ optional: true }) }, { strict: true })`
 * for a topic's declared headers; adds the runtime names it uses to `runtime`.
 */
export function headersExpression(headers: ResolvedHeaders, runtime: Set<string>): string {
  runtime.add('defineHeaders');
  const fields = headers.fields.map((f) => {
    const builder = BUILDERS[f.type];
    runtime.add(builder);
    const args = [
      ...(f.symbols === undefined ? [] : [`[${f.symbols.map(quote).join(', ')}]`]),
      ...(f.required ? [] : ['{ optional: true }']),
    ];
    // A literal `__proto__:` key would set the object's prototype; the computed form makes it a field.
    const key = f.name === '__proto__' ? "['__proto__']" : propertyKey(f.name);
    return `${key}: ${builder}(${args.join(', ')})`;
  });
  return `defineHeaders({ ${fields.join(', ')} }, { strict: ${headers.strict} })`;
}
