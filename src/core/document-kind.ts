// Names the rootsweep file a user gave where an audit was expected, so the error is one line ("this is a
// plan, not an audit") instead of every field the audit schema misses.
import { BEFORE_AFTER_KIND } from "./before-after.js";
import { USAGE_FORMAT } from "./usage-schema.js";

/** What `value` is when it is another known document, or undefined. */
export function otherDocumentKind(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (first && typeof first === "object" && (first as { class_uid?: unknown }).class_uid === 2003) return "OCSF compliance findings";
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const document = value as { kind?: unknown; format?: unknown };
  if (document.kind === "rootsweep-plan") return "a plan";
  if (document.kind === BEFORE_AFTER_KIND) return "a before/after report";
  if (document.format === USAGE_FORMAT) return "a usage report";
  return undefined;
}
