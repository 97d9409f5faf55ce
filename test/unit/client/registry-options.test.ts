import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS,
  createRegistryClient,
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
    expect(client.config().createAxiosDefaults).toEqual({ timeout: DEFAULT_REGISTRY_REQUEST_TIMEOUT_MS });
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
