import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompatRegistry } from '../../../../codegen/governance/registry-api';

// `kgen check/register/compat` talk to the registry through CompatRegistry: credentials must reach it.
describe('CompatRegistry credentials', () => {
  let server: Server;
  let url: string;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('Content-Type', 'application/json');
      res.end('[1, 2]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a bearer token (no Confluent Cloud logical cluster needed) and basic auth', async () => {
    expect(await new CompatRegistry(url, { token: 't0k' }).versions('orders-value')).toEqual([1, 2]);
    expect(seen.at(-1)?.authorization).toBe('Bearer t0k');
    await new CompatRegistry(url, { username: 'u', password: 'p' }).versions('orders-value');
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
