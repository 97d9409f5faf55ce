import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files of a throw-away CA and a broker certificate for 127.0.0.1, made with openssl at test time. */
export interface TlsMaterial {
  /** PEM of the CA that signed the broker certificate (what a client trusts). */
  readonly caPem: string;
  /** PKCS#12 keystore of the broker (key + certificate chain). */
  readonly keystore: string;
  readonly keystorePassword: string;
  /** PEM of a second CA that signed nothing the broker shows (a client trusting only it must fail). */
  readonly strangerCaPem: string;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function selfSignedCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  ]);
}

export function makeTlsMaterial(dir: string): TlsMaterial {
  fs.mkdirSync(dir, { recursive: true });
  const keystorePassword = 'kgen-test-keystore';
  selfSignedCa(dir, 'kgen-test-ca');
  selfSignedCa(dir, 'kgen-stranger-ca');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'broker.key',
    '-out',
    'broker.csr',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'broker.csr',
    '-CA',
    'kgen-test-ca.pem',
    '-CAkey',
    'kgen-test-ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'broker.pem',
  ]);
  openssl(dir, [
    'pkcs12',
    '-export',
    '-in',
    'broker.pem',
    '-inkey',
    'broker.key',
    '-certfile',
    'kgen-test-ca.pem',
    '-name',
    'broker',
    '-passout',
    `pass:${keystorePassword}`,
    '-out',
    'broker.p12',
  ]);
  return {
    caPem: path.join(dir, 'kgen-test-ca.pem'),
    keystore: path.join(dir, 'broker.p12'),
    keystorePassword,
    strangerCaPem: path.join(dir, 'kgen-stranger-ca.pem'),
  };
}
