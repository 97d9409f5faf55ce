import * as path from 'node:path';
import { generateAvro } from '../../../../codegen/avro/generate-avro';
import { describeGoldens } from '../../../helpers/goldens';
import { GOLDEN_ROOT, loadSchemaSet, VARIANTS } from './schema-set';

// Goldens: `UPDATE_GOLDENS=1 npx jest test/unit/codegen/avro --selectProjects unit` rewrites them.
for (const [variant, options] of Object.entries(VARIANTS))
  describeGoldens(
    `generateAvro goldens (${variant} options)`,
    path.join(GOLDEN_ROOT, variant),
    (reversed) => {
      const sources = loadSchemaSet(options);
      return generateAvro(reversed ? [...sources].reverse() : sources, options);
    },
  );
