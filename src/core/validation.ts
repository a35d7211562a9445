// Turns schema failures into one clear message: the file, then each bad field's JSON path and problem.
import type { z } from "zod";
import type { ErrorCodeWithExit } from "./error-codes.js";
import { type EXIT, UsageError } from "./errors.js";

/** The codes a bad input file can be refused with. */
type InputCode = ErrorCodeWithExit<typeof EXIT.usage>;

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(top level)";
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, source: string, code: InputCode): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues.slice(0, 5).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  throw new UsageError(code, `${source}: ${shown.join("; ")}${more}`);
}

/** JSON.parse with an error that names the file, line and column. */
export function parseJsonText(text: string, source: string, code: InputCode): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      throw new UsageError(code, `${source}: not valid JSON at line ${line}, column ${column} (${message.replace(/ in JSON at position \d+.*$/, "")})`);
    }
    throw new UsageError(code, `${source}: not valid JSON (${message})`);
  }
}
