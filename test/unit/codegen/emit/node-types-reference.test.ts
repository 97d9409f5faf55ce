import { generatedHeader } from '../../../../codegen/emit/header';
import { NODE_TYPES_REFERENCE, withNodeTypesReference } from '../../../../codegen/emit/node-types-reference';

const header = generatedHeader({ sources: ['a.avsc'], options: { bytes: 'Buffer' } });

describe('withNodeTypesReference', () => {
  it('a module whose body uses Buffer references Node types right after the header', () => {
    const out = withNodeTypesReference({
      path: 'a.ts',
      content: `${header}import { avroSchema } from 'kgen';\nexport interface A { b: Buffer }\n`,
    }).content;
    expect(out).toBe(
      `${header}${NODE_TYPES_REFERENCE}\nimport { avroSchema } from 'kgen';\nexport interface A { b: Buffer }\n`,
    );
  });

  it('a module without Buffer (the header mentioning it does not count) is left alone', () => {
    const file = { path: 'a.ts', content: `${header}export interface A { b: string }\n` };
    expect(withNodeTypesReference(file)).toEqual(file);
  });
});
