import type { Client } from '@confluentinc/schemaregistry';
import type { ResolvedConfig } from '../config/config-types';
import { CodegenError } from '../errors';
import { createCodegenRegistryClient, DEFAULT_REGISTRY_TIMEOUT_MS } from '../registry/registry-connection';
import { registryCredentials } from '../registry/registry-credentials';

/** A registry client and where it points. */
export interface OpsRegistry {
  readonly url: string;
  readonly client: Client;
  readonly timeoutMs: number;
}

/** The registry from `--registry`, the config's `registry`, or `SCHEMA_REGISTRY_URL`, in that order. */
export function opsRegistryOf(
  args: { readonly registry?: string | undefined },
  config: ResolvedConfig | undefined,
  env: NodeJS.ProcessEnv,
): OpsRegistry {
  const fromConfig = args.registry === undefined ? config?.registry : undefined;
  const url = (args.registry ?? fromConfig?.url ?? env['SCHEMA_REGISTRY_URL'])?.replace(/\/+$/, '');
  if (!url)
    throw new CodegenError(
      'BAD_FLAG',
      'no schema registry: pass --registry <url>, set "registry" in the config, or set SCHEMA_REGISTRY_URL',
    );
  const auth = fromConfig ? registryCredentials(fromConfig, env, config?.configFile) : undefined;
  const timeoutMs = fromConfig?.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
  return { url, timeoutMs, client: createCodegenRegistryClient({ url, auth, timeoutMs }) };
}

/** One cheap request up front, so an unreachable registry is a clear error (exit 2) before any work. */
export async function assertRegistryReachable(registry: OpsRegistry): Promise<void> {
  try {
    await registry.client.getAllSubjects();
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    throw new CodegenError(
      'REGISTRY_UNREACHABLE',
      `schema registry at ${registry.url} is unreachable (${typeof status === 'number' ? `HTTP ${status}: ` : ''}${(err as Error).message})`,
      {},
      { cause: err },
    );
  }
}

const PAGE = 1000;

/**
 * Every subject, page by page: some registries cap `GET /subjects` (Apicurio answers the first 1 000 unless
 * asked for `offset`/`limit`), which the official client's `getAllSubjects` does not page through. A registry
 * that ignores the paging answers everything at once, and the repeated page ends the loop.
 */
export async function listAllSubjects(registry: OpsRegistry): Promise<string[]> {
  const all = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    let page: string[];
    try {
      const res = await fetch(`${registry.url}/subjects?offset=${offset}&limit=${PAGE}`, {
        signal: AbortSignal.timeout(registry.timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      page = (await res.json()) as string[];
    } catch (err) {
      throw new CodegenError(
        'REGISTRY_UNREACHABLE',
        `cannot list the subjects of ${registry.url}: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
    const before = all.size;
    for (const s of page) all.add(s);
    if (page.length < PAGE || all.size === before) return [...all];
  }
}
