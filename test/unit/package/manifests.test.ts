import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The two published manifests stay honest: the runtime package `kgen` depends on exactly the packages
 * `src/` imports at run time, and `kgen-cli` (built from `codegen/` plus the `src/` modules it reaches) on
 * exactly the packages those modules import, at the versions the repository develops against.
 */
const repo = path.resolve(__dirname, '../../..');

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  exports: Record<string, string | { types?: string; default?: string }>;
}
const read = (rel: string): Manifest => JSON.parse(fs.readFileSync(path.join(repo, rel), 'utf8')) as Manifest;
const runtime = read('package.json');
const cli = read('packages/kgen-cli/package.json');

/** Module specifiers a file imports at run time (type-only imports and exports are erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push((s.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      out.push((s.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Packages (not Node built-ins) imported by `entries` and every relative module they reach. */
function packagesReachedFrom(entries: readonly string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        const parts = spec.split('/');
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  };
  entries.forEach(visit);
  return packages;
}

/** Packages `src/` loads only when a feature is used: `require('pkg')` calls, not import statements. */
function packagesLoadedLazily(files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'require' &&
        node.arguments.length === 1 &&
        ts.isStringLiteral(node.arguments[0]!) &&
        !node.arguments[0].text.startsWith('.') &&
        !node.arguments[0].text.startsWith('node:')
      )
        packages.add(node.arguments[0].text);
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  return packages;
}

const allSources = (dir: string): string[] =>
  (fs.readdirSync(path.join(repo, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(repo, dir, f));

describe('published manifests', () => {
  it('kgen (runtime) depends on exactly what src/ imports', () => {
    expect(Object.keys(runtime.dependencies ?? {}).sort()).toEqual(
      [...packagesReachedFrom(allSources('src'))].sort(),
    );
  });

  it('what src/ loads lazily (require) is an optional peer dependency, never a dependency', () => {
    // e.g. lmdb: only an application that persists state installs the native module.
    const lazy = [...packagesLoadedLazily(allSources('src'))].sort();
    expect(lazy.length).toBeGreaterThan(0);
    for (const name of lazy) {
      expect(`${name}: ${runtime.peerDependencies?.[name] !== undefined}`).toBe(`${name}: true`);
      expect(`${name}: ${runtime.peerDependenciesMeta?.[name]?.optional}`).toBe(`${name}: true`);
      expect(`${name}: ${runtime.dependencies?.[name]}`).toBe(`${name}: undefined`);
    }
  });

  it('kgen-cli depends on exactly what codegen/ and the src/ modules it reaches import (kgen as a peer)', () => {
    const reached = packagesReachedFrom(allSources('codegen'));
    reached.delete('kgen');
    expect(Object.keys(cli.dependencies ?? {}).sort()).toEqual([...reached].sort());
    expect(cli.peerDependencies).toEqual({ kgen: runtime.version });
    expect(cli.version).toBe(runtime.version);
  });

  it("kgen-cli's dependency versions are the ones the repository develops and tests with", () => {
    const repoVersions = { ...runtime.devDependencies, ...runtime.dependencies };
    for (const [name, version] of Object.entries(cli.dependencies ?? {}))
      expect(`${name}@${version}`).toBe(`${name}@${repoVersions[name]}`);
  });

  it('every declaration entry point references Node\'s types, so a project with "types": [] compiles', () => {
    const entries = [runtime, cli].flatMap((m) =>
      Object.values(m.exports).flatMap((e) => (typeof e === 'object' && e.types ? [e.types] : [])),
    );
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const source = path.join(repo, entry.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts'));
      expect(`${entry}: ${fs.readFileSync(source, 'utf8').split('\n')[0]}`).toBe(
        `${entry}: /// <reference types="node" preserve="true" />`,
      );
    }
  });
});
