// What the owner of a standalone account does about each finding, by hand: there is no central root
// access outside an Organization, so only root itself can change its credentials. The steps name the
// account's own keys, dates and last-used service and region, so they read as a checklist for that
// account. Data, not rendering: the table and HTML renderers print `manualSteps` as they are.
import type { Finding, RootAccessKey, RootCredentials } from "./model.js";

export interface GuidanceSubject {
  root: RootCredentials;
  now: Date;
  recentDays: number;
}

interface Guidance {
  remediation: string;
  steps: (subject: GuidanceSubject) => string[];
}

const OPEN_ROOT_PAGE = "Sign in as root (the account's email address and password) and open Security credentials (account menu, top right)";
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function daysAgo(iso: string, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
  return days === 0 ? "today" : days === 1 ? "1 day ago" : `${days} days ago`;
}

function where(key: RootAccessKey): string {
  return [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(" in ");
}

function describeKey(key: RootAccessKey, now: Date): string {
  const created = day(key.createdAt) ? `, created ${day(key.createdAt)}` : "";
  const status = key.status === "Active" ? "active" : "inactive";
  if (!key.lastUsedAt) return `${key.id} (${status}${created}, never used)`;
  const place = where(key);
  return `${key.id} (${status}${created}, last used ${day(key.lastUsedAt)}, ${daysAgo(key.lastUsedAt, now)}${place ? `, by ${place}` : ""})`;
}

function keyFinding(key: RootAccessKey, now: Date): string {
  if (key.status === "Inactive") return `${describeKey(key, now)}: already deactivated; delete it once you are sure nothing needs it back.`;
  if (!key.lastUsedAt) return `${describeKey(key, now)}: nothing depends on it; deactivate and delete it right away.`;
  const place = where(key);
  return (
    `${describeKey(key, now)}: find the program that signs with it${place ? ` — look for workloads calling ${place}` : ""}. ` +
    "CloudTrail records its calls with userIdentity.type Root; root sees the key's ID on its Security credentials page."
  );
}

const GUIDANCE: Record<string, Guidance> = {
  "root-access-keys": {
    remediation:
      "Only root can remove its keys here: find what uses each key, move it to a role or an IAM user's key, deactivate the root key, watch, then delete it.",
    steps: ({ root, now, recentDays }) => [
      ...root.accessKeys.map((key) => keyFinding(key, now)),
      "Give that workload its own identity: an IAM role (EC2 instance profile, Lambda or ECS task role, IAM Roles Anywhere outside AWS), or an IAM user's access key limited to what it needs.",
      `${OPEN_ROOT_PAGE}; under Access keys, choose Actions > Deactivate for the key. Do not delete it yet.`,
      `Watch for ${recentDays} days: nothing may break, and \`rootsweep audit --standalone\` must show no newer last use. If something breaks, reactivate the key, move that workload too, and start the wait again.`,
      "Delete the key (Actions > Delete). Security Hub IAM.4, CIS v3.0.0 1.4 and CIS v7.0.0 2.4 pass once root has no access keys.",
    ],
  },
  "root-mfa-missing": {
    remediation: "Have the account owner turn on MFA for root, a hardware device preferred; only root can do it in a standalone account.",
    steps: () => [
      `${OPEN_ROOT_PAGE}; under Multi-factor authentication (MFA), choose Assign MFA device.`,
      "Choose a hardware device: a FIDO security key, which also resists phishing because it answers only the real AWS sign-in page, or a hardware TOTP token. An authenticator app works, but its secret lives on a phone or laptop where it can be copied, synced to a backup or lost with the device.",
      "Register a second device and keep it in another place (root can have up to 8), so that losing one does not lock the account.",
      "Run `rootsweep audit --standalone` again: Security Hub IAM.9, CIS v3.0.0 1.5 and CIS v7.0.0 2.5 pass once root has MFA.",
    ],
  },
  "root-hardware-mfa-missing": {
    remediation: "Have the account owner add a hardware MFA device or security key to root, then remove the virtual device.",
    steps: () => [
      `${OPEN_ROOT_PAGE}; under Multi-factor authentication (MFA), choose Assign MFA device and add a FIDO security key or a hardware TOTP token.`,
      "Why: a virtual device's secret sits on a phone or laptop and can be copied or restored from a backup; a hardware device's secret never leaves it, and a security key will not answer a phishing site.",
      "Sign out and sign in again with the new device to prove it works.",
      "Remove the virtual device from the same page: Security Hub IAM.6, CIS v3.0.0 1.6 and CIS v7.0.0 2.6 want no virtual device on root.",
      "If root already has a hardware device, IAM users cannot see it: confirm on root's Security credentials page and just remove the virtual one.",
    ],
  },
  "root-password": {
    remediation:
      "A standalone account's root password is its owner's way in for root-only tasks and recovery, so keep it and guard it: long, unique, in a vault, behind MFA, with a monitored root email.",
    steps: () => [
      "Keep the password unless you have another way to do the tasks that need root (`rootsweep root-tasks` lists them): without an Organization, nobody else can sign in as root for you.",
      "Make it long and unique, and store it in a password manager or break-glass vault that more than one trusted person can open.",
      "Make the root email address a monitored group address rather than one person's mailbox: password resets go there.",
      "Protect the sign-in with MFA (hardware preferred) and alert on every root sign-in (an EventBridge rule on ConsoleLogin events whose userIdentity.type is Root, or GuardDuty).",
      "To remove the password entirely, move the account into an AWS Organization, turn on centralized root access (`rootsweep enable`), then use `rootsweep plan` and `rootsweep apply`.",
    ],
  },
  "root-signing-certificates": {
    remediation: "Only root can remove its X.509 signing certificates here: deactivate them, watch, then delete them.",
    steps: ({ root }) => [
      ...root.signingCertificates.map(
        (c) => `${c.id} (${c.status === "Active" ? "active" : "inactive"}${day(c.uploadedAt) ? `, uploaded ${day(c.uploadedAt)}` : ""}).`,
      ),
      `${OPEN_ROOT_PAGE}; under X.509 certificates, deactivate each certificate.`,
      "Wait a few weeks: only old SOAP-style APIs accept these certificates, so nothing current should break. If something does, reactivate it and move that client to a role.",
      "Delete the certificates from the same page.",
    ],
  },
  "root-recently-used": {
    remediation:
      "Find who or what used root and give them their own identity (a role or an IAM Identity Center user); keep root for the few tasks that need it, and alert on its use.",
    steps: ({ root, now, recentDays }) => {
      const seen: string[] = [];
      const pwd = root.password.lastUsedAt;
      if (pwd && now.getTime() - Date.parse(pwd) <= recentDays * 86_400_000) seen.push(`the password was used ${day(pwd)} (${daysAgo(pwd, now)})`);
      for (const key of root.accessKeys) {
        if (key.lastUsedAt && now.getTime() - Date.parse(key.lastUsedAt) <= recentDays * 86_400_000) {
          seen.push(`${key.id} was used ${day(key.lastUsedAt)}${where(key) ? ` by ${where(key)}` : ""}`);
        }
      }
      return [
        `What IAM recorded: ${seen.length ? seen.join("; ") : "root activity within the window"}.`,
        "Find who: in CloudTrail, look for events whose userIdentity.type is Root on those dates (ConsoleLogin for sign-ins; the service and region above for key use).",
        "A person: give them their own access for daily work (IAM Identity Center or an IAM role) and keep root for the tasks `rootsweep root-tasks` lists.",
        "A program: follow the access-key steps (a role or an IAM user's key instead, deactivate the root key, watch, delete).",
        "Alert on every future root use: an EventBridge rule on userIdentity.type Root, or GuardDuty's Policy:IAMUser/RootCredentialUsage finding.",
      ];
    },
  },
};

/** The check ids that have standalone guidance (a test keeps it in step with the registry). */
export const GUIDED_CHECKS: readonly string[] = Object.keys(GUIDANCE);

/** The finding with the standalone remediation and this account's manual steps, when the check has them. */
export function withManualSteps(finding: Finding, subject: GuidanceSubject): Finding {
  const guidance = GUIDANCE[finding.checkId];
  if (!guidance) return finding;
  return { ...finding, remediation: guidance.remediation, manualSteps: guidance.steps(subject) };
}
