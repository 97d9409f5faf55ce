import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceSchema } from '../../../../codegen/model';
import type { AvroGenerateOptions } from '../../../../codegen/avro/options';
import { DEFAULT_AVRO_OPTIONS } from '../../../../codegen/avro/options';

/** The Avro test schemas (schemas/avro), with registry coordinates for the files under subjects/. */
export const SCHEMA_ROOT = path.resolve(__dirname, '../../../../schemas/avro');
export const GOLDEN_ROOT = path.resolve(__dirname, '../../../golden/avro/__golden__');

const SUBJECTS: Record<string, Pick<SourceSchema, 'subject' | 'version' | 'id' | 'references'>> = {
  'subjects/address-value.avsc': { subject: 'address-value', version: 1, id: 11, references: [] },
  'subjects/phone-value.avsc': { subject: 'phone-value', version: 2, id: 12, references: [] },
  'subjects/customer-value.avsc': {
    subject: 'customer-value',
    version: 1,
    id: 13,
    references: [
      { name: 'com.acme.crm.PostalAddress', subject: 'address-value', version: 1 },
      { name: 'com.acme.crm.Phone', subject: 'phone-value', version: 2 },
    ],
  },
};

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(avsc|avdl)$/.test(f))
    .sort();
}

/** Every test schema as a generator source; `wrapped-only/` is left out for `unions: 'plain'`. */
export function loadSchemaSet(options: { unions: 'wrapped' | 'plain' }): SourceSchema[] {
  return listFiles(SCHEMA_ROOT)
    .map((file) => path.relative(SCHEMA_ROOT, file).split(path.sep).join('/'))
    .filter((p) => options.unions === 'wrapped' || !p.startsWith('wrapped-only/'))
    .map((p) => ({
      format: 'AVRO' as const,
      path: p,
      text: fs.readFileSync(path.join(SCHEMA_ROOT, p), 'utf8'),
      references: [],
      ...SUBJECTS[p],
    }));
}

/** The option sets the goldens are generated with: the defaults, and every alternative representation. */
export const VARIANTS: Record<string, AvroGenerateOptions> = {
  default: DEFAULT_AVRO_OPTIONS,
  alternative: {
    long: 'bigint',
    unions: 'plain',
    timestamps: 'number',
    date: 'string',
    decimal: 'bytes',
    inputSuffix: 'In',
  },
};
