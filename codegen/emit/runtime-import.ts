/**
 * The module generated code imports the runtime from: kgen's entry for generated code, versioned so that a
 * runtime changing the contract can keep serving code generated earlier (see src/codegenv1.ts).
 */
export const RUNTIME_MODULE = 'kgen/codegenv1';
