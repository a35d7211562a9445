// What `rootsweep recover-password` did per account, and what the owner of each account's root email does
// next. The text never contains a password: none is chosen or seen by anyone but that owner.
import { plural } from "../core/plural.js";
import pc from "picocolors";
import type { RecoveryResult } from "../core/password-recovery.js";
import { escapeDeep, escapeText, terminalSafe, truncateText } from "./terminal-text.js";
import { plainTable } from "./plain-table.js";

export const SIGN_IN_URL = "https://console.aws.amazon.com/";

export function nextSteps(result: RecoveryResult): string[] {
  const email = escapeText(result.email ?? "the account's root email address (shown in AWS Organizations)");
  return [
    `Account ${escapeText(result.accountId)}${result.name ? ` (${escapeText(result.name)})` : ""}: the owner of ${email}:`,
    `  1. Opens ${SIGN_IN_URL}, chooses "Root user" and enters ${email}.`,
    `  2. Chooses "Forgot password?"; AWS emails a password reset link to ${email}.`,
    "  3. Follows the link, sets a new password, signs in, and adds MFA before doing the task that needs root.",
    `  4. Afterwards, remove the password again: rootsweep plan --accounts ${escapeText(result.accountId)} --only password, then rootsweep apply.`,
    // The deny-root guardrail spares central root sessions only: the owner's own sign-in is root itself.
    "  If a deny-root SCP (rootsweep guardrail) covers this account, it denies the owner every action even with the",
    "  new password: exempt the account for the task first (detach the SCP from the account, or move the account to an",
    "  OU without it, or add it to an aws:PrincipalAccount exemption in the SCP's condition), do the task, then put the",
    `  guardrail back (rootsweep guardrail attach --target ${escapeText(result.accountId)}, or re-attach it where it was) and`,
    "  check with rootsweep guardrail status.",
  ];
}

export function renderRecovery(raw: RecoveryResult[], color: boolean): string {
  // Account names, emails and AWS error messages: escaped before layout.
  const results = escapeDeep(raw);
  const c = pc.createColors(color);
  const t = plainTable(["ACCOUNT", "NAME", "RESULT"]);
  for (const r of results) {
    const paint = r.status === "allowed" ? c.green : r.status === "already" ? (s: string) => s : c.red;
    t.push([r.accountId, truncateText(r.name ?? "", 20), paint(r.message)]);
  }
  const lines = [t.toString()];
  const ready = results.filter((r) => r.status === "allowed" || r.status === "already");
  if (ready.length > 0) {
    lines.push("", "What the account owner does next:");
    for (const [i, r] of ready.entries()) lines.push(...(i > 0 ? [""] : []), ...nextSteps(r));
    lines.push(
      "",
      "Keep RootSessions (privileged root actions) enabled in IAM's root access management: rootsweep needs it for this,",
      "for unlock, and for removing the password again afterwards.",
    );
  }
  const allowed = results.filter((r) => r.status === "allowed").length;
  const already = results.filter((r) => r.status === "already").length;
  const failed = results.length - allowed - already;
  lines.push("", `Password recovery allowed in ${plural(allowed, "account")}; ${already} already had a password; ${failed} failed or skipped.`, "");
  return terminalSafe(lines.join("\n"));
}
