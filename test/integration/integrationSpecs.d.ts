// The module esbuild.mjs generates when it bundles the integration suite.
declare module 'paper-atlas:integration-specs' {
  /** One loader per test/integration/*.test.ts, keyed by file name, in name order. */
  export const specFiles: Readonly<Record<string, () => Promise<unknown>>>;
}
