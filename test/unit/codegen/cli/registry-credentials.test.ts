import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCheck } from '../../../../codegen/cli/check';
import { TempProject } from './project';

// README: `--registry` defaults to "the config's, with its credentials", read from the environment variables
// the config names; the values are never printed.
describe('check against the config registry uses its credentials', () => {
  let server: Server;
  let url: string;
  const seen: IncomingHttpHeaders[] = [];
  let project: TempProject;
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json');
      res.end('{"error_code":40401,"message":"Subject not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = new TempProject().write({
      'schemas/orders-value.avsc': '"string"',
      'kgen.config.json': {
        schemas: 'schemas',
        registry: { url, auth: { type: 'basic', usernameEnv: 'KGEN_T_USER', passwordEnv: 'KGEN_T_PASS' } },
      },
    });
  });
  afterAll(async () => {
    project.remove();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends basic auth from the named variables and never prints them', async () => {
    const r = await project.run((io) => runCheck({ allowNew: true }, io), {
      KGEN_T_USER: 'user-123',
      KGEN_T_PASS: 'pa55-xyz',
    });
    expect(r.code).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const h of seen)
      expect(h.authorization).toBe(`Basic ${Buffer.from('user-123:pa55-xyz').toString('base64')}`);
    expect([...r.stdout, ...r.stderr].join('\n')).not.toMatch(/user-123|pa55-xyz/);
  });

  it('a variable that is not set: exit 2 naming the variable and the config key', async () => {
    const r = await project.run((io) => runCheck({}, io), { KGEN_T_USER: 'user-123' });
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      `kgen: ${project.dir}/kgen.config.json at $.registry.auth.passwordEnv: environment variable KGEN_T_PASS (registry credentials) is not set [CONFIG_INVALID]`,
    ]);
  });
});
