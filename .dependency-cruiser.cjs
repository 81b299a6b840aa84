/**
 * Import rules of the packages' sources, checked by test/architecture/import-cycles.test.ts
 * (`npx depcruise packages --config .dependency-cruiser.cjs` shows them by hand). Type-only
 * imports count: a cycle through types still ties the files' meaning together.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Each folder of core is one stage of the flow; a cycle means two stages depend on each other.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-flows-forward",
      severity: "error",
      comment: "Rules, sources and problems know nothing of plans, backends or renderings.",
      from: { path: "^packages/core/src/(problems|rules|source)/" },
      to: { path: "^packages/core/src/(plan|backends|render|pipeline|connectors|spec)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts|\\.test-d\\.ts|\\.generated\\.ts|/dist/)$|/dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.tests.json" },
  },
};
