import type { GeneratedFile } from '../model';

/**
 * What relative imports between generated modules end with (like protobuf-es's `import_extension`):
 * `none` (`./order`) for CommonJS and bundler projects, `.js` (`./order.js`) for ES-module projects under
 * `moduleResolution: node16/nodenext`, `.ts` (`./order.ts`) for projects that import `.ts` files directly
 * (`allowImportingTsExtensions` / `rewriteRelativeImportExtensions`, Node's type stripping).
 */
export const IMPORT_EXTENSIONS = ['none', '.js', '.ts'] as const;
export type ImportExtension = (typeof IMPORT_EXTENSIONS)[number];

/** The extension generation uses, and why (stated in every generated file's header). */
export interface ResolvedImportExtension {
  readonly extension: ImportExtension;
  /** Where the choice came from, e.g. `config`, or `package.json "type": "module" + tsconfig.json nodenext`. */
  readonly reason: string;
}

// Generated modules write every import/export-from statement on one line at column 0 (ts-morph and the
// text emitters both do); schema texts are escaped one-line literals, so no string content matches.
const RELATIVE_FROM = /^((?:import|export)\s[^\n]*?\sfrom\s+(['"]))(\.\.?\/[^'"\n]*)(\2;)$/gm;
const HEADER_END = '/* eslint-disable */';

/** The header line naming the extension; kgen's generators put it just above `/* eslint-disable *\/`. */
export function importExtensionHeaderLine(resolved: ResolvedImportExtension): string {
  return `// Import extension: ${resolved.extension} (${resolved.reason})`;
}

/** Appends the extension to each relative import/export specifier and states it in the header. */
export function applyImportExtension(file: GeneratedFile, resolved: ResolvedImportExtension): GeneratedFile {
  if (!file.path.endsWith('.ts')) return file;
  const suffix = resolved.extension === 'none' ? '' : resolved.extension;
  let content = file.content.replace(
    RELATIVE_FROM,
    (_m, head: string, _quote: string, spec: string, tail: string) => `${head}${spec}${suffix}${tail}`,
  );
  const headerEnd = content.indexOf(`\n${HEADER_END}\n`);
  if (headerEnd >= 0)
    content = `${content.slice(0, headerEnd)}\n${importExtensionHeaderLine(resolved)}${content.slice(headerEnd)}`;
  return { path: file.path, content };
}
