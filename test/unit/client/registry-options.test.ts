import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS,
  createRegistryClient,
  registryRequestDefaults,
} from '../../../src/client/registry-options';

describe('createRegistryClient', () => {
  let server: Server;
  let url: string;
  let seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('Content-Type', 'application/json');
      res.end('["s-value"]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
  });

  it('sets a request timeout by default, so a stalled registry socket cannot hang the client', () => {
    const client = createRegistryClient({ url });
    expect(client.config().createAxiosDefaults).toEqual({
      timeout: DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS,
      'axios-retry': { shouldResetTimeout: true },
    });
  });

  it('retries a request that timed out (a stalled registry socket), each attempt with a fresh timeout', async () => {
    let calls = 0;
    const stalling = createServer((_req, res) => {
      if (++calls === 1) return; // never answers: the client's timeout has to fire
      res.setHeader('Content-Type', 'application/json');
      res.end('["s-value"]');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const client = createRegistryClient({
        url: `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`,
        clientConfig: { createAxiosDefaults: registryRequestDefaults(300), retriesWaitMs: 10 },
      });
      expect(await client.getAllSubjects()).toEqual(['s-value']);
      expect(calls).toBe(2);
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it('lets clientConfig replace the axios defaults', () => {
    const client = createRegistryClient({
      url: ['http://a', 'http://b'],
      clientConfig: { createAxiosDefaults: { timeout: 250 } },
    });
    expect(client.config().createAxiosDefaults).toEqual({ timeout: 250 });
    expect(client.config().baseURLs).toEqual(['http://a', 'http://b']);
  });

  it('sends basic auth', async () => {
    await createRegistryClient({ url, auth: { username: 'u', password: 'p' } }).getAllSubjects();
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('sends a static bearer token to a registry that is not Confluent Cloud (no logical cluster needed)', async () => {
    await createRegistryClient({ url, auth: { token: 't0k' } }).getAllSubjects();
    expect(seen[0]?.authorization).toBe('Bearer t0k');
  });

  it('uses the official bearer support, with its cluster headers, when a logical cluster is given', async () => {
    const auth = { token: 't0k', logicalCluster: 'lsrc-1', identityPoolId: 'pool-1' };
    await createRegistryClient({ url, auth }).getAllSubjects();
    expect(seen[0]?.authorization).toBe('Bearer t0k');
    expect(seen[0]?.['target-sr-cluster']).toBe('lsrc-1');
    expect(seen[0]?.['confluent-identity-pool-id']).toBe('pool-1');
  });
});
