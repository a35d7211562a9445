// Plain-text pieces of the before/after view shared by the table and HTML renderers (each escapes them).
import type { BeforeAfterCount } from "../core/before-after.js";
import type { CredentialRef, CredentialType, Severity } from "../core/model.js";

const NOUNS: Record<CredentialType, [string, string]> = {
  password: ["password", "passwords"],
  "access-key": ["access key", "access keys"],
  "signing-certificate": ["signing certificate", "signing certificates"],
  "mfa-device": ["MFA device", "MFA devices"],
};

const SHORT: Record<CredentialType, [string, string]> = {
  password: ["pwd", "pwd"],
  "access-key": ["key", "keys"],
  "signing-certificate": ["cert", "certs"],
  "mfa-device": ["MFA", "MFA"],
};

const ORDER: readonly CredentialType[] = ["password", "access-key", "signing-certificate", "mfa-device"];

/** "1 password, 2 access keys" ("1 pwd, 2 keys" when short), or "-" for none. */
export function credentialCounts(credentials: readonly CredentialRef[], short = false): string {
  const nouns = short ? SHORT : NOUNS;
  const parts = ORDER.map((type) => {
    const n = credentials.filter((c) => c.type === type).length;
    return n === 0 ? "" : `${n} ${nouns[type][n === 1 ? 0 : 1]}`;
  }).filter(Boolean);
  return parts.length ? parts.join(", ") : "-";
}

/** "-30", "+2", "0". */
export function delta(count: BeforeAfterCount): string {
  const d = count.after - count.before;
  return d > 0 ? `+${d}` : String(d);
}

/** "critical -> high", "high" when unchanged, "none" for no findings. */
export function severityChange(worst: { before: Severity | null; after: Severity | null }, arrow = "->"): string {
  const name = (s: Severity | null) => s ?? "none";
  return worst.before === worst.after ? name(worst.after) : `${name(worst.before)} ${arrow} ${name(worst.after)}`;
}

export function findingCounts(findings: { resolved: readonly unknown[]; new: readonly unknown[] }): string {
  const parts = [findings.resolved.length ? `${findings.resolved.length} resolved` : "", findings.new.length ? `${findings.new.length} new` : ""];
  return parts.filter(Boolean).join(", ") || "-";
}
