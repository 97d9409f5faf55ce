import * as http from 'node:http';

/** True when a Docker engine answers `GET /_ping` on DOCKER_HOST (unix or tcp) or the default socket. */
export function dockerReachable(env: NodeJS.ProcessEnv = process.env, timeoutMs = 1500): Promise<boolean> {
  const dockerHost = env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  const target: http.RequestOptions = dockerHost.startsWith('unix://')
    ? { socketPath: dockerHost.slice('unix://'.length) }
    : (() => {
        const u = new URL(dockerHost.replace(/^tcp:/, 'http:'));
        return { host: u.hostname, port: Number(u.port || 2375) };
      })();
  return new Promise((resolve) => {
    const req = http.get({ ...target, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.once('error', () => resolve(false));
  });
}
