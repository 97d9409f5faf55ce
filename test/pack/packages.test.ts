import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packPackages, type PackedPackages } from '../../scripts/pack-packages';

/**
 * What a new user does, from `npm pack` output: install `kgen` + `kgen-cli` into a fresh project, run
 * `kgen generate` over Avro and Protobuf schemas, compile with `tsc --strict` (the repository's TypeScript),
 * and run a script that creates a client over the generated topics (nothing connects: no broker needed).
 * Four project styles: CommonJS under node16, ES module under nodenext, a bundler-style ES module, and
 * CommonJS with `"types": []`.
 *
 * Kept to about two minutes: the install is one `npm install --prefer-offline --ignore-scripts` from the
 * tarballs and the npm cache (offline), because @confluentinc/kafka-javascript's librdkafka source build
 * takes ~80 s; the repository's already-built copy of that package (same version, checked) is linked in its
 * place. The other three projects link the first project's node_modules: they differ only in package.json
 * `"type"` and tsconfig.json.
 */
const repo = path.resolve(__dirname, '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const tsx = path.join(repo, 'node_modules/.bin/tsx');

interface ProjectStyle {
  readonly name: string;
  readonly type: 'commonjs' | 'module';
  readonly compilerOptions: Readonly<Record<string, unknown>>;
  /** The import extension `kgen generate` should pick on its own. */
  readonly extension: 'none' | '.js';
  /** How the compiled script runs: Node on tsc's output, or tsx standing in for a bundler. */
  readonly runner: 'node' | 'tsx';
  /** Also compile without skipLibCheck, so kgen's declarations are checked under these settings. */
  readonly checkDeclarations?: boolean;
}

const STYLES: readonly ProjectStyle[] = [
  {
    name: 'commonjs-node16',
    type: 'commonjs',
    compilerOptions: { module: 'node16', moduleResolution: 'node16' },
    extension: 'none',
    runner: 'node',
  },
  {
    name: 'esm-nodenext',
    type: 'module',
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
    extension: '.js',
    runner: 'node',
  },
  {
    name: 'esm-bundler',
    type: 'module',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: true },
    extension: 'none',
    runner: 'tsx',
  },
  {
    name: 'types-empty',
    type: 'commonjs',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', types: [] },
    extension: 'none',
    runner: 'node',
    checkDeclarations: true,
  },
];

const CONFIG = {
  schemas: 'schemas',
  output: 'src/generated',
  topics: {
    orders: { value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' } },
    'shop-orders': { value: { strategy: 'TopicNameStrategy', record: 'shop.Order' } },
  },
};

const main = (suffix: string): string => `import { createClient } from 'kgen';
import { topics } from './generated/index${suffix}';

// Creating a client connects nothing: no broker or registry is needed.
const client = createClient({ brokers: '127.0.0.1:1', registry: { url: 'http://127.0.0.1:1' }, topics });
const names: string[] = Object.keys(client.topics);
console.log(\`kgen client over \${names.sort().join(', ')}\`);
`;

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0)
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} in ${cwd} exited ${r.status}:\n${r.stdout}${r.stderr}`,
    );
  return r.stdout;
}

/** `file(line,col): error ...` lines of a no-emit, no-skipLibCheck compile, paths relative to `dir`. */
function tscErrors(dir: string): string[] {
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--skipLibCheck', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return r.stdout.split('\n').filter((line) => /^\S.*\(\d+,\d+\): error TS/.test(line));
}

/** An error in another package's declarations (the last `node_modules/<name>/` in its path is not kgen's). */
function isThirdParty(error: string): boolean {
  const file = error.slice(0, error.indexOf('('));
  const owner = [...file.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1];
  return owner !== undefined && owner !== 'kgen' && owner !== 'kgen-cli';
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

const version = (dir: string): string =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let packed: PackedPackages;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-pack-'));
  packed = packPackages(path.join(work, 'tarballs'));

  const first = path.join(work, STYLES[0]!.name);
  writeJson(path.join(first, 'package.json'), { name: 'pack-test', version: '1.0.0', private: true });
  const typesNode = version(path.join(repo, 'node_modules/@types/node'));
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      packed.runtime,
      packed.cli,
      `@types/node@${typesNode}`,
    ],
    first,
  );
  const installed = path.join(first, 'node_modules/@confluentinc/kafka-javascript');
  const built = fs.realpathSync(path.join(repo, 'node_modules/@confluentinc/kafka-javascript'));
  expect(version(installed)).toBe(version(built));
  fs.rmSync(installed, { recursive: true, force: true });
  fs.symlinkSync(built, installed, 'dir');

  for (const style of STYLES) {
    const dir = path.join(work, style.name);
    if (style !== STYLES[0]) fs.mkdirSync(dir, { recursive: true });
    if (style !== STYLES[0])
      fs.symlinkSync(path.join(first, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    writeJson(path.join(dir, 'package.json'), {
      name: style.name,
      version: '1.0.0',
      private: true,
      type: style.type,
    });
    writeJson(path.join(dir, 'tsconfig.json'), {
      // skipLibCheck as `tsc --init` writes it; the "types": [] project also checks kgen's declarations.
      compilerOptions: {
        skipLibCheck: true,
        target: 'es2022',
        lib: ['es2023'],
        strict: true,
        rootDir: 'src',
        outDir: 'out',
        ...style.compilerOptions,
      },
      include: ['src'],
    });
    writeJson(path.join(dir, 'kgen.config.json'), CONFIG);
    fs.cpSync(path.join(repo, 'schemas/avro/com'), path.join(dir, 'schemas/com'), { recursive: true });
    fs.cpSync(path.join(repo, 'schemas/protobuf/shop'), path.join(dir, 'schemas/shop'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/main.ts'), main(style.extension === 'none' ? '' : style.extension));
  }
}, 300_000);

afterAll(() => {
  // KGEN_PACK_KEEP=1 keeps the projects for a look (the path is in the failure messages).
  if (work && process.env['KGEN_PACK_KEEP'] !== '1') fs.rmSync(work, { recursive: true, force: true });
});

describe('packed kgen + kgen-cli in a fresh project', () => {
  it('the runtime package carries only the runtime: no CLI, codegen or its dependencies', () => {
    const dir = path.join(work, STYLES[0]!.name, 'node_modules');
    const runtime = JSON.parse(fs.readFileSync(path.join(dir, 'kgen/package.json'), 'utf8')) as {
      bin?: unknown;
      dependencies: Record<string, string>;
    };
    expect(runtime.bin).toBeUndefined();
    expect(Object.keys(runtime.dependencies)).not.toEqual(expect.arrayContaining(['ts-morph']));
    expect(fs.existsSync(path.join(dir, 'kgen/dist/codegen'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '.bin/kgen'))).toBe(true); // from kgen-cli
  });

  it.each(STYLES.map((s) => [s.name, s] as const))(
    '%s: kgen generate, tsc --strict, and a script creating the client',
    (_name, style) => {
      const dir = path.join(work, style.name);
      run(path.join(dir, 'node_modules/.bin/kgen'), ['generate'], dir);
      const index = fs.readFileSync(path.join(dir, 'src/generated/index.ts'), 'utf8');
      expect(index).toContain(`// Import extension: ${style.extension} (auto: `);

      run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
      if (style.checkDeclarations) {
        // Without skipLibCheck, kgen's own declarations are checked too. Errors in other packages'
        // declarations (lru-cache's iterators under strictBuiltinIteratorReturn) are not kgen's to fix.
        const errors = tscErrors(dir).filter((e) => !isThirdParty(e));
        expect(errors).toEqual([]);
      }

      const output =
        style.runner === 'node'
          ? run(process.execPath, ['out/main.js'], dir)
          : run(tsx, ['src/main.ts'], dir);
      expect(output.trim()).toBe('kgen client over orders, shop-orders');
    },
  );
});
