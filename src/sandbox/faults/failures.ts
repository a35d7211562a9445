// Scripted failures: "the next N calls of this operation (in this account) fail with this AWS error". Unlike
// the random fault rate these are not retried away by the SDK when the error is not transient, so a test
// can stop a tool at an exact step and see what it leaves behind.
import { AwsError } from "../errors.js";

export interface ScriptedFailure {
  operation: string;
  /** Only calls made in this account (the caller's or the root session's); absent: any account. */
  accountId?: string;
  code: string;
  status: number;
  message?: string;
  /** How many matching calls pass before the failures start (to fail the second of two deletions); default 0. */
  after?: number;
  /** How many matching calls fail; absent: every one, until the list is replaced. */
  times?: number;
}

export class ScriptedFailures {
  private given: ScriptedFailure[] = [];
  /** The rules with their `after` and `times` counted down as calls match. */
  private list: ScriptedFailure[] = [];

  get rules(): readonly ScriptedFailure[] {
    return this.given;
  }

  /** Replaces the whole list (an empty list turns scripted failures off). */
  set(rules: ScriptedFailure[]): void {
    this.given = rules.map((r) => ({ ...r }));
    this.reset();
  }

  /** The rules as given, their counts restarted (POST /_sandbox/reset). */
  reset(): void {
    this.list = this.given.map((r) => ({ ...r }));
  }

  /** The error for this call, if a rule matches; a rule with `times` is used up call by call. */
  take(operation: string, accountId: string): AwsError | undefined {
    const rule = this.list.find(
      (r) => r.operation === operation && (r.accountId === undefined || r.accountId === accountId) && (r.times === undefined || r.times > 0),
    );
    if (!rule) return undefined;
    if (rule.after) {
      rule.after--;
      return undefined;
    }
    if (rule.times !== undefined) rule.times--;
    return new AwsError(rule.code, rule.message ?? `Scripted failure of ${operation} (sandbox)`, rule.status);
  }
}

/** Checks a JSON value from POST /_sandbox/faults; returns the rules or what is wrong with them. */
export function parseScriptedFailures(value: unknown): ScriptedFailure[] | string {
  if (!Array.isArray(value)) return "failures must be an array";
  const rules: ScriptedFailure[] = [];
  for (const [i, raw] of value.entries()) {
    const r = raw as Record<string, unknown> | null;
    if (!r || typeof r !== "object") return `failures[${i}] must be an object`;
    if (typeof r.operation !== "string" || !r.operation) return `failures[${i}].operation must be an operation name`;
    if (r.accountId !== undefined && (typeof r.accountId !== "string" || !/^\d{12}$/.test(r.accountId)))
      return `failures[${i}].accountId must be a 12-digit account id`;
    if (typeof r.code !== "string" || !r.code) return `failures[${i}].code must be an error code`;
    if (typeof r.status !== "number" || !Number.isInteger(r.status) || r.status < 400 || r.status > 599)
      return `failures[${i}].status must be an HTTP status 400-599`;
    if (r.message !== undefined && typeof r.message !== "string") return `failures[${i}].message must be a string`;
    if (r.after !== undefined && (typeof r.after !== "number" || !Number.isInteger(r.after) || r.after < 0))
      return `failures[${i}].after must be a whole number >= 0`;
    if (r.times !== undefined && (typeof r.times !== "number" || !Number.isInteger(r.times) || r.times < 1))
      return `failures[${i}].times must be a whole number >= 1`;
    rules.push({
      operation: r.operation,
      code: r.code,
      status: r.status,
      ...(r.accountId !== undefined ? { accountId: r.accountId } : {}),
      ...(r.message !== undefined ? { message: r.message } : {}),
      ...(r.after !== undefined ? { after: r.after } : {}),
      ...(r.times !== undefined ? { times: r.times } : {}),
    });
  }
  return rules;
}
