import * as path from 'node:path';
import { generateProtobuf, type ProtobufGenerateOptions } from '../../../../codegen/protobuf';
import { describeGoldens } from '../../../helpers/goldens';
import { asRegistrySubjects, readProtoTree } from './proto-sources';

// Goldens live under test/golden/protobuf/__golden__/<case>/ and are compiled by `npm run typecheck`.
const GOLDEN = path.resolve(__dirname, '../../../golden/protobuf/__golden__');

const cases: ReadonlyArray<{ name: string; registry: boolean; options: ProtobufGenerateOptions }> = [
  { name: 'default', registry: true, options: {} },
  {
    name: 'alternative',
    registry: false,
    options: {
      int64: 'string',
      enums: 'number',
      timestamp: 'date',
      duration: 'milliseconds',
      wrappers: 'message',
    },
  },
];

for (const { name, registry, options } of cases)
  describeGoldens(`Protobuf goldens: ${name}`, path.join(GOLDEN, name), (reversed) => {
    const sources = registry ? asRegistrySubjects(readProtoTree()) : readProtoTree();
    return generateProtobuf(reversed ? [...sources].reverse() : sources, options);
  });
