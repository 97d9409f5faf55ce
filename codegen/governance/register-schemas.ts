import type { CompatRegistry } from './registry-api';
import { schemaInfoFor } from './run-check';
import { dependencyOrder, type LocalSchema } from './schema-set';
import type { RegistryReference } from '../registry/registry-reference';

/** What `kgen register` did (or, with `--dry-run`, would do) for one schema. */
export interface RegisterStep {
  readonly file: string;
  readonly subject: string;
  readonly action: 'unchanged' | 'registered' | 'would-register';
  readonly version?: number;
  readonly id?: number;
  /** References as sent: `name → subject@version` (`version` undefined when the reference is not registered yet). */
  readonly references: ReadonlyArray<Omit<RegistryReference, 'version'> & { readonly version?: number }>;
}

/**
 * Registers local schemas, referenced subjects first. Each schema is looked up before registering, so an
 * unchanged schema creates no version; the compatibility level is never touched (the registry enforces its
 * own). With `dryRun` nothing is written: the plan says which schemas would be registered.
 */
export async function registerSchemas(
  registry: CompatRegistry,
  set: readonly LocalSchema[],
  options: { readonly dryRun?: boolean; readonly onStep?: (step: RegisterStep) => void } = {},
): Promise<RegisterStep[]> {
  const versions = new Map<string, number | undefined>();
  const steps: RegisterStep[] = [];
  for (const s of dependencyOrder(set)) {
    const pending = s.deps.some(([, file]) => versions.has(file) && versions.get(file) === undefined);
    const references = s.deps
      .map(([name, file]) => {
        const dep = set.find((d) => d.file === file);
        const version = versions.get(file);
        return dep
          ? { name, subject: dep.subject, ...(version !== undefined ? { version } : {}) }
          : undefined;
      })
      .filter((r) => r !== undefined);
    let step: RegisterStep;
    if (pending) {
      // A reference is itself only planned: this schema cannot be looked up yet and would be new.
      step = { file: s.file, subject: s.subject, action: 'would-register', references };
    } else {
      const info = await schemaInfoFor(registry, s, set, async (dep) => versions.get(dep.file));
      const found = await registry.lookup(s.subject, info);
      if (found) {
        step = { file: s.file, subject: s.subject, action: 'unchanged', ...found, references };
      } else if (options.dryRun) {
        step = { file: s.file, subject: s.subject, action: 'would-register', references };
      } else {
        const id = await registry.register(s.subject, info);
        const registered = await registry.lookup(s.subject, info);
        step = {
          file: s.file,
          subject: s.subject,
          action: 'registered',
          id,
          ...(registered ? { version: registered.version } : {}),
          references,
        };
      }
    }
    versions.set(s.file, step.version);
    steps.push(step);
    options.onStep?.(step);
  }
  return steps;
}
