import type * as OtelApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, as kgen uses it. */
export type Otel = typeof OtelApi;

// undefined: not looked for yet; null: not installed (an optional peer dependency).
let loaded: Otel | null | undefined;

/**
 * `@opentelemetry/api` if the application installed it, else undefined. Loaded on first use, never at import:
 * kgen runs without it, and a process that has it shares its one global tracer and meter providers.
 */
export function otelApi(): Otel | undefined {
  if (loaded === undefined) {
    try {
      // A plain require: the peer is optional, so it must not be a static import of the runtime.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('@opentelemetry/api') as Otel;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** Tests only: pretend the API is (not) installed. */
export function setOtelApiForTests(api: Otel | null | undefined): void {
  loaded = api;
}
