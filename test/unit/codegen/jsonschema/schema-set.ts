import * as path from 'node:path';
import { readLocalSchemas } from '../../../../codegen/generate/read-sources';
import type { ResolvedJsonGenerateOptions } from '../../../../codegen/jsonschema';
import type { SourceSchema } from '../../../../codegen/model';

/**
 * The JSON Schema golden set (written for kgen, modelled on a shop's order, address, money, category tree
 * and audit event): nested objects, `$ref` across files (draft 7 ↔ 2020-12), `oneOf` with `const`
 * discriminators, `anyOf`, `allOf` + `patternProperties`, enums, defaults, open/closed/typed objects,
 * tuples (`prefixItems` and draft-7 `items` arrays), recursion (`$ref: "#"`), nullable type arrays.
 */
export const SHOP_DIR = path.resolve(__dirname, '../../../fixtures/jsonschema/shop');
export const GOLDEN_ROOT = path.resolve(__dirname, '../../../golden/jsonschema/__golden__');

export function loadShop(): SourceSchema[] {
  return readLocalSchemas(SHOP_DIR);
}

export const VARIANTS: Record<string, ResolvedJsonGenerateOptions> = {
  default: { dateTime: 'string', validateOnConsume: true },
  dates: { dateTime: 'date', validateOnConsume: true },
  unchecked: { dateTime: 'string', validateOnConsume: false },
};
