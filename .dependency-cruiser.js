// Layer rules for src/ (docs/architecture.md names the layers). `npm run lint` runs them through depcruise, and
// test/architecture/layers.test.ts runs the same file through the dependency-cruiser API against the real tree and
// against one deliberate violation per rule (test/fixtures/layers/), so a rule that stops matching fails a test.
// Paths are relative to the cruise's base directory, so the fixture tree reuses these patterns unchanged.

/** The AWS SDK and its runtime: only the aws layer calls AWS, and the sandbox (a fake AWS) may use the runtime's types. */
const AWS_SDK = "(^|/)node_modules/(@aws-sdk|@smithy)/";

// The two runners that start the sandbox. Their commands load them with `await import()` so that no other command,
// and no library user, ever loads the sandbox's code; the `sandbox-runners-lazy` rule keeps it that way.
const SANDBOX_RUNNERS = "^src/cli/run/(sandbox|demo)\\.ts$";

// No other file is exempt from a rule: code in the wrong layer moves (issue 16 moved the last ones).
// test/architecture/layers.test.ts fails on any `pathNot` beyond the sandbox's own and these runners.

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle between src/ files (type-only and dynamic imports count): split the shared part out.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "aws-sdk-only-in-aws",
      severity: "error",
      comment: "@aws-sdk/* and @smithy/* are imported only under src/aws (and the sandbox); other layers call src/aws or src/engine.",
      from: { path: "^src/", pathNot: "^src/(aws|sandbox)/" },
      to: { path: AWS_SDK },
    },
    {
      name: "cli-not-aws",
      severity: "error",
      comment: "src/cli parses and renders: it reaches AWS through src/engine, never src/aws directly.",
      from: { path: "^src/cli/" },
      to: { path: "^src/aws/" },
    },
    {
      name: "library-through-engine",
      severity: "error",
      comment: "src/library (the package's API) checks options and calls src/engine: it never calls src/aws, prints (cli, report) or loads the sandbox.",
      from: { path: "^src/library/" },
      to: { path: "^src/(aws|cli|report|sandbox)/" },
    },
    {
      name: "report-not-engine-or-aws",
      severity: "error",
      comment: "src/report renders data it is given: it does not run engine work or call AWS.",
      from: { path: "^src/report/" },
      to: { path: "^src/(engine|aws)/" },
    },
    {
      name: "core-is-pure",
      severity: "error",
      comment: "src/core is pure: no other rootsweep layer above it.",
      from: { path: "^src/core/" },
      to: { path: "^src/(aws|engine|cli|report|sandbox)/" },
    },
    {
      name: "core-no-io",
      severity: "error",
      comment: "src/core does no I/O: no file system, network or process modules.",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"], path: "^(node:)?(fs|net|http|https|child_process)(/|$)" },
    },
    {
      name: "sandbox-stays-out",
      severity: "error",
      comment: "Product code never imports the sandbox; only the `sandbox` and `demo` runners start it.",
      from: { path: "^src/", pathNot: ["^src/sandbox/", SANDBOX_RUNNERS] },
      to: { path: "^src/sandbox/" },
    },
    {
      name: "sandbox-runners-lazy",
      severity: "error",
      comment: "The `sandbox` and `demo` runners (which import the sandbox) are loaded only by `await import()` (a type-only import loads nothing).",
      from: { path: "^src/" },
      to: { path: SANDBOX_RUNNERS, dependencyTypesNot: ["dynamic-import", "type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // Type-only imports count: they make circles and layer breaches as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
