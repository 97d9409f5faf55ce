import { Compatibility } from '@confluentinc/schemaregistry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { officialRegistryClient } from '../../helpers/official-registry';

// Smoke test: the registry enforces compatibility through the Confluent API.
describe('stack smoke: registry compatibility', () => {
  const { registryUrl } = stackEnv();

  it('rejects a second version that is not BACKWARD compatible and accepts one that is', async () => {
    const subject = `${uniqueName('smoke-compat')}-value`;
    const registry = officialRegistryClient(registryUrl);
    const v1 = { type: 'record', name: 'User', fields: [{ name: 'id', type: 'string' }] };
    await registry.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) });
    await registry.updateCompatibility(subject, Compatibility.BACKWARD);

    // A new required field without a default cannot read data written with v1.
    const breaking = { ...v1, fields: [...v1.fields, { name: 'email', type: 'string' }] };
    const compatible = { ...v1, fields: [...v1.fields, { name: 'email', type: 'string', default: '' }] };

    expect(
      await registry.testCompatibility(subject, 1, { schemaType: 'AVRO', schema: JSON.stringify(breaking) }),
    ).toBe(false);
    await expect(
      registry.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(breaking) }),
    ).rejects.toThrow(/409|incompatible/i);
    expect(
      await registry.testCompatibility(subject, 1, {
        schemaType: 'AVRO',
        schema: JSON.stringify(compatible),
      }),
    ).toBe(true);
    expect(
      await registry.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(compatible) }),
    ).toBeGreaterThan(0);
    expect(await registry.getAllVersions(subject)).toEqual([1, 2]);
  });
});
