// `rootsweep audit`: the root credentials of every selected member account, with findings.

import { Option } from "commander";
import type { DefineCommand } from "./types.js";
import { durationDays } from "../parse.js";
import { allowUnauditedOption } from "../unread-gate.js";
import { addAwsOptions, addConcurrencyOption, addSelectionOptions, failOnOption, formatOption } from "../shared-options.js";
import type { AuditFlags } from "../run/audit.js";
import type { AuditFormat } from "../run/render-audit.js";

export const AUDIT_FORMATS = ["table", "json", "csv", "html", "ocsf", "ocsf-jsonl"] as const satisfies readonly AuditFormat[];
export const DEFAULT_AUDIT_CONCURRENCY = 16;

export const defineAudit: DefineCommand = (program, io, setExit) => {
  const command = program
    .command("audit")
    .summary("inventory root credentials of member accounts, with findings")
    .description(
      "Lists, for every selected member account, the root user's password, access keys (with last use),\n" +
        "MFA devices (virtual or hardware) and signing certificates, and the findings of every check.\n" +
        "Uses only the IAMAuditRootUserCredentials task policy, one root session per account; writes nothing.\n" +
        "Run it with credentials of the management account or the IAM delegated administrator; for an\n" +
        "account outside any Organization, with that account's own credentials (see Standalone accounts).",
    );
  addSelectionOptions(command);
  addConcurrencyOption(command, DEFAULT_AUDIT_CONCURRENCY);
  addAwsOptions(command)
    .addOption(formatOption(AUDIT_FORMATS, "table"))
    .option("-o, --output <file>", "write the result to this file instead of stdout")
    .addOption(failOnOption())
    .addOption(allowUnauditedOption())
    .option("--compare <previous.json>", "report what changed since this earlier audit (JSON): credentials, accounts, features")
    .option("--fail-on-new", "with --compare: exit 1 when any root credential appeared since that audit", false)
    .addOption(
      new Option("--recent <duration>", "root use within this window is a finding: days (30d), weeks (12w) or hours (36h); a bare number is days")
        .argParser(durationDays)
        .default(30, "30d"),
    )
    .option("--no-progress", "no progress bar (it is shown only on a terminal anyway)")
    .option("--standalone", "audit only the caller's own account with its own IAM permissions (automatic outside an Organization)")
    .option("--twin <file>", "also write a sandbox scenario that rebuilds this organization, for rehearsals (docs/rehearsal.md)")
    .option("--anonymize", "with --twin: replace names, emails and ids in the twin consistently")
    .option("--anonymize-seed <text>", "with --twin: seed the replacements (same seed, same twin); implies --anonymize")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep audit
  rootsweep audit --ou ou-ab12-34cd56ef --format json -o audit.json
  rootsweep audit --accounts @accounts.txt --exclude 111122223333 --fail-on high
  rootsweep audit --format csv -o root-credentials.csv
  rootsweep audit --format html -o root-report.html     # self-contained, opens offline
  rootsweep audit --format ocsf -o findings.ocsf.json   # OCSF 1.6.0 Compliance Findings
  rootsweep audit --standalone --profile my-account
  rootsweep audit --compare last.json --fail-on-new --format json -o this.json   # weekly job
  rootsweep audit --format json -o audit.json --twin twin.json --anonymize     # rehearsal twin

Twin (--twin FILE): a sandbox scenario of this organization: its OU tree, accounts and their states,
every root credential (kind, status, dates, last use), the SCPs with their targets, the root features and
the IAM delegated administrator. Serve it with \`rootsweep sandbox --scenario FILE\` and rehearse plan
and apply on it. It holds no secret. --anonymize replaces names, emails and ids (the same original gives
the same replacement throughout; --anonymize-seed makes it repeatable). See docs/rehearsal.md.

Standalone accounts (no Organization, or --standalone): there is no root session outside an
Organization, so the caller's own IAM permissions read root's credentials from the account summary,
the IAM credential report and the virtual MFA devices. Same checks and formats; each finding lists
the manual steps for root's owner. Key IDs are not in the report: keys appear as access_key_1/2.
Permissions: sts:GetCallerIdentity, organizations:DescribeOrganization (not with --standalone),
  iam:GetAccountSummary, iam:GenerateCredentialReport, iam:GetCredentialReport,
  iam:ListVirtualMFADevices. See docs/standalone.md.

Compare (--compare PREVIOUS.json, an earlier audit of the same organization): adds what changed since
then: root credentials added or removed per account (type and ID), accounts that joined or left, that
became readable or unreadable, root features switched. --fail-on-new exits 1 when a root credential
appeared. See docs/scheduled-audit.md for a weekly job.

Exit codes: 0 done (no finding at or over --fail-on), 1 findings at or over --fail-on, a root credential
appeared (--fail-on-new), or an account could not be audited (an SCP denied the root session, throttling,
feature off; --allow-unaudited accepts it), 2 usage error (also a --compare file that is not an audit of
this organization), 3 AWS or permission error before any account could be audited. See docs/exit-codes.md.`,
    )
    .action(async (flags: AuditFlags) => {
      const { runAuditCommand } = await import("../run/audit.js");
      setExit(await runAuditCommand(flags, io));
    });
};
