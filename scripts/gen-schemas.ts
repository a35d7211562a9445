// Writes docs/scenario.schema.json from the zod scenario schema, so editors can validate and complete
// scenario files. Run `npx tsx scripts/gen-schemas.ts`; a test fails if the committed file drifts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scenarioSchema } from "../src/sandbox/scenario/schema.js";
import { usageReportSchema } from "../src/core/usage-schema.js";

export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL("../docs/scenario.schema.json", import.meta.url));

/** The JSON Schema text of the scenario file format, exactly as committed. */
export function scenarioJsonSchema(): string {
  // "input": what a file may contain, so fields with defaults are optional.
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" });
  const document = {
    $schema: schema.$schema,
    title: "rootsweep sandbox scenario",
    description: "A simulated AWS Organization for `rootsweep sandbox --scenario FILE`. See docs/sandbox.md.",
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export const USAGE_SCHEMA_PATH = fileURLToPath(new URL("../docs/usage.schema.json", import.meta.url));

/** The JSON Schema text of `rootsweep usage --format json`, exactly as committed. */
export function usageJsonSchema(): string {
  // "output": what rootsweep writes, every field present.
  const schema = z.toJSONSchema(usageReportSchema, { io: "output", target: "draft-2020-12" });
  const document = {
    $schema: schema.$schema,
    title: "rootsweep usage report",
    description: "Evidence of root activity, as `rootsweep usage --format json` writes it. See docs/usage-report.md.",
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchema());
  process.stdout.write(`wrote ${SCENARIO_SCHEMA_PATH}\n`);
  writeFileSync(USAGE_SCHEMA_PATH, usageJsonSchema());
  process.stdout.write(`wrote ${USAGE_SCHEMA_PATH}\n`);
}
