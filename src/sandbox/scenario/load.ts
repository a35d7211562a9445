// Reads and validates scenario files; every error names the JSON path of the bad field.
import { readFile } from "node:fs/promises";
import { ScenarioError } from "./errors.js";
import { scenarioSchema, type Scenario } from "./schema.js";

export { ScenarioError };


function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(top level)";
}

export function parseScenario(value: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 10 ? `\n  ...and ${result.error.issues.length - 10} more` : "";
  throw new ScenarioError(`${source} is not a valid scenario:\n${problems.join("\n")}${more}`);
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

