/**
 * Prints the top-level declarations of a generated module as text. The layout is the one ts-morph's structure
 * printer gave the generated code (goldens are byte-identical): two-space indentation, JSDoc above each
 * declaration, a blank line around interfaces and nothing else between statements. Building a ts-morph
 * source file per module parsed every file into a TypeScript AST that nothing read; this is plain string work.
 */

/** A property of an interface. */
export interface PropertyDeclaration {
  readonly name: string;
  readonly type: string;
  readonly optional?: boolean;
  readonly docs?: string | undefined;
}

/** One top-level statement; every declaration is exported. */
export type Declaration =
  | { readonly kind: 'import'; readonly module: string; readonly names: readonly string[] }
  | {
      readonly kind: 'interface';
      readonly name: string;
      readonly properties: readonly PropertyDeclaration[];
      readonly docs?: string | undefined;
    }
  | {
      readonly kind: 'type';
      readonly name: string;
      readonly type: string;
      readonly docs?: string | undefined;
    }
  | {
      readonly kind: 'const';
      readonly name: string;
      readonly initializer: string;
      readonly docs?: string | undefined;
    }
  /** Written as given (multi-line initializers keep their own indentation). */
  | { readonly kind: 'text'; readonly text: string };

const INDENT = '  ';
const NEW_LINE = /\r?\n/;

/** Text with the writer rules the layout depends on: indentation at line starts, `\r\n` written as `\n`. */
class TextOut {
  private readonly parts: string[] = [];
  /** The last characters written (enough to see a blank line or the last non-blank character). */
  private tail = '';
  /** Last character that is not white space, for the blank line after a closing brace. */
  lastSolid = '';
  indent = 0;

  get empty(): boolean {
    return this.parts.length === 0;
  }

  private atLineStart(): boolean {
    const last = this.tail.charAt(this.tail.length - 1);
    return last === '' || last === '\n' || last === '\r';
  }

  private raw(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.tail = (this.tail + text).slice(-8);
    const solid = text.trimEnd();
    if (solid !== '') this.lastSolid = solid.charAt(solid.length - 1);
  }

  /** Writes text; lines after the first of a hanging write are indented one level deeper. */
  write(text: string, hanging = false): this {
    const lines = text.includes('\n') ? text.split(NEW_LINE) : [text];
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) this.raw('\n');
      const line = lines[i]!;
      if (line === '') continue;
      if (this.atLineStart()) this.raw(INDENT.repeat(this.indent + (hanging && i > 0 ? 1 : 0)));
      this.raw(line);
    }
    return this;
  }

  newLine(): this {
    this.raw('\n');
    return this;
  }

  newLineIfLastNot(): this {
    const last = this.tail.charAt(this.tail.length - 1);
    if (last !== '\n' && last !== '\r') this.raw('\n');
    return this;
  }

  blankLineIfLastNot(): this {
    if (this.tail.replace(/\r/g, '').slice(-2) !== '\n\n') this.newLineIfLastNot().newLine();
    return this;
  }

  spaceIfLastNot(): this {
    if (!this.tail.endsWith(' ')) this.write(' ');
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}

function printDocs(out: TextOut, docs: string | undefined): void {
  if (docs === undefined) return;
  // Split twice, as ts-morph did: "a\r\r\nb" is "a\r" + "b" once, then "a\r\nb" reads as "a" + "b".
  const lines = docs.split(NEW_LINE).join('\n').split(NEW_LINE);
  const single = lines.length <= 1;
  out.write('/**');
  if (single) out.write(' ').write(lines[0]!);
  else {
    out.newLine();
    for (let i = lines[0] === '' ? 1 : 0; i < lines.length; i++) {
      out.write(' *');
      if (lines[i] !== '') out.write(` ${lines[i]}`);
      out.newLine();
    }
  }
  out.spaceIfLastNot().write('*/').newLine();
}

function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r?\n/g, (m) => (m === '\n' ? '\\n\\\n' : '\\r\\n\\\n'))}'`;
}

function printDeclaration(out: TextOut, d: Declaration): void {
  switch (d.kind) {
    case 'import':
      out.write(`import { ${d.names.join(', ')} } from ${quote(d.module)};`);
      return;
    case 'text':
      out.write(d.text);
      return;
    case 'type':
      printDocs(out, d.docs);
      out.write(`export type ${d.name}`).write(` = ${d.type}`, true).write(';');
      return;
    case 'const':
      printDocs(out, d.docs);
      out.write(`export const ${d.name} = ${d.initializer}`, true).write(';');
      return;
    case 'interface':
      printDocs(out, d.docs);
      out.write(`export interface ${d.name} {`).newLine();
      out.indent++;
      d.properties.forEach((p, i) => {
        if (i > 0) out.newLine();
        printDocs(out, p.docs);
        out
          .write(`${p.name}${p.optional ? '?' : ''}`)
          .write(`: ${p.type}`, true)
          .write(';');
      });
      out.indent--;
      out.newLineIfLastNot().write('}');
      return;
  }
}

/** The module text: declarations in order, ending with a new line when there is any. */
export function printDeclarations(declarations: readonly Declaration[]): string {
  const out = new TextOut();
  for (const d of declarations) {
    if (out.lastSolid === '}') out.blankLineIfLastNot();
    else if (!out.empty) out.newLineIfLastNot();
    if (d.kind === 'interface' && !out.empty) out.blankLineIfLastNot();
    printDeclaration(out, d);
  }
  if (!out.empty) out.newLineIfLastNot();
  return out.toString();
}
