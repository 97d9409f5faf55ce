import * as path from 'node:path';
import { generateJsonSchema } from '../../../../codegen/jsonschema';
import { describeGoldens } from '../../../helpers/goldens';
import { GOLDEN_ROOT, loadShop, VARIANTS } from './schema-set';

// Goldens: `UPDATE_GOLDENS=1 npx jest test/unit/codegen/jsonschema --selectProjects unit` rewrites them.
for (const [variant, options] of Object.entries(VARIANTS))
  describeGoldens(
    `generateJsonSchema goldens (${variant} options)`,
    path.join(GOLDEN_ROOT, variant),
    (reversed) => {
      const sources = loadShop();
      return generateJsonSchema(reversed ? [...sources].reverse() : sources, options);
    },
  );
