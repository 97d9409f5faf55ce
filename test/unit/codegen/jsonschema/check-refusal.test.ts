import { spawnKgen } from '../governance/spawn-kgen';
import { TempProject } from '../cli/project';

// Until kgen has JSON Schema compatibility rules, `kgen check` over .json files says so (exit 2) instead of
// failing inside another format's parser.
describe('kgen check with JSON Schema files (no rules yet)', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('exits 2 naming the file and saying there are no JSON Schema rules', () => {
    const schema = JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } });
    project.write({ 'new/order.json': schema, 'old/order.json': schema });
    const r = spawnKgen(project.dir, ['check', '--schemas', 'new', '--against', 'old']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /new\/order\.json: kgen has no compatibility rules for JSON Schema yet \[UNSUPPORTED_SCHEMA_TYPE\]/,
    );
  });
});
