import type { CompatLevel, SchemaFormat } from '../../../codegen/governance/types';

const JSON_HEADERS = { 'Content-Type': 'application/vnd.schemaregistry.v1+json' };

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: JSON_HEADERS,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * The real registry's verdict: registers `previous` (oldest first) under `subject` with compatibility NONE,
 * sets the subject's level, then asks the registry. Apicurio quirk: `/versions/latest` ignores `_TRANSITIVE`
 * and `/versions` checks every version whatever the level, so the endpoint is chosen by the level — the
 * same choice `kgen check` makes.
 */
export async function registryVerdict(
  registryUrl: string,
  subject: string,
  format: SchemaFormat,
  previous: readonly string[],
  next: string,
  level: CompatLevel,
): Promise<boolean> {
  const base = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
  const config = `${registryUrl}/config/${encodeURIComponent(subject)}`;
  await call(config, 'PUT', { compatibility: 'NONE' });
  for (const schema of previous) await call(`${base}/versions`, 'POST', { schemaType: format, schema });
  await call(config, 'PUT', { compatibility: level });
  const path = level.endsWith('_TRANSITIVE') ? 'versions' : 'versions/latest';
  const res = (await call(
    `${registryUrl}/compatibility/subjects/${encodeURIComponent(subject)}/${path}?verbose=true`,
    'POST',
    { schemaType: format, schema: next },
  )) as { is_compatible?: unknown };
  return res.is_compatible === true;
}
