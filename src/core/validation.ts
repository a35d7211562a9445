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

/** Issues named in a refusal; the rest are counted. */
const SHOWN_ISSUES = 5;

function refuse(issues: readonly z.core.$ZodIssue[], total: number, source: string, code: InputCode): UsageError {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const more = total > SHOWN_ISSUES ? `; and ${total - SHOWN_ISSUES} more` : "";
  return new UsageError(code, `${source}: ${shown.join("; ")}${more}`);
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, source: string, code: InputCode): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw refuse(result.error.issues, result.error.issues.length, source, code);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * parseWith for a document with one large array (an audit's or a plan's accounts), without a second copy of
 * it: everything else is validated as a whole, then the array one element at a time, each element replaced
 * in `value` by its validated copy as soon as it passes. So a parsed file and one element's copy are all that
 * exist at once, where parsing the whole would hold the parsed file and all of its validated copy. `value`
 * is taken over (its array is changed): give it only a value nobody else holds (one just parsed from a file).
 */
export function parseWithInPlace<T>(schema: z.ZodObject, field: string, value: unknown, source: string, code: InputCode): T {
  const items = isPlainObject(value) ? value[field] : undefined;
  if (!isPlainObject(value) || !Array.isArray(items)) return parseWith(schema as unknown as z.ZodType<T>, value, source, code);
  const check = new ArrayFieldCheck<T>(schema, field);
  for (let index = 0; index < items.length; index++) items[index] = check.next(items[index]);
  const { [field]: _items, ...rest } = value;
  void _items;
  return check.finish(rest, items, source, code);
}

/**
 * parseWith over a document whose one large array is handed over an element at a time (as a file is read,
 * or in place): `next` for each element in order, then `finish` with everything else. The refusal is the one
 * parseWith over the whole gives, word for word: the same issues in the same order (the fields before the
 * array, its elements, the fields after it and the object's own issues), the first five named. The object
 * schema and the array may have no checks of their own (refine, min...): only their fields' and elements'
 * schemas are run.
 */
export class ArrayFieldCheck<T> {
  private readonly element: z.ZodType;
  private readonly issues: z.core.$ZodIssue[] = [];
  private issueCount = 0;
  private index = 0;

  constructor(
    private readonly schema: z.ZodObject,
    private readonly field: string,
  ) {
    this.element = (schema.shape[field] as z.ZodArray<z.ZodType>).element;
  }

  /** The next element's validated copy; a bad element's issues are kept (the first five) for `finish`. */
  next(item: unknown): unknown {
    const index = this.index++;
    const parsed = this.element.safeParse(item);
    if (parsed.success) return parsed.data;
    this.issueCount += parsed.error.issues.length;
    for (const issue of parsed.error.issues) {
      if (this.issues.length < SHOWN_ISSUES) this.issues.push({ ...issue, path: [this.field, index, ...issue.path] });
    }
    return item;
  }

  /** True while every element so far was valid: `next`'s copies can be trusted (finish will not refuse them). */
  get valid(): boolean {
    return this.issueCount === 0;
  }

  /** `rest` (the document without the array) validated, and the whole with `items` in the array's place; or the refusal. */
  finish(rest: Record<string, unknown>, items: unknown[], source: string, code: InputCode): T {
    const keys = Object.keys(this.schema.shape);
    const before = new Set(keys.slice(0, keys.indexOf(this.field)));
    const head = this.schema.omit({ [this.field]: true } as never).safeParse(rest);
    if (!head.success || this.issueCount > 0) {
      const headIssues = head.success ? [] : head.error.issues;
      const first = headIssues.filter((issue) => before.has(String(issue.path[0])));
      const last = headIssues.filter((issue) => !before.has(String(issue.path[0])));
      throw refuse([...first, ...this.issues, ...last], headIssues.length + this.issueCount, source, code);
    }
    // The validated object with its keys in the schema's order, as parsing the whole would give it.
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === this.field) out[key] = items;
      else if (key in head.data) out[key] = (head.data as Record<string, unknown>)[key];
    }
    return out as T;
  }
}

/** JSON.parse with an error that names the file, line and column. */
export function parseJsonText(text: string, source: string, code: InputCode): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw jsonSyntaxError(text, error, source, code);
  }
}

/** The refusal for `text` that JSON.parse rejected with `error`: the file, line and column. */
export function jsonSyntaxError(text: string, error: unknown, source: string, code: InputCode): UsageError {
  const message = (error as Error).message;
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return new UsageError(code, `${source}: not valid JSON at line ${line}, column ${column} (${message.replace(/ in JSON at position \d+.*$/, "")})`);
  }
  return new UsageError(code, `${source}: not valid JSON (${message})`);
}
