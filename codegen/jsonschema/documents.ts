import * as path from 'node:path';
import { createAjv, draftOf, type JsonSchemaDraft } from '../../src/serde/json/drafts';
import { fieldPathOf } from '../../src/serde/json/codec';
import { errorPosition } from '../avro/parse-source';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';

/** One parsed JSON Schema document (a file or a registry subject version). */
export interface JsonDocument {
  readonly source: SourceSchema;
  readonly root: unknown;
  readonly draft: JsonSchemaDraft;
  /** The document's `$id`, if it has one. */
  readonly id: string | undefined;
}

/** A subschema: its document and JSON Pointer inside it (`''` for the root). */
export interface SchemaLocation {
  readonly doc: JsonDocument;
  readonly pointer: string;
}

export function whereOf(source: SourceSchema, jsonPath?: string) {
  return {
    file: source.path,
    ...(source.subject !== undefined ? { subject: source.subject } : {}),
    ...(jsonPath !== undefined ? { path: jsonPath } : {}),
  };
}

/** `/properties/a~1b/items` → `$.properties["a/b"].items` (for error locations). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return fieldPathOf({ instancePath: pointer, keyword: '', params: {}, schemaPath: '' });
}

/** Parses a source, checks it against its draft's meta-schema; errors name the file and JSON path. */
export function parseDocument(source: SourceSchema): JsonDocument {
  let root: unknown;
  try {
    root = JSON.parse(source.text);
  } catch (err) {
    const message = (err as Error).message;
    throw new CodegenError(
      'INVALID_JSON',
      `not valid JSON: ${message}`,
      { ...whereOf(source), ...errorPosition(source.text, message) },
      { cause: err },
    );
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    if (typeof root !== 'boolean')
      throw new CodegenError(
        'INVALID_SCHEMA',
        'a JSON Schema is an object or a boolean',
        whereOf(source, '$'),
      );
  const draft = draftOf(root);
  if (draft === undefined)
    throw new CodegenError(
      'INVALID_SCHEMA',
      `unsupported $schema ${JSON.stringify((root as { $schema?: unknown }).$schema)} (kgen reads drafts 7, 2019-09 and 2020-12)`,
      whereOf(source, '$.$schema'),
    );
  const ajv = createAjv(draft);
  if (!(ajv.validateSchema(root) as boolean)) {
    const first = ajv.errors?.[0];
    throw new CodegenError(
      'INVALID_SCHEMA',
      `not a valid ${draft} JSON Schema: ${first?.message ?? 'invalid'}${first ? ` (rule "${first.keyword}")` : ''}`,
      whereOf(source, first ? fieldPathOf(first) : '$'),
    );
  }
  const id = (root as { $id?: unknown }).$id;
  return { source, root, draft, id: typeof id === 'string' ? id : undefined };
}

/** The value at a JSON Pointer, `undefined` when there is none. */
export function atPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key))
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The documents of one generation run and `$ref` resolution between them: a registry reference by its name
 * (what the registry resolves `$ref` by), a local file by its path relative to the referring file, any
 * document by its `$id`.
 */
export class DocumentSet {
  readonly documents: readonly JsonDocument[];
  readonly #byPath = new Map<string, JsonDocument>();
  readonly #byId = new Map<string, JsonDocument>();
  readonly #bySubject = new Map<string, JsonDocument>();

  constructor(documents: readonly JsonDocument[]) {
    this.documents = documents;
    for (const d of documents) {
      this.#byPath.set(d.source.path, d);
      if (d.id !== undefined) this.#byId.set(d.id.replace(/#$/, ''), d);
      if (d.source.subject !== undefined) {
        this.#bySubject.set(`${d.source.subject}\u0000${d.source.version ?? ''}`, d);
        if (!this.#bySubject.has(`${d.source.subject}\u0000`))
          this.#bySubject.set(`${d.source.subject}\u0000`, d);
      }
    }
  }

  /** The document a `$ref`'s URI part names from `from`, or undefined. */
  document(uri: string, from: JsonDocument): JsonDocument | undefined {
    if (uri === '') return from;
    const reference = from.source.references.find((r) => r.name === uri);
    if (reference !== undefined)
      return (
        this.#bySubject.get(`${reference.subject}\u0000${reference.version}`) ??
        this.#bySubject.get(`${reference.subject}\u0000`)
      );
    if (from.id !== undefined) {
      try {
        const byId = this.#byId.get(new URL(uri, from.id).href);
        if (byId !== undefined) return byId;
      } catch {
        // not a URL relative to the $id: try the other ways
      }
    }
    const byId = this.#byId.get(uri);
    if (byId !== undefined) return byId;
    if (from.source.subject === undefined)
      return this.#byPath.get(
        path.posix.normalize(path.posix.join(path.posix.dirname(from.source.path), uri)),
      );
    return undefined;
  }

  /** Resolves `ref` found at `at` (for errors); an unresolvable one is a CodegenError naming file and path. */
  resolve(ref: string, at: SchemaLocation): SchemaLocation {
    const hash = ref.indexOf('#');
    const uri = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    const fail = (why: string): never => {
      throw new CodegenError(
        'UNRESOLVED_REF',
        `cannot resolve $ref ${JSON.stringify(ref)}: ${why}`,
        whereOf(at.doc.source, `${pointerToPath(at.pointer)}.$ref`),
      );
    };
    const doc = this.document(uri, at.doc);
    if (doc === undefined)
      return fail(
        at.doc.source.subject !== undefined
          ? `no registry reference is named ${JSON.stringify(uri)}`
          : `no schema file or $id ${JSON.stringify(uri)} among the sources`,
      );
    if (fragment !== '' && !fragment.startsWith('/'))
      return fail('only JSON Pointer fragments (#/...) are supported, not anchors');
    if (atPointer(doc.root, fragment) === undefined)
      return fail(`${doc.source.path} has nothing at #${fragment}`);
    return { doc, pointer: fragment };
  }
}
