// Writes the JSON Schema of every file format rootsweep reads or writes (docs/*.schema.json) from the zod
// schemas the code validates with, so editors and pipelines can check files. Run
// `npx tsx scripts/gen-schemas.ts`; a test fails if a committed schema drifts from its source.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { auditReportSchema } from "../src/core/audit-schema.js";
import { frameworkFileSchema } from "../src/core/compliance/framework-file.js";
import { configSchema } from "../src/core/config.js";
import { planSchema } from "../src/core/plan-schema.js";
import { usageReportSchema } from "../src/core/usage-schema.js";
import { scenarioSchema } from "../src/sandbox/scenario/schema.js";

interface SchemaDocument {
  file: string;
  schema: z.ZodType;
  /** "input" for files people write (fields with defaults are optional); "output" for what rootsweep writes. */
  io: "input" | "output";
  title: string;
  description: string;
}

export const SCHEMA_DOCUMENTS: readonly SchemaDocument[] = [
  {
    file: "scenario.schema.json",
    schema: scenarioSchema,
    io: "input",
    title: "rootsweep sandbox scenario",
    description: "A simulated AWS Organization for `rootsweep sandbox --scenario FILE`. See docs/sandbox.md.",
  },
  {
    file: "usage.schema.json",
    schema: usageReportSchema,
    io: "output",
    title: "rootsweep usage report",
    description: "Evidence of root activity, as `rootsweep usage --format json` writes it. See docs/usage-report.md.",
  },
  {
    file: "audit.schema.json",
    schema: auditReportSchema,
    io: "output",
    title: "rootsweep audit report",
    description: "Root credentials and findings, as `rootsweep audit --format json` writes it. See docs/audit-report.md.",
  },
  {
    file: "plan.schema.json",
    schema: planSchema,
    io: "output",
    title: "rootsweep plan",
    description: "What `rootsweep apply` will delete, as `rootsweep plan` writes it. See docs/plan-file.md.",
  },
  {
    file: "config.schema.json",
    schema: configSchema,
    io: "input",
    title: "rootsweep config (rootsweep.config.json)",
    description: "Accounts plan and apply must never touch. See README.md.",
  },
  {
    file: "compliance-framework.schema.json",
    schema: frameworkFileSchema,
    io: "input",
    title: "rootsweep compliance framework (src/core/compliance/frameworks/*.json)",
    description: "Which controls of one framework version each rootsweep check covers. See docs/compliance.md.",
  },
];

export function schemaPath(document: SchemaDocument): string {
  return fileURLToPath(new URL(`../docs/${document.file}`, import.meta.url));
}

/** The JSON Schema text of one format, exactly as committed. */
export function jsonSchemaText(document: SchemaDocument): string {
  const schema = z.toJSONSchema(document.schema, { io: document.io, target: "draft-2020-12" });
  return `${JSON.stringify({ $schema: schema.$schema, title: document.title, description: document.description, ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const document of SCHEMA_DOCUMENTS) {
    writeFileSync(schemaPath(document), jsonSchemaText(document));
    process.stdout.write(`wrote ${schemaPath(document)}\n`);
  }
}
