import { FileDescriptorProto } from 'protobufjs/ext/descriptor';
import { ProtobufSchemaError } from './errors';

/**
 * Registries return a Protobuf schema as `.proto` text or, in Confluent's serialized form (what Python
 * `confluent-kafka` registers, and what `format=serialized` asks for), as a base64 `FileDescriptorProto`.
 * This turns the serialized form into `.proto` text, rendered deterministically (same descriptor → same
 * text), and passes text through. Custom options, editions features and source comments are not rendered.
 */
export function protobufSchemaText(schema: string, where = 'registry schema'): string {
  const compact = schema.trim();
  if (compact === '' || !/^[A-Za-z0-9+/\r\n]+={0,2}$/.test(compact)) return schema;
  let file: FileProto;
  try {
    file = FileDescriptorProto.toObject(FileDescriptorProto.decode(Buffer.from(compact, 'base64')), {
      enums: String,
      longs: String,
      defaults: false,
      arrays: true,
    }) as FileProto;
  } catch {
    return schema; // not a descriptor: the .proto parser reports what is wrong with the text
  }
  if (file.name === undefined && file.messageType.length === 0 && file.enumType.length === 0) return schema;
  return new Renderer(file, where).render();
}

interface Options {
  readonly [key: string]: unknown;
}
interface FieldProto {
  readonly name: string;
  readonly number: number;
  readonly label?: string;
  readonly type?: string;
  readonly typeName?: string;
  readonly extendee?: string;
  readonly defaultValue?: string;
  readonly oneofIndex?: number;
  readonly jsonName?: string;
  readonly options?: Options;
  readonly proto3Optional?: boolean;
}
interface Range {
  readonly start?: number;
  readonly end?: number;
}
interface EnumProto {
  readonly name: string;
  readonly value: ReadonlyArray<{ name: string; number?: number; options?: Options }>;
  readonly options?: Options;
  readonly reservedRange: readonly Range[];
  readonly reservedName: readonly string[];
}
interface MessageProto {
  readonly name: string;
  readonly field: readonly FieldProto[];
  readonly extension: readonly FieldProto[];
  readonly nestedType: readonly MessageProto[];
  readonly enumType: readonly EnumProto[];
  readonly extensionRange: readonly Range[];
  readonly oneofDecl: ReadonlyArray<{ name: string }>;
  readonly options?: Options;
  readonly reservedRange: readonly Range[];
  readonly reservedName: readonly string[];
}
interface FileProto {
  readonly name?: string;
  readonly package?: string;
  readonly dependency: readonly string[];
  readonly publicDependency: readonly number[];
  readonly weakDependency: readonly number[];
  readonly messageType: readonly MessageProto[];
  readonly enumType: readonly EnumProto[];
  readonly service: ReadonlyArray<{
    name: string;
    method: ReadonlyArray<{
      name: string;
      inputType?: string;
      outputType?: string;
      clientStreaming?: boolean;
      serverStreaming?: boolean;
    }>;
  }>;
  readonly extension: readonly FieldProto[];
  readonly options?: Options;
  readonly syntax?: string;
  readonly edition?: string;
}

const MAX_FIELD = 536_870_911;
const quote = (s: string): string =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** protoc's default JSON name of a field. */
const jsonNameOf = (name: string): string =>
  name.replace(/_+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `[a = 1, b = "x"]` of the scalar options protoc writes as text (custom options are not kept). */
function optionList(options: Options | undefined, extra: string[] = []): string {
  const parts = [...extra];
  for (const [k, v] of Object.entries(options ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k === 'mapEntry' || k === 'features' || k === 'uninterpretedOption') continue;
    if (typeof v === 'boolean' || typeof v === 'number') parts.push(`${snake(k)} = ${v}`);
    else if (typeof v === 'string') parts.push(`${snake(k)} = ${/^[A-Z][A-Z0-9_]*$/.test(v) ? v : quote(v)}`);
  }
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

function optionLines(options: Options | undefined, indent: string): string[] {
  const list = optionList(options);
  if (list === '') return [];
  return list
    .slice(2, -1)
    .split(', ')
    .map((o) => `${indent}option ${o};`);
}

class Renderer {
  private readonly lines: string[] = [];
  private readonly editions: boolean;
  private readonly proto3: boolean;

  constructor(
    private readonly file: FileProto,
    private readonly where: string,
  ) {
    this.editions = file.syntax === 'editions';
    this.proto3 = file.syntax === 'proto3';
  }

  render(): string {
    const f = this.file;
    if (this.editions)
      this.lines.push(`edition = "${(f.edition ?? 'EDITION_2023').replace(/^EDITION_/, '')}";`);
    else this.lines.push(`syntax = "${this.proto3 ? 'proto3' : 'proto2'}";`);
    if (f.package) this.lines.push('', `package ${f.package};`);
    if (f.dependency.length > 0) {
      this.lines.push('');
      f.dependency.forEach((d, i) => {
        const kind = f.publicDependency.includes(i) ? 'public ' : f.weakDependency.includes(i) ? 'weak ' : '';
        this.lines.push(`import ${kind}${quote(d)};`);
      });
    }
    const fileOptions = optionLines(f.options, '');
    if (fileOptions.length > 0) this.lines.push('', ...fileOptions);
    for (const m of f.messageType) this.message(m, '');
    for (const e of f.enumType) this.enumeration(e, '');
    this.extensions(f.extension, '');
    for (const s of f.service) {
      this.lines.push('', `service ${s.name} {`);
      for (const m of s.method)
        this.lines.push(
          `  rpc ${m.name} (${m.clientStreaming ? 'stream ' : ''}${m.inputType ?? ''}) returns (${m.serverStreaming ? 'stream ' : ''}${m.outputType ?? ''});`,
        );
      this.lines.push('}');
    }
    return `${this.lines.join('\n')}\n`;
  }

  private message(m: MessageProto, indent: string, header = `message ${m.name} {`): void {
    const inner = `${indent}  `;
    this.lines.push('', `${indent}${header}`);
    this.lines.push(...optionLines(m.options, inner));
    const hidden = new Set<string>(); // nested types rendered as map<> or group
    const oneofsDone = new Set<number>();
    for (const field of m.field) {
      const nested = this.nestedOf(m, field);
      if (nested?.options?.['mapEntry'] === true) {
        hidden.add(nested.name);
        const [k, v] = [nested.field.find((x) => x.number === 1), nested.field.find((x) => x.number === 2)];
        if (!k || !v)
          throw new ProtobufSchemaError(`${this.where}: map entry ${nested.name} lacks key or value`);
        this.lines.push(
          `${inner}map<${this.typeOf(k)}, ${this.typeOf(v)}> ${field.name} = ${field.number}${optionList(field.options, this.jsonName(field))};`,
        );
        continue;
      }
      if (field.oneofIndex !== undefined && !field.proto3Optional) {
        if (oneofsDone.has(field.oneofIndex)) continue;
        oneofsDone.add(field.oneofIndex);
        this.lines.push(
          `${inner}oneof ${m.oneofDecl[field.oneofIndex]?.name ?? `oneof_${field.oneofIndex}`} {`,
        );
        for (const member of m.field.filter((x) => x.oneofIndex === field.oneofIndex))
          this.field(member, `${inner}  `, m, hidden, false);
        this.lines.push(`${inner}}`);
        continue;
      }
      this.field(field, inner, m, hidden, true);
    }
    for (const n of m.nestedType) if (!hidden.has(n.name)) this.message(n, inner);
    for (const e of m.enumType) this.enumeration(e, inner);
    this.extensions(m.extension, inner);
    for (const r of m.extensionRange)
      this.lines.push(`${inner}extensions ${this.range(r.start ?? 0, (r.end ?? 1) - 1)};`);
    this.reserved(m.reservedRange, m.reservedName, inner);
    this.lines.push(`${indent}}`);
  }

  private nestedOf(m: MessageProto, field: FieldProto): MessageProto | undefined {
    if (field.type !== 'TYPE_MESSAGE' && field.type !== 'TYPE_GROUP') return undefined;
    const simple = field.typeName?.split('.').pop();
    const prefix = field.typeName?.slice(0, -(simple?.length ?? 0) - 1);
    const nested = m.nestedType.find((n) => n.name === simple);
    // Only a type nested in this message (its full name ends in `.<Message>.<Nested>`).
    return nested !== undefined && prefix?.endsWith(`.${m.name}`) ? nested : undefined;
  }

  private label(field: FieldProto, labelled: boolean): string {
    if (field.label === 'LABEL_REPEATED') return 'repeated ';
    if (!labelled || this.editions) return '';
    if (field.label === 'LABEL_REQUIRED') return 'required ';
    if (this.proto3) return field.proto3Optional ? 'optional ' : '';
    return 'optional ';
  }

  private field(
    f: FieldProto,
    indent: string,
    m: MessageProto,
    hidden: Set<string>,
    labelled: boolean,
  ): void {
    const extra = [...this.jsonName(f)];
    if (f.defaultValue !== undefined)
      extra.push(
        `default = ${f.type === 'TYPE_STRING' || f.type === 'TYPE_BYTES' ? `"${f.type === 'TYPE_BYTES' ? f.defaultValue : quote(f.defaultValue).slice(1, -1)}"` : f.defaultValue}`,
      );
    if (f.type === 'TYPE_GROUP') {
      const group = this.nestedOf(m, f);
      if (!group) throw new ProtobufSchemaError(`${this.where}: group ${f.name} has no nested type`);
      hidden.add(group.name);
      const at = this.lines.length;
      this.message(
        group,
        indent,
        `${this.label(f, labelled)}group ${group.name} = ${f.number}${optionList(f.options, extra)} {`,
      );
      this.lines.splice(at, 1); // no blank line before a group inside a message
      return;
    }
    this.lines.push(
      `${indent}${this.label(f, labelled)}${this.typeOf(f)} ${f.name} = ${f.number}${optionList(f.options, extra)};`,
    );
  }

  private jsonName(f: FieldProto): string[] {
    return f.jsonName !== undefined && f.jsonName !== jsonNameOf(f.name) && f.extendee === undefined
      ? [`json_name = ${quote(f.jsonName)}`]
      : [];
  }

  private typeOf(f: FieldProto): string {
    if (f.typeName !== undefined && f.typeName !== '') return f.typeName;
    if (f.type === undefined) throw new ProtobufSchemaError(`${this.where}: field ${f.name} has no type`);
    return f.type.replace(/^TYPE_/, '').toLowerCase();
  }

  private extensions(fields: readonly FieldProto[], indent: string): void {
    const byExtendee = new Map<string, FieldProto[]>();
    for (const f of fields)
      byExtendee.set(f.extendee ?? '', [...(byExtendee.get(f.extendee ?? '') ?? []), f]);
    for (const [extendee, list] of byExtendee) {
      this.lines.push('', `${indent}extend ${extendee} {`);
      for (const f of list)
        this.lines.push(
          `${indent}  ${this.label(f, true)}${this.typeOf(f)} ${f.name} = ${f.number}${optionList(f.options)};`,
        );
      this.lines.push(`${indent}}`);
    }
  }

  private enumeration(e: EnumProto, indent: string): void {
    const inner = `${indent}  `;
    this.lines.push('', `${indent}enum ${e.name} {`);
    this.lines.push(...optionLines(e.options, inner));
    for (const v of e.value) this.lines.push(`${inner}${v.name} = ${v.number ?? 0}${optionList(v.options)};`);
    // Enum reserved ranges are inclusive.
    this.reserved(
      e.reservedRange.map((r) => ({ start: r.start ?? 0, end: (r.end ?? 0) + 1 })),
      e.reservedName,
      inner,
    );
    this.lines.push(`${indent}}`);
  }

  private range(start: number, last: number): string {
    if (start === last) return `${start}`;
    return `${start} to ${last >= MAX_FIELD ? 'max' : last}`;
  }

  /** `end` is exclusive, as in message descriptors. */
  private reserved(ranges: readonly Range[], names: readonly string[], indent: string): void {
    if (ranges.length > 0)
      this.lines.push(
        `${indent}reserved ${ranges.map((r) => this.range(r.start ?? 0, (r.end ?? 1) - 1)).join(', ')};`,
      );
    if (names.length > 0) this.lines.push(`${indent}reserved ${names.map(quote).join(', ')};`);
  }
}
