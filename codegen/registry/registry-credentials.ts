import type { RegistryAuth } from '../../src/client/registry-options';
import type { ResolvedRegistry } from '../config/config-types';
import { CodegenError } from '../errors';

// Apart from registry-connection.ts: commands that may never reach a registry load this without its client.

/**
 * Reads the credentials the config names from the environment: the only place kgen does. A variable that is
 * not set is an error naming it and the config key that names it; values never appear in errors.
 */
export function registryCredentials(
  registry: Pick<ResolvedRegistry, 'auth'>,
  env: NodeJS.ProcessEnv,
  configFile?: string,
): RegistryAuth | undefined {
  const need = (name: string, key: string): string => {
    const value = env[name];
    if (value === undefined || value === '')
      throw new CodegenError(
        'CONFIG_INVALID',
        `environment variable ${name} (registry credentials) is not set`,
        {
          ...(configFile !== undefined ? { file: configFile } : {}),
          path: `$.registry.auth.${key}`,
        },
      );
    return value;
  };
  const auth = registry.auth;
  if (auth.type === 'basic')
    return {
      username: need(auth.usernameEnv, 'usernameEnv'),
      password: need(auth.passwordEnv, 'passwordEnv'),
    };
  if (auth.type === 'bearer') return { token: need(auth.tokenEnv, 'tokenEnv') };
  return undefined;
}
