/** Named types an Avro schema defines, and the ones it uses without defining (its references). */
export interface AvroNames {
  readonly defines: readonly string[];
  readonly uses: readonly string[];
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function qualify(name: string, ns: string | undefined): string {
  return name.includes('.') || !ns ? name : `${ns}.${name}`;
}

export function avroNames(schema: unknown): AvroNames {
  const defines = new Set<string>();
  const referenced: Array<[string, string]> = [];
  const walk = (s: unknown, ns: string | undefined): void => {
    if (typeof s === 'string') {
      if (!PRIMITIVES.has(s)) referenced.push([qualify(s, ns), s]);
      return;
    }
    if (Array.isArray(s)) {
      for (const b of s) walk(b, ns);
      return;
    }
    if (typeof s !== 'object' || s === null) return;
    const o = s as Record<string, unknown>;
    const type = o['type'];
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const full = qualify(String(o['name']), typeof o['namespace'] === 'string' ? o['namespace'] : ns);
      defines.add(full);
      const child = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined;
      if (Array.isArray(o['fields'])) {
        for (const f of o['fields']) walk((f as Record<string, unknown> | null)?.['type'], child);
      }
      return;
    }
    if (type === 'array') return walk(o['items'], ns);
    if (type === 'map') return walk(o['values'], ns);
    walk(type, ns);
  };
  walk(schema, undefined);
  const uses = new Set<string>();
  for (const [full, raw] of referenced) if (!defines.has(full) && !defines.has(raw)) uses.add(full);
  return { defines: [...defines], uses: [...uses] };
}
