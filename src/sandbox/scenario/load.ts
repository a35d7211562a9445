// Reads and validates scenario files; every error names the JSON path of the bad field.
import { readFile } from "node:fs/promises";
import { ScenarioError } from "./errors.js";
import type { z } from "zod";
import { scenarioSchema, type Scenario } from "./schema.js";

export { ScenarioError };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(top level)";
}

/** zod reports an unknown field at its parent object; name the field itself, which is what the user must fix. */
function problemsOf(issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`)
      : [`${formatPath(issue.path)}: ${issue.message}`],
  );
}

export function parseScenario(value: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = problemsOf(result.error.issues);
  // One line, as every input error: the problems separated by semicolons, the first ten of them.
  const more = problems.length > 10 ? `; and ${problems.length - 10} more` : "";
  throw new ScenarioError(`${source} is not a valid scenario: ${problems.slice(0, 10).join("; ")}${more}`);
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ScenarioError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(value, path);
}
