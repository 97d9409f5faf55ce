import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedRegistry } from '../../../../codegen/config/config-types';
import { CodegenError } from '../../../../codegen/errors';
import { createRegistryReader } from '../../../../codegen/registry/registry-reader';

/** A local HTTP server standing in for the registry's error answers (the real one is in integration tests). */
function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const registry = (url: string, auth: ResolvedRegistry['auth'] = { type: 'none' }): ResolvedRegistry => ({
  url,
  auth,
  timeoutMs: 2000,
});

async function failure(p: Promise<unknown>): Promise<CodegenError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CodegenError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('createRegistryReader', () => {
  const env = { SR_USER: 'alice', SR_PASS: 's3cr3t-pass', SR_TOKEN: 't0ken-value' };

  it('sends basic auth from the named env vars and reads schema, id and references', async () => {
    let authorization: string | undefined;
    const srv = await serve((req, res) => {
      authorization = req.headers.authorization;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          subject: 'orders-value',
          version: 4,
          id: 42,
          schema: '{"type":"string"}',
          references: [{ name: 'x.Y', subject: 'y', version: 1 }],
        }),
      );
    });
    try {
      const reader = createRegistryReader(
        registry(srv.url, { type: 'basic', usernameEnv: 'SR_USER', passwordEnv: 'SR_PASS' }),
        env,
      );
      expect(await reader.getSchema('orders-value', 'latest')).toEqual({
        subject: 'orders-value',
        version: 4,
        id: 42,
        schemaType: 'AVRO',
        schema: '{"type":"string"}',
        references: [{ name: 'x.Y', subject: 'y', version: 1 }],
      });
      expect(authorization).toBe(`Basic ${Buffer.from('alice:s3cr3t-pass').toString('base64')}`);
    } finally {
      await srv.close();
    }
  });

  it.each([401, 403])(
    'reports HTTP %i as bad auth naming the env vars, never their values',
    async (status) => {
      let authorization: string | undefined;
      const srv = await serve((req, res) => {
        authorization = req.headers.authorization;
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error_code: status, message: 'Unauthorized' }));
      });
      try {
        const reader = createRegistryReader(registry(srv.url, { type: 'bearer', tokenEnv: 'SR_TOKEN' }), env);
        const err = await failure(reader.getSchema('orders-value', 'latest'));
        expect(err.code).toBe('REGISTRY_AUTH');
        expect(err.format()).toBe(
          `subject "orders-value": registry ${srv.url} refused access (HTTP ${status}): check the credentials in SR_TOKEN [REGISTRY_AUTH]`,
        );
        expect(err.format()).not.toContain('t0ken-value');
        expect(authorization).toBe('Bearer t0ken-value');
      } finally {
        await srv.close();
      }
    },
  );

  it('reports an unknown subject (404 / 40401)', async () => {
    const srv = await serve((_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error_code: 40401, message: "Subject 'x' not found." }));
    });
    try {
      const err = await failure(createRegistryReader(registry(srv.url), env).getSchema('x', 'latest'));
      expect(err.format()).toBe(`subject "x": subject not found in registry ${srv.url} [UNKNOWN_SUBJECT]`);
    } finally {
      await srv.close();
    }
  });

  it('reports an unreachable registry with its URL and the transport error, quickly', async () => {
    const srv = await serve(() => undefined);
    const url = srv.url;
    await srv.close(); // nothing listens on the port any more
    const reader = createRegistryReader(
      registry(url, { type: 'basic', usernameEnv: 'SR_USER', passwordEnv: 'SR_PASS' }),
      env,
    );
    const err = await failure(reader.listSubjects());
    expect(err.format()).toBe(`cannot reach registry ${url} (ECONNREFUSED) [REGISTRY_UNREACHABLE]`);
  });

  it('names the unset env var and the config key without creating a client', () => {
    // One credential reader for every command: the same message as check/register (registry-credentials.ts).
    const unset = registry('http://r', { type: 'bearer', tokenEnv: 'KGEN_TEST_UNSET_TOKEN' });
    expect(() => createRegistryReader(unset, {}, '/p/kgen.config.json')).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        location: { file: '/p/kgen.config.json', path: '$.registry.auth.tokenEnv' },
        message: 'environment variable KGEN_TEST_UNSET_TOKEN (registry credentials) is not set',
      }),
    );
  });
});
