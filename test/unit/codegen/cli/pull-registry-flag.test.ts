import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPull } from '../../../../codegen/cli/pull';
import { TempProject } from './project';

// `kgen pull --registry <url>` replaces the config's registry URL (the demo pulls from the stack it runs on).
describe('kgen pull --registry', () => {
  let project: TempProject;
  let server: http.Server;
  const requests: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 40401, message: 'Subject not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('asks the registry given by the flag, not the config’s', async () => {
    project.write({
      'kgen.config.json': { registry: { url: 'http://127.0.0.1:1' }, topics: { orders: {} } },
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
    const result = await project.run((io) => runPull({ registry: url }, io));
    expect(result.code).toBe(2); // the subject does not exist there
    expect(requests.some((r) => r.includes('/apis/ccompat/v7/subjects/orders-value'))).toBe(true);
    expect(result.stderr.join('\n')).not.toContain('127.0.0.1:1/');
  });

  it('without a registry in the config or the flag: exit 2 naming both ways to give one', async () => {
    project.write({ 'kgen.config.json': { topics: { orders: {} } } });
    const result = await project.run((io) => runPull({}, io));
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/--registry <url> or "registry"/);
    expect(requests).toEqual([]);
  });
});
