import { Enum, Type, type Namespace } from 'protobufjs';
import { isBundledTextFile } from '../../src/serde/protobuf/bundled-files';
import { declarationsOf } from './naming';
import type { ResolvedProtobufGenerateOptions } from './options';
import { wellKnownType } from './type-expr';

/**
 * Bundled well-known files read from text (descriptor.proto, type.proto, ...) whose messages or enums the
 * fields of `declarations` use as types, plus the bundled files those in turn use: each needs a generated
 * module. Extension fields (`extend google.protobuf.FieldOptions`) are not part of any emitted type.
 */
export function bundledModulesNeeded(
  root: Namespace,
  declarations: ReadonlyArray<Type | Enum>,
  options: ResolvedProtobufGenerateOptions,
): Set<string> {
  const needed = new Set<string>();
  const visit = (decls: ReadonlyArray<Type | Enum>): void => {
    for (const decl of decls) {
      if (!(decl instanceof Type)) continue;
      for (const field of decl.fieldsArray) {
        if (field.declaringField) continue;
        const t = field.resolvedType;
        if (!(t instanceof Type || t instanceof Enum) || !isBundledTextFile(t.filename ?? '')) continue;
        if (t instanceof Type && wellKnownType(t, 'output', options) !== undefined) continue;
        const file = t.filename ?? '';
        if (needed.has(file)) continue;
        needed.add(file);
        visit(declarationsOf(root, file));
      }
    }
  };
  visit(declarations);
  return needed;
}
