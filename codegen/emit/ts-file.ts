import { IndentationText, Project, QuoteKind, type SourceFile } from 'ts-morph';

let project: Project | undefined;

/** An in-memory ts-morph source file with kgen's fixed formatting (2 spaces, single quotes). */
export function createTsFile(fileName: string): SourceFile {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  return project.createSourceFile(fileName, '', { overwrite: true });
}

/** The file's text, then forgets it so a long run does not accumulate files. */
export function renderTsFile(file: SourceFile, header: string): string {
  const text = `${header}${file.getFullText()}`;
  file.forget();
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A property key as written in an object literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `./a/b` import specifier for a module path relative to the output root, from a file at the root. */
export function rootImport(modulePath: string): string {
  return `./${modulePath}`;
}
