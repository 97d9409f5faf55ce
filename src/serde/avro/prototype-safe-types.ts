import * as avro from 'avsc';

/**
 * Records, maps and enums that treat a name from the schema (or a map key) as data, never as an
 * `Object.prototype` member. avsc reads `value.constructor` for a defaulted field named `constructor` (and
 * finds `Object`), assigns `this.__proto__ = …` for a field or map key named `__proto__` (and drops it), and
 * indexes enum symbols in a plain object (so `constructor` is a "duplicate" and `toString` a valid symbol).
 */

/** `__proto__`, `constructor`, `toString`, `hasOwnProperty`, `valueOf`, … */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

type Bag = Record<string, unknown>;

/** avsc's cursor and the type internals used here (absent from its typings). */
interface Tap {
  readLong(): number;
  skipLong(): void;
  readString(): string;
  writeFixed(buf: Buffer): void;
}
interface TypeInternals {
  _read(tap: Tap): unknown;
  _write(tap: Tap, value: unknown): void;
  _check(value: unknown, flags?: unknown, hook?: unknown, path?: string[]): boolean;
  _copy(value: unknown, opts?: unknown): unknown;
}
interface FieldInternals {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: avro.Type & TypeInternals;
  defaultValue(): unknown;
}
interface RecordInternals {
  readonly fields: readonly FieldInternals[];
  readonly _fieldsByName: Bag;
  readonly recordConstructor: new (...values: unknown[]) => Bag;
  _checkFields(value: object): boolean;
}
type Hook = (value: unknown, type: avro.Type) => void;

/** What `createResolver` returns: reads a writer's value as the reader's. */
interface FieldResolver {
  _read(tap: Tap): unknown;
  _peek(tap: Tap): unknown;
}
interface Skippable {
  _skip(tap: Tap): void;
}

const recordProto = avro.types.RecordType.prototype as unknown as {
  _update(resolver: unknown, writer: unknown, opts: unknown): void;
  _createConstructor(errorStack: unknown, plain: unknown): unknown;
  _createWriter(): unknown;
  _createChecker(): unknown;
  _copy(value: unknown, opts?: unknown): unknown;
};

/** A field or key set as an own property (assigning `__proto__` would set the prototype instead). */
function setOwn(target: Bag, key: string, value: unknown): void {
  if (INHERITED.has(key)) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function own(value: Bag, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function hasInheritedName(record: RecordInternals): boolean {
  return record.fields.some((f) => INHERITED.has(f.name) || f.aliases.some((a) => INHERITED.has(a)));
}

const unqualify = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** Avro's name rule for resolution: the writer's name is the reader's name or one of its aliases. */
function readsName(reader: avro.Type, writer: avro.Type, strict: boolean): boolean {
  if (!writer.name) return true;
  const key = strict ? writer.name : unqualify(writer.name);
  return [reader.name ?? '', ...(reader.aliases ?? [])].some((a) => (strict ? a : unqualify(a)) === key);
}

const fieldNames = new WeakMap<object, ReadonlySet<string>>();

/**
 * A record type whose generated accessors read only own properties when a field name is an
 * `Object.prototype` member; other records keep avsc's compiled code (the fast path is unchanged).
 */
export class PrototypeSafeRecordType extends avro.types.RecordType {
  /** `noUndeclaredFields`: avsc looks names up in a plain object (where `__proto__` is not even stored). */
  _checkFields(this: RecordInternals & object, value: object): boolean {
    let names = fieldNames.get(this);
    if (names === undefined) {
      names = new Set(this.fields.map((f) => f.name));
      fieldNames.set(this, names);
    }
    const known = names;
    return Object.keys(value).every((k) => known.has(k));
  }

  override field(name: string): avro.types.Field {
    const self = this as unknown as RecordInternals;
    return self.fields.find((f) => f.name === name) as unknown as avro.types.Field;
  }

  _createConstructor(errorStack: unknown, plain: unknown): unknown {
    const self = this as unknown as RecordInternals;
    if (!hasInheritedName(self)) return recordProto._createConstructor.call(this, errorStack, plain);
    const fields = self.fields;
    return function Record(this: Bag, ...values: unknown[]): void {
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!;
        const v = values[i] === undefined ? field.defaultValue() : values[i];
        setOwn(this, field.name, v);
      }
    };
  }

  _createWriter(): unknown {
    const self = this as unknown as RecordInternals;
    if (!hasInheritedName(self)) return recordProto._createWriter.call(this);
    const fields = self.fields.map((f) => {
      const dflt = f.defaultValue();
      return { name: f.name, type: f.type, dflt: dflt === undefined ? undefined : f.type.toBuffer(dflt) };
    });
    return (tap: Tap, value: Bag): void => {
      for (const f of fields) {
        const v = own(value, f.name);
        if (v === undefined && f.dflt !== undefined) tap.writeFixed(f.dflt);
        else f.type._write(tap, v);
      }
    };
  }

  _createChecker(): unknown {
    const self = this as unknown as RecordInternals;
    if (!hasInheritedName(self)) return recordProto._createChecker.call(this);
    const fields = self.fields.map((f) => ({ f, defaulted: f.defaultValue() !== undefined }));
    return function check(
      this: RecordInternals & avro.Type,
      value: unknown,
      flags: unknown,
      hook?: Hook,
      path?: string[],
    ): boolean {
      if (value === null || typeof value !== 'object' || (flags && !this._checkFields(value))) {
        hook?.(value, this);
        return false;
      }
      let ok = true;
      for (const { f, defaulted } of fields) {
        const v = own(value as Bag, f.name);
        if (v === undefined && defaulted) continue;
        if (hook && path) {
          path.push(f.name);
          ok = f.type._check(v, flags, hook, path) && ok;
          path.pop();
        } else if (!f.type._check(v, flags)) {
          return false;
        }
      }
      return ok;
    };
  }

  /**
   * Reading a writer's record: avsc matches fields through plain objects, where a reader field named
   * `constructor` "matches" a writer without one. Such records are resolved here with maps.
   */
  _update(
    resolver: { _read: (tap: Tap) => unknown },
    writer: avro.Type,
    opts: { ignoreNamespaces?: boolean },
  ) {
    const self = this as unknown as RecordInternals;
    const w = writer as unknown as RecordInternals;
    if (!(writer instanceof avro.types.RecordType) || (!hasInheritedName(self) && !hasInheritedName(w))) {
      recordProto._update.call(this, resolver, writer, opts);
      return;
    }
    if (!readsName(this, writer, !opts.ignoreNamespaces))
      throw new Error(`no alias found for ${writer.name}`);
    const written = new Map(w.fields.map((f) => [f.name, f]));
    const byWriterField = new Map<string, Array<{ index: number; resolver: FieldResolver }>>();
    self.fields.forEach((field, index) => {
      const matches = [field.name, ...field.aliases].filter((n) => written.has(n));
      if (matches.length > 1) {
        throw new Error(`ambiguous aliasing for ${writer.name}.${field.name} (${matches.join(', ')})`);
      }
      const match = matches[0];
      if (match === undefined) {
        if (field.defaultValue() === undefined) {
          throw new Error(`no matching field for default-less ${writer.name}.${field.name}`);
        }
        return;
      }
      const fieldResolver = field.type.createResolver(
        written.get(match)!.type,
        opts,
      ) as unknown as FieldResolver;
      byWriterField.set(match, [...(byWriterField.get(match) ?? []), { index, resolver: fieldResolver }]);
    });
    const steps = w.fields.map((f) => ({
      type: f.type as unknown as Skippable,
      readers: byWriterField.get(f.name),
    }));
    const Ctor = self.recordConstructor;
    const count = self.fields.length;
    resolver._read = (tap: Tap): unknown => {
      const values = new Array<unknown>(count);
      for (const { type, readers } of steps) {
        if (readers === undefined) {
          type._skip(tap);
          continue;
        }
        // One writer field read by several reader fields (aliases): all but the last only peek.
        readers.forEach(({ index, resolver: r }, j) => {
          values[index] = j < readers.length - 1 ? r._peek(tap) : r._read(tap);
        });
      }
      return new Ctor(...values);
    };
  }

  /** Defaults and clones: read own properties only. */
  _copy(value: unknown, opts?: unknown): unknown {
    const self = this as unknown as RecordInternals;
    if (!hasInheritedName(self) || value === null || typeof value !== 'object') {
      return recordProto._copy.call(this, value, opts);
    }
    const ownOnly = Object.create(null) as Bag;
    for (const f of self.fields) ownOnly[f.name] = own(value as Bag, f.name);
    return recordProto._copy.call(this, ownOnly, opts);
  }
}

/** A map whose decoded object keeps every key, `__proto__` included, as an own property. */
export class PrototypeSafeMapType extends avro.types.MapType {
  _read(this: { valuesType: TypeInternals }, tap: Tap): Bag {
    const values = this.valuesType;
    const out: Bag = {};
    for (let n = tap.readLong(); n !== 0; n = tap.readLong()) {
      if (n < 0) {
        n = -n;
        tap.skipLong(); // a negative count is followed by the block's size in bytes
      }
      while (n-- > 0) {
        const key = tap.readString();
        setOwn(out, key, values._read(tap));
      }
    }
    return out;
  }

  _copy(value: unknown, opts?: unknown): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return (avro.types.MapType.prototype as unknown as TypeInternals)._copy.call(this, value, opts);
    }
    const values = (this as unknown as { valuesType: TypeInternals }).valuesType;
    const out: Bag = {};
    for (const key of Object.keys(value)) setOwn(out, key, values._copy((value as Bag)[key], opts));
    return out;
  }
}

/**
 * An enum type whose symbol index has no prototype, so `constructor` is a valid symbol and `toString` is
 * not one unless declared. avsc's constructor builds that index as a plain object, so this one builds the
 * type itself, with avsc's enum methods.
 */
export function prototypeSafeEnumType(schema: Bag, opts: unknown): avro.Type {
  const type = Object.create(avro.types.EnumType.prototype) as Bag & {
    _createBranchConstructor(): unknown;
  };
  (avro.Type as unknown as { call(self: object, schema: unknown, opts: unknown): void }).call(
    type,
    schema,
    opts,
  );
  const symbols = schema['symbols'];
  if (!Array.isArray(symbols) || symbols.length === 0) {
    throw new Error(`enum ${String(type['name'])}: "symbols" must be a non-empty array of names`);
  }
  const indices = Object.create(null) as Record<string, number>;
  symbols.forEach((symbol: unknown, i) => {
    if (typeof symbol !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(symbol)) {
      throw new Error(
        `enum ${String(type['name'])}: symbol ${JSON.stringify(symbol)} is not a valid name ([A-Za-z_][A-Za-z0-9_]*)`,
      );
    }
    if (indices[symbol] !== undefined) {
      throw new Error(`enum ${String(type['name'])}: symbol ${JSON.stringify(symbol)} appears twice`);
    }
    indices[symbol] = i;
  });
  const dflt = schema['default'];
  if (dflt !== undefined && (typeof dflt !== 'string' || indices[dflt] === undefined)) {
    throw new Error(
      `enum ${String(type['name'])}: default ${JSON.stringify(dflt)} is not one of its symbols`,
    );
  }
  type['symbols'] = Object.freeze([...(symbols as string[])]);
  type['_indices'] = indices;
  type['default'] = dflt;
  type['_branchConstructor'] = type._createBranchConstructor();
  return Object.freeze(type) as unknown as avro.Type;
}

/** The union's branch index, without a prototype (a record may be named `constructor`). */
function branchIndices(branches: readonly avro.Type[]): Record<string, number> {
  const indices = Object.create(null) as Record<string, number>;
  branches.forEach((branch, i) => {
    if (branch.typeName.endsWith('union')) throw new Error('unions cannot be directly nested');
    const name = branch.branchName as string;
    if (indices[name] !== undefined) throw new Error(`duplicate union branch name: ${JSON.stringify(name)}`);
    indices[name] = i;
  });
  return indices;
}

function newUnion(proto: object, branches: readonly avro.Type[]): Bag {
  const type = Object.create(proto) as Bag;
  (avro.Type as unknown as { call(self: object): void }).call(type);
  type['types'] = Object.freeze([...branches]);
  type['_branchIndices'] = branchIndices(branches);
  return type;
}

/**
 * A wrapped union (`{ "<branch>": value }`) over already-built branch types: `{ toString: … }` is not a
 * branch unless one is named so, and a record named `constructor` is one.
 */
export function prototypeSafeWrappedUnionType(branches: readonly avro.Type[]): avro.Type {
  return Object.freeze(newUnion(avro.types.WrappedUnionType.prototype, branches)) as unknown as avro.Type;
}

/** What an unwrapped union tells branches apart by (avsc's buckets: a value's `typeof`, Buffer, array). */
function bucketOfType(type: avro.Type): string {
  switch (type.typeName) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'bytes':
    case 'fixed':
      return 'buffer';
    case 'enum':
      return 'string';
    case 'map':
    case 'record':
    case 'error':
      return 'object';
    default:
      return type.typeName;
  }
}

/**
 * An unwrapped union (the bare value) over already-built branch types, built as avsc builds one but with
 * prototype-less indexes. Logical and abstract branches are told apart by trying each (avsc's rule).
 */
export function prototypeSafeUnwrappedUnionType(branches: readonly avro.Type[]): avro.Type {
  const type = newUnion(avro.types.UnwrappedUnionType.prototype, branches);
  const buckets = Object.create(null) as Record<string, number>;
  let dynamic: Array<{ index: number; type: avro.Type }> | null = null;
  branches.forEach((branch, index) => {
    if (branch.typeName.startsWith('abstract:') || branch.typeName.startsWith('logical:')) {
      (dynamic ??= []).push({ index, type: branch });
      return;
    }
    const bucket = bucketOfType(branch);
    if (buckets[bucket] !== undefined) {
      throw new Error(`ambiguous unwrapped union: ${JSON.stringify(branches.map((b) => b.branchName))}`);
    }
    buckets[bucket] = index;
  });
  type['_dynamicBranches'] = dynamic;
  type['_bucketIndices'] = buckets;
  return Object.freeze(type) as unknown as avro.Type;
}
