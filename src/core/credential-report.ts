// The IAM credential report (GetCredentialReport's CSV) read the way AWS documents it, for the root row
// above all. Every cell is either a value or one of three markers, and they mean different things:
//   not_supported   IAM does not report this for the user (root's password_enabled, password_last_changed,
//                   password_next_rotation: the report cannot say whether root has a password);
//   N/A             nothing to report (no key in that slot, a key never used, no password);
//   no_information  the password exists but was never seen in use since IAM began tracking it.
// Pure: no I/O. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
import { parse } from "csv-parse/sync";
import { AwsSetupError } from "./errors.js";

export const ROOT_ACCOUNT_USER = "<root_account>";

/** The columns rootsweep reads; AWS may add others, which are ignored. */
export const REQUIRED_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

export type ReportColumn = (typeof REQUIRED_COLUMNS)[number];
export type ReportMarker = "not_supported" | "N/A" | "no_information";
const MARKERS: readonly string[] = ["not_supported", "N/A", "no_information"];

/** A cell: a value, or the marker AWS wrote instead of one. */
export type ReportField<T> = { known: true; value: T } | { known: false; marker: ReportMarker };

export interface ReportRecord {
  /** 1-based line of the record in the CSV, for error messages. */
  line: number;
  cells: Record<string, string>;
}

export interface ReportAccessKey {
  slot: 1 | 2;
  active: boolean;
  /** When the key was created (a root key cannot be rotated in place, so "last rotated" is its creation). */
  lastRotated: string | null;
  lastUsedAt: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export interface ReportCertificate {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
}

export interface RootReportRow {
  arn: string;
  accountId: string;
  createdAt: ReportField<string>;
  /** Always not_supported for root: whether root has a password comes from GetAccountSummary. */
  passwordEnabled: ReportField<boolean>;
  passwordLastUsed: ReportField<string>;
  mfaActive: ReportField<boolean>;
  /** Only the slots that hold a key. */
  accessKeys: ReportAccessKey[];
  /** Only the slots that hold a certificate. */
  certificates: ReportCertificate[];
}

function badReport(detail: string): AwsSetupError {
  return new AwsSetupError(
    "RS_BAD_CREDENTIAL_REPORT",
    `The IAM credential report could not be read: ${detail}.`,
    "Generate a new one (aws iam generate-credential-report) and run the audit again; if it persists, report it with the report's header line.",
  );
}

/** Parses the CSV into records keyed by column name, checking the header and every row's width. */
export function parseCredentialReport(text: string): ReportRecord[] {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof rows;
  } catch (error) {
    throw badReport(`it is not valid CSV (${(error as Error).message})`);
  }
  const [header, ...records] = rows;
  if (!header) throw badReport("it is empty");
  const columns = header.record.map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw badReport(`the header lacks ${missing.join(", ")}`);
  return records.map(({ record, info }) => {
    if (record.length !== columns.length) {
      throw badReport(`line ${info.lines} has ${record.length} fields where the header has ${columns.length}`);
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => (cells[column] = record[i]!.trim()));
    return { line: info.lines, cells };
  });
}

function cell(record: ReportRecord, column: ReportColumn): string {
  return record.cells[column] ?? "";
}

function field<T>(record: ReportRecord, column: ReportColumn, read: (raw: string) => T | undefined, expected: string): ReportField<T> {
  const raw = cell(record, column);
  if (MARKERS.includes(raw)) return { known: false, marker: raw as ReportMarker };
  const value = read(raw);
  if (value === undefined)
    throw badReport(`line ${record.line}, column ${column}: expected ${expected} or a marker (N/A, not_supported, no_information), got "${raw}"`);
  return { known: true, value };
}

// AWS writes "2024-05-01T10:20:30+00:00"; accept any ISO-8601 date-time with a zone, return it as UTC ISO.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const readDate = (raw: string) => (ISO_DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : undefined);
const readBoolean = (raw: string) => (/^true$/i.test(raw) ? true : /^false$/i.test(raw) ? false : undefined);
const readText = (raw: string) => raw;

export function dateField(record: ReportRecord, column: ReportColumn): ReportField<string> {
  return field(record, column, readDate, "an ISO-8601 date-time");
}

export function booleanField(record: ReportRecord, column: ReportColumn): ReportField<boolean> {
  return field(record, column, readBoolean, "true or false");
}

export function textField(record: ReportRecord, column: ReportColumn): ReportField<string> {
  return field(record, column, readText, "a value");
}

/** The value, or null for any marker. */
export function valueOf<T>(f: ReportField<T>): T | null {
  return f.known ? f.value : null;
}

function accessKeySlot(record: ReportRecord, slot: 1 | 2): ReportAccessKey | null {
  const col = (suffix: string) => `access_key_${slot}_${suffix}` as ReportColumn;
  const active = valueOf(booleanField(record, col("active"))) ?? false;
  const lastRotated = valueOf(dateField(record, col("last_rotated")));
  // An empty slot reads active=false with N/A dates; an inactive key still has its creation date.
  if (!active && lastRotated === null) return null;
  return {
    slot,
    active,
    lastRotated,
    lastUsedAt: valueOf(dateField(record, col("last_used_date"))),
    // An empty cell is not an AWS form, but it says no more than N/A does.
    lastUsedRegion: valueOf(textField(record, col("last_used_region"))) || null,
    lastUsedService: valueOf(textField(record, col("last_used_service"))) || null,
  };
}

function certificateSlot(record: ReportRecord, slot: 1 | 2): ReportCertificate | null {
  const active = valueOf(booleanField(record, `cert_${slot}_active` as ReportColumn)) ?? false;
  const lastRotated = valueOf(dateField(record, `cert_${slot}_last_rotated` as ReportColumn));
  if (!active && lastRotated === null) return null;
  return { slot, active, lastRotated };
}

const ROOT_ARN = /^arn:aws[\w-]*:iam::(\d{12}):root$/;

/** The `<root_account>` row, typed. Throws a clear error when the report has none or it is malformed. */
export function rootRow(records: ReportRecord[]): RootReportRow {
  const record = records.find((r) => cell(r, "user") === ROOT_ACCOUNT_USER);
  if (!record) throw badReport(`it has no ${ROOT_ACCOUNT_USER} row`);
  const arn = cell(record, "arn");
  const accountId = ROOT_ARN.exec(arn)?.[1];
  if (!accountId) throw badReport(`line ${record.line}: the ${ROOT_ACCOUNT_USER} row's arn "${arn}" is not a root ARN`);
  return {
    arn,
    accountId,
    createdAt: dateField(record, "user_creation_time"),
    passwordEnabled: booleanField(record, "password_enabled"),
    passwordLastUsed: dateField(record, "password_last_used"),
    mfaActive: booleanField(record, "mfa_active"),
    accessKeys: [accessKeySlot(record, 1), accessKeySlot(record, 2)].filter((k): k is ReportAccessKey => k !== null),
    certificates: [certificateSlot(record, 1), certificateSlot(record, 2)].filter((c): c is ReportCertificate => c !== null),
  };
}

/** Parses a whole report and returns its root row. */
export function parseRootRow(text: string): RootReportRow {
  return rootRow(parseCredentialReport(text));
}
