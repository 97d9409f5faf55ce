/**
 * Small text helpers for the topic map and index modules. These files are a list of imports plus one
 * statement, written as text: ts-morph re-parses the file on every added import, which made a 1,000-topic
 * map take seconds.
 */

/** A property key as written in an object literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `./a/b` import specifier for a module path relative to the output root, from a file at the root. */
export function rootImport(modulePath: string): string {
  return `./${modulePath}`;
}

/** `import { a, b as c } from 'm';` with names sorted. */
export function importLine(
  moduleSpecifier: string,
  names: ReadonlyArray<{ name: string; alias?: string }>,
): string {
  const parts = [...names]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((n) => (n.alias !== undefined && n.alias !== n.name ? `${n.name} as ${n.alias}` : n.name));
  return `import { ${parts.join(', ')} } from '${moduleSpecifier}';`;
}
