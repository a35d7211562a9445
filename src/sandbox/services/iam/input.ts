// Server-side checks of IAM request members, as IAM answers them: every broken constraint of a request is
// collected into one ValidationError ("N validation errors detected: ..."), since the SDK checks nothing.
import { validationError } from "../../errors.js";
import type { QueryParams } from "../../protocols/query.js";

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  /** The model's pattern, as IAM quotes it in its message; it must match the whole value. */
  pattern?: string;
  values?: readonly string[];
}

/** The constraints of the IAM model (botocore iam/2010-05-08) for the members these operations take. */
export const RULES = {
  userName: { min: 1, max: 64, pattern: "[\\w+=,.@-]+" },
  userNameLong: { min: 1, max: 128, pattern: "[\\w+=,.@-]+" },
  accessKeyId: { required: true, min: 16, max: 128, pattern: "[\\w]+" },
  certificateId: { required: true, min: 24, max: 128, pattern: "[\\w]+" },
  serialNumber: { required: true, min: 9, max: 256, pattern: "[\\w+=/:,.@-]+" },
  password: { min: 1, max: 128, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" },
  marker: { min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+" },
  assignmentStatus: { values: ["Assigned", "Unassigned", "Any"] },
} satisfies Record<string, StringRule>;

const patterns = new Map<string, RegExp>();
function wholeMatch(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(`^(?:${pattern})$`, "u")));
  return regex;
}

/** `AccessKeyId` -> `accessKeyId`: IAM names members in lower camel case in its messages. */
const memberName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export class Input {
  private readonly problems: string[] = [];

  constructor(private readonly params: QueryParams) {}

  string(name: string, rule: StringRule): string | undefined {
    const value = this.params.get(name);
    const member = memberName(name);
    if (value === undefined) {
      if (rule.required) this.problems.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    const fail = (constraint: string) => this.problems.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must ${constraint}`);
    const length = [...value].length;
    if (rule.values && !rule.values.includes(value)) fail(`satisfy enum value set: [${rule.values.join(", ")}]`);
    if (rule.min !== undefined && length < rule.min) fail(`have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && length > rule.max) fail(`have length less than or equal to ${rule.max}`);
    if (rule.pattern !== undefined && length > 0 && !wholeMatch(rule.pattern).test(value)) fail(`satisfy regular expression pattern: ${rule.pattern}`);
    return value;
  }

  int(name: string, min: number, max: number): number | undefined {
    const text = this.params.get(name);
    if (text === undefined) return undefined;
    const member = memberName(name);
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
      this.problems.push(`Value '${text}' at '${member}' failed to satisfy constraint: Member must be an integer`);
      return undefined;
    }
    if (value < min) this.problems.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    if (value > max) this.problems.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return value;
  }

  bool(name: string): boolean | undefined {
    const text = this.params.get(name);
    if (text === undefined) return undefined;
    if (text !== "true" && text !== "false") {
      this.problems.push(`Value '${text}' at '${memberName(name)}' failed to satisfy constraint: Member must be a boolean`);
      return undefined;
    }
    return text === "true";
  }

  /** Throws the collected ValidationError, if any. Call after reading every member. */
  check(): void {
    const n = this.problems.length;
    if (n > 0) throw validationError(`${n} validation error${n > 1 ? "s" : ""} detected: ${this.problems.join("; ")}`);
  }
}

/** The paging members every IAM List* operation takes. */
export function pagingInput(input: Input): { marker: string | undefined; maxItems: number | undefined } {
  return { marker: input.string("Marker", RULES.marker), maxItems: input.int("MaxItems", 1, 1000) };
}
