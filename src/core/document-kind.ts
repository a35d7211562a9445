// Names the file a user gave when it is not the kind a command reads, so the error is one line ("plan.json
// is a rootsweep plan, not an audit") instead of every field the expected schema misses. Recognition is by
// each format's own markers (kind, format, journal record types, OCSF class); anything unrecognised goes
// on to the real schema, whose errors then say what is wrong with a nearly-right file.
import { BEFORE_AFTER_KIND } from "./before-after.js";
import { USAGE_FORMAT } from "./usage-schema.js";

export type DocumentKind =
  "audit" | "plan" | "before-after" | "usage-report" | "ocsf" | "apply-journal" | "unlock-journal" | "scenario" | "config" | "other-json" | "not-json";

/** How a kind is named in a sentence ("plan.json is a rootsweep plan"). */
export const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  audit: "a rootsweep audit",
  plan: "a rootsweep plan",
  "before-after": "a before/after report",
  "usage-report": "a rootsweep usage report",
  ocsf: "OCSF compliance findings",
  "apply-journal": "an apply journal",
  "unlock-journal": "an unlock journal",
  scenario: "a sandbox scenario",
  config: "a rootsweep config file",
  "other-json": "JSON but no rootsweep file",
  "not-json": "not JSON",
};

/** What each kind is for, said after "not an X": the command that reads it. */
const READ_WITH: Partial<Record<DocumentKind, string>> = {
  audit: "`rootsweep report`, `plan --from` and `audit --compare` read it",
  plan: "`rootsweep apply` reads it",
  "before-after": "it is written by `rootsweep report --before A --after B --format json`",
  "usage-report": "it is written by `rootsweep usage --format json`",
  ocsf: "it is written by `rootsweep audit --format ocsf`",
  "apply-journal": "`rootsweep apply --journal` resumes from it",
  "unlock-journal": "it records what `rootsweep unlock` did",
  scenario: "`rootsweep sandbox --scenario` loads it",
  config: "`--config` reads it",
};

const OCSF_COMPLIANCE_FINDING = 2003;
const AUDIT_FIELDS = ["schemaVersion", "generatedAt", "organizationId", "managementAccountId", "caller", "features", "accounts", "summary"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function kindOfValue(value: unknown): DocumentKind {
  if (Array.isArray(value)) {
    return isRecord(value[0]) && value[0].class_uid === OCSF_COMPLIANCE_FINDING ? "ocsf" : "other-json";
  }
  if (!isRecord(value)) return "other-json";
  const record = journalRecordKind(value);
  if (record) return record;
  if (value.kind === "rootsweep-plan") return "plan";
  if (value.kind === BEFORE_AFTER_KIND) return "before-after";
  if (value.format === USAGE_FORMAT) return "usage-report";
  if (value.class_uid === OCSF_COMPLIANCE_FINDING) return "ocsf";
  if (isRecord(value.tool) && value.tool.name === "rootsweep" && Array.isArray(value.accounts)) return "audit";
  if (Array.isArray(value.accounts) && isRecord(value.accounts[0]) && "id" in value.accounts[0] && !("accountId" in value.accounts[0])) return "scenario";
  if ("protectedAccounts" in value) return "config";
  // Some of an audit's own fields: an audit, perhaps damaged; its schema errors then say how.
  if (AUDIT_FIELDS.some((field) => field in value)) return "audit";
  return "other-json";
}

/** A journal's start record (a journal of one line is also one JSON value), or one OCSF JSON Lines record. */
function journalRecordKind(record: Record<string, unknown>): DocumentKind | undefined {
  if (record.class_uid === OCSF_COMPLIANCE_FINDING) return "ocsf";
  if (typeof record.time !== "string") return undefined;
  if (record.type === "start") return "apply-journal";
  if (record.type === "unlock-start") return "unlock-journal";
  return undefined;
}

/** A JSON Lines file, known by its first record. */
function journalKind(text: string): DocumentKind | undefined {
  const first = text.split("\n", 1)[0] ?? "";
  try {
    const record: unknown = JSON.parse(first);
    return isRecord(record) ? journalRecordKind(record) : undefined;
  } catch {
    return undefined;
  }
}

/** What a file's text is, by the markers of every format rootsweep reads or writes. */
export function identifyDocument(text: string): DocumentKind {
  const body = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return identifyUnparsable(body);
  }
  return identifyParsed(value);
}

/**
 * identifyDocument for a file already parsed: readers of large files parse once and identify the value,
 * rather than parse the text twice.
 */
export function identifyParsed(value: unknown): DocumentKind {
  return kindOfValue(value);
}

/** identifyDocument for text that is not one JSON value: a JSON Lines journal (by its first record), or not JSON. */
export function identifyUnparsable(text: string): DocumentKind {
  return journalKind(text.replace(/^\uFEFF/, "")) ?? "not-json";
}

const MARKERS = {
  audit: "none of an audit's fields (schemaVersion, tool, accounts, summary)",
  plan: 'no "kind": "rootsweep-plan"',
};

/**
 * The one-line refusal for a file of the wrong kind, or undefined when it is the expected kind (perhaps
 * damaged: its schema errors say how) or not JSON (the JSON parser names the line and column). What to
 * give instead is the error code's hint, on the next line.
 */
export function wrongDocumentMessage(file: string, kind: DocumentKind, expected: "audit" | "plan"): string | undefined {
  if (kind === expected || kind === "not-json") return undefined;
  const wanted = expected === "audit" ? "an audit" : "a plan";
  if (kind === "other-json") return `${file} is JSON but not ${DOCUMENT_NAMES[expected]} (it has ${MARKERS[expected]})`;
  const use = READ_WITH[kind];
  return `${file} is ${DOCUMENT_NAMES[kind]}, not ${wanted}${use ? `: ${use}` : ""}`;
}
