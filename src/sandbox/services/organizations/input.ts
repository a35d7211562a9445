// Server-side validation of Organizations requests: the SDKs send whatever they are given, and real
// Organizations answers InvalidInputException with a Reason (the model's InvalidInputExceptionReason).
import { AwsError } from "../../errors.js";
import { invalidInput } from "./errors.js";

export const PATTERN = {
  accountId: /^\d{12}$/,
  ouId: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
  parentId: /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  childId: /^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  targetId: /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  policyId: /^p-[0-9a-zA-Z_]{8,128}$/,
  servicePrincipal: /^[\w+=,.@-]*$/,
};

export const POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "SECURITYHUB_POLICY",
  "INSPECTOR_POLICY",
  "UPGRADE_ROLLOUT_POLICY",
  "BEDROCK_POLICY",
  "S3_POLICY",
  "NETWORK_SECURITY_DIRECTOR_POLICY",
] as const;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Reason sent when the pattern does not match (INVALID_PATTERN unless a more precise one exists). */
  patternReason?: string;
}

const MESSAGES = {
  required: "You must specify a value for all required parameters.",
  pattern: "You provided a value that does not match the required pattern.",
  minLength: "You provided a string parameter that is shorter than allowed.",
  maxLength: "You provided a string parameter that is longer than allowed.",
  minValue: "You provided a numeric parameter that has a smaller value than allowed.",
  maxValue: "You provided a numeric parameter that has a larger value than allowed.",
  enum: "You specified an invalid value.",
};

export class Input {
  private readonly raw: Record<string, unknown>;

  constructor(raw: unknown) {
    this.raw = (raw ?? {}) as Record<string, unknown>;
  }

  private present(name: string): unknown {
    const value = this.raw[name];
    return value === null ? undefined : value;
  }

  optionalString(name: string, rule: StringRule = {}): string | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw serialization(name, "a string");
    if (rule.min !== undefined && value.length < rule.min) throw invalidInput("MIN_LENGTH_EXCEEDED", `${MESSAGES.minLength} (${name})`);
    if (rule.max !== undefined && value.length > rule.max) throw invalidInput("MAX_LENGTH_EXCEEDED", `${MESSAGES.maxLength} (${name})`);
    if (rule.pattern && !rule.pattern.test(value)) {
      throw invalidInput(rule.patternReason ?? "INVALID_PATTERN", `${MESSAGES.pattern} (${name})`);
    }
    return value;
  }

  string(name: string, rule: StringRule = {}): string {
    const value = this.optionalString(name, rule);
    if (value === undefined) throw invalidInput("INPUT_REQUIRED", `${MESSAGES.required} (${name})`);
    return value;
  }

  optionalEnum<T extends string>(name: string, values: readonly T[], reason = "INVALID_ENUM"): T | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw serialization(name, "a string");
    if (!(values as readonly string[]).includes(value)) throw invalidInput(reason, `${MESSAGES.enum} (${name})`);
    return value as T;
  }

  enumValue<T extends string>(name: string, values: readonly T[], reason = "INVALID_ENUM"): T {
    const value = this.optionalEnum(name, values, reason);
    if (value === undefined) throw invalidInput("INPUT_REQUIRED", `${MESSAGES.required} (${name})`);
    return value;
  }

  /** MaxResults of every paginated Organizations call: 1-20 in the model, 20 when absent. */
  maxResults(): number {
    const value = this.present("MaxResults");
    if (value === undefined) return 20;
    if (typeof value !== "number" || !Number.isInteger(value)) throw serialization("MaxResults", "an integer");
    if (value < 1) throw invalidInput("MIN_VALUE_EXCEEDED", `${MESSAGES.minValue} (MaxResults)`);
    if (value > 20) throw invalidInput("MAX_VALUE_EXCEEDED", `${MESSAGES.maxValue} (MaxResults)`);
    return value;
  }

  nextToken(): string | undefined {
    return this.optionalString("NextToken", { max: 100_000 });
  }

  /** Tags (CreatePolicy): validated for shape, not stored (the sandbox does not model tagging). */
  tags(): void {
    const value = this.present("Tags");
    if (value === undefined) return;
    if (!Array.isArray(value)) throw serialization("Tags", "a list");
    for (const tag of value) {
      const entry = new Input(tag);
      entry.string("Key", { min: 1, max: 128 });
      entry.string("Value", { min: 0, max: 256 });
    }
  }
}

function serialization(name: string, expected: string): AwsError {
  return new AwsError("SerializationException", `${name} must be ${expected}.`, 400);
}
