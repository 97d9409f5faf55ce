/**
 * Type-level tests of `defineConfig` (compiled by `npm run typecheck`; no runner): the README promises that it
 * types a `.ts`/`.mjs` config, so the mistakes the loader rejects at run time are compile errors here.
 */
import { defineConfig } from 'kgen/codegen';

export const complete = defineConfig({
  registry: {
    url: 'http://localhost:8081',
    auth: { type: 'basic', usernameEnv: 'SR_USER', passwordEnv: 'SR_PASS' },
    timeoutMs: 5000,
  },
  subjects: ['plain', { subject: 'pinned', version: 3 }, { pattern: '^acme\\.' }],
  topics: {
    orders: { key: 'bytes', value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' } },
    events: { value: { strategy: 'RecordNameStrategy', records: ['com.acme.A', 'com.acme.B'] } },
    custom: { value: { subject: 'custom-value', version: 'latest' } },
  },
  schemas: 'schemas',
  output: 'src/generated',
});

// @ts-expect-error -- a misspelt key (the loader says: unknown key "ouput" (did you mean "output"?))
export const typo = defineConfig({ ouput: 'gen' });

export const halfAuth = defineConfig({
  registry: {
    url: 'http://x',
    // @ts-expect-error -- basic auth needs the names of both environment variables
    auth: { type: 'basic', usernameEnv: 'U' },
  },
});

// @ts-expect-error -- the registry needs its url
export const noUrl = defineConfig({ registry: {} });

// @ts-expect-error -- a version is a number or 'latest'
export const badPin = defineConfig({ subjects: [{ subject: 's', version: 'newest' }] });

// @ts-expect-error -- the record strategies name their records
export const noRecords = defineConfig({ topics: { t: { value: { strategy: 'RecordNameStrategy' } } } });
