// Every error code rootsweep can stop with: its exit code, what it means, and what to do about it. The error
// classes take only these keys, so an unregistered or misspelt code fails `tsc`; docs/errors.md is generated
// from this table (`npm run docs:errors`) and a test keeps the two equal. Codes are stable: never reuse or
// rename one. A throw site may give a more precise hint (naming the account, the file, the command); the
// hint here is the one that always applies.
import { EXIT, type ExitCode } from "./exit.js";

export interface ErrorCodeInfo {
  exit: ExitCode;
  /** One line: what went wrong. */
  meaning: string;
  /** What the user should do about it. */
  hint: string;
}

const usage = EXIT.usage;
const aws = EXIT.aws;
const notDone = EXIT.findings;

export const ERROR_CODES = {
  // --- Flags and arguments (exit 2) ---
  RS_MISSING_ARGUMENT: {
    exit: usage,
    meaning: "A required argument (such as ACCOUNT) was not given.",
    hint: "Give the argument the usage line names; `rootsweep COMMAND --help` shows it.",
  },
  RS_BAD_ACCOUNT_ID: {
    exit: usage,
    meaning: "A value given as an account is not a 12-digit AWS account ID.",
    hint: "Give 12-digit account IDs, comma-separated or one per line in a file.",
  },
  RS_EMPTY_ACCOUNT_LIST: {
    exit: usage,
    meaning: "An account list (`--accounts`, a file, the ACCOUNT arguments) holds no account.",
    hint: "Name at least one account, or leave the flag out to cover the whole organization.",
  },
  RS_BAD_OU_ID: {
    exit: usage,
    meaning: "A value given with --ou is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx).",
    hint: "List the OU ids with: aws organizations list-organizational-units-for-parent --parent-id ROOT_ID",
  },
  RS_UNKNOWN_OU: {
    exit: usage,
    meaning: "An OU given with --ou is well-formed but not in the caller's organization.",
    hint: "Check the OU id against the organization the credentials belong to.",
  },
  RS_OU_WITH_FROM: {
    exit: usage,
    meaning: "`plan --from` was given --ou, but a saved audit has no OU tree to select from.",
    hint: "Select the accounts with --accounts instead, or run the plan without --from.",
  },
  RS_BAD_ONLY: {
    exit: usage,
    meaning: "--only names something that is not a credential kind.",
    hint: "Use the kinds `rootsweep plan --help` lists, comma-separated.",
  },
  RS_BAD_SINCE: {
    exit: usage,
    meaning: "--since is not a valid past date or a duration within the allowed range.",
    hint: "Give a past date (2025-01-31) or a duration such as 30d.",
  },
  RS_BAD_REGION: { exit: usage, meaning: "A Region value is not shaped like an AWS Region name.", hint: "Give a Region name such as us-east-1 or eu-west-2." },
  RS_UNKNOWN_REGION: {
    exit: usage,
    meaning: "A Region (flag, environment or profile) is not one the bundled AWS SDK knows.",
    hint: "Check the spelling; for a newly launched Region, update rootsweep.",
  },
  RS_BAD_CA_BUNDLE: {
    exit: usage,
    meaning: "The CA bundle (AWS_CA_BUNDLE or the profile's ca_bundle) cannot be read or holds no PEM certificate.",
    hint: "Point it at a readable PEM file with at least one -----BEGIN CERTIFICATE----- block.",
  },
  RS_BAD_TIMEOUT: {
    exit: usage,
    meaning: "The request timeout is not a positive number of seconds.",
    hint: "Give --timeout a positive number of seconds, e.g. 30.",
  },
  RS_BAD_DELEGATE: {
    exit: usage,
    meaning: "`enable --delegate` names the management account, an inactive account, or no account of the organization.",
    hint: "Choose an active member account: aws organizations list-accounts",
  },
  RS_BAD_ACTION: {
    exit: usage,
    meaning: "An --allow value of `guardrail scp` is not an IAM action pattern (service:Action).",
    hint: "Write actions as service:Action, e.g. iam:CreateVirtualMFADevice or s3:Get*.",
  },
  RS_BAD_BUCKET_NAME: {
    exit: usage,
    meaning: "A bucket name does not follow S3's bucket naming rules.",
    hint: "Give the bucket's exact name (3-63 lower-case letters, digits, dots and hyphens).",
  },
  RS_BAD_QUEUE_NAME: {
    exit: usage,
    meaning: "A queue name does not follow SQS's queue naming rules.",
    hint: "Give the queue's exact name (1-80 letters, digits, hyphens, underscores; .fifo at the end), or its URL.",
  },
  RS_BAD_QUEUE_URL: {
    exit: usage,
    meaning: "A value that looks like a URL is not an SQS queue URL.",
    hint: "Give the URL as SQS shows it: https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE",
  },
  RS_BAD_PATTERN: {
    exit: usage,
    meaning: "A name pattern uses characters no bucket or queue name can contain, so it matches nothing.",
    hint: "Use only the characters such names allow, with * and ? as wildcards.",
  },
  RS_BAD_UNLOCK_ARGUMENTS: {
    exit: usage,
    meaning: "The arguments and flags of `unlock` do not form one of its usages.",
    hint: "See `rootsweep unlock s3 --help` or `rootsweep unlock sqs --help` for the forms it accepts.",
  },
  RS_QUEUE_ACCOUNT_MISMATCH: {
    exit: usage,
    meaning: "A queue URL belongs to another account than the ACCOUNT argument.",
    hint: "Give the account that owns the queue, or the queue's name instead of its URL.",
  },
  RS_AMBIGUOUS_QUEUE: {
    exit: usage,
    meaning: "A queue name exists in more than one of the Regions searched.",
    hint: "Pick one with --queue-region REGION, or give the queue URL.",
  },
  RS_SAME_OUTPUT: { exit: usage, meaning: "Two output flags name the same file.", hint: "Give each output (--output, --html, --ocsf, ...) its own file." },
  RS_BAD_SCENARIO: {
    exit: usage,
    meaning: "The sandbox scenario file is not a valid scenario.",
    hint: "Fix the field the message names; docs/sandbox.md describes the scenario format.",
  },
  RS_PORT_IN_USE: { exit: usage, meaning: "The sandbox cannot listen: the port is taken.", hint: "Pick another with --port, or --port 0 for a free one." },
  RS_NEEDS_CONFIRMATION: {
    exit: usage,
    meaning: "A change needs confirmation, there is no terminal to ask on, and --yes was not given.",
    hint: "Review what would change (--dry-run, the plan), then re-run with --yes or from a terminal.",
  },
  RS_BAD_FLAGS: {
    exit: usage,
    meaning: "Flags were given that do not go together (such as `guardrail export --partition` without --offline).",
    hint: "Drop one of them; the command's --help says which flags go together.",
  },
  RS_BAD_OPTION: {
    exit: usage,
    meaning: "A library call was given an option value it cannot use (such as a concurrency of 0).",
    hint: "Fix the option the message names; docs/library.md lists each call's options.",
  },
  RS_FAIL_ON_NEW_WITHOUT_COMPARE: {
    exit: usage,
    meaning: "`audit --fail-on-new` was given without --compare, so nothing says what is new.",
    hint: "Add --compare PREVIOUS.json (the last audit's JSON), as docs/scheduled-audit.md shows.",
  },
  RS_EXPORT_NO_TARGET: {
    exit: usage,
    meaning: "`guardrail export --offline` was given no --target, so the export would attach the SCP nowhere.",
    hint: "Name where the SCP goes: --target ROOT, an OU id (ou-...) or an account ID.",
  },
  RS_EXPORT_NO_GUARDRAIL: {
    exit: usage,
    meaning: "`guardrail export` found no deny-root SCP (sparing central root sessions) in the organization, and no --target says where one should go.",
    hint: "Give --target to export rootsweep's deny-root SCP for those targets, or attach one first with `rootsweep guardrail attach`.",
  },
  // --- Input files (exit 2) ---
  RS_UNREADABLE_FILE: {
    exit: usage,
    meaning: "A file named on the command line cannot be read (missing, a directory, no permission).",
    hint: "Check the path and its permissions.",
  },
  RS_NO_POLICY_FILES: {
    exit: usage,
    meaning: "A directory given to `guardrail lint` has no .json files.",
    hint: "Give the directory that holds the SCP documents, or the files themselves.",
  },
  RS_BAD_CONFIG: {
    exit: usage,
    meaning: "The config file (rootsweep.config.json or --config) is not valid JSON or breaks its schema.",
    hint: "Fix the field the message names; docs/config.schema.json is the schema.",
  },
  RS_COMPARE_OTHER_ORGANIZATION: {
    exit: usage,
    meaning:
      "The audit given to `audit --compare` is of another organization or standalone account; or `report --before A --after B` was given audits of two organizations, or a before-audit newer than its after-audit.",
    hint: "Compare with an earlier audit of the same organization (or the same standalone account); the message names the file at fault.",
  },
  RS_BAD_AUDIT: {
    exit: usage,
    meaning:
      "An audit file (--from, --compare, `report`'s AUDIT, --before or --after) is not valid JSON or not a rootsweep audit report, or `report` found it changed between its reads of it.",
    hint: "Give the JSON written by `rootsweep audit --format json`, and leave it as it is while rootsweep reads it.",
  },
  RS_TWIN_UNSUPPORTED: {
    exit: usage,
    meaning: "A twin (`audit --twin`, `sandbox --from-audit`) cannot be built from this audit: it is not an organization audit.",
    hint: "Audit the organization from its management account or the IAM delegated administrator, then build the twin from that audit.",
  },
  RS_TWIN_NOT_ANONYMOUS: {
    exit: usage,
    meaning: "With --anonymize, the twin would still contain an original name, email or id (kept in an SCP's text).",
    hint: "Build the twin without --anonymize, or share it only where the organization's names may go.",
  },
  RS_NOT_AN_AUDIT: {
    exit: usage,
    meaning: "A file given as an audit is another kind of file: a plan, a journal, a usage report, a scenario, OCSF findings or other JSON.",
    hint: "Give the JSON written by `rootsweep audit --format json -o FILE`.",
  },
  RS_BAD_PLAN: {
    exit: usage,
    meaning: "A plan file is not valid JSON, breaks the plan schema, or repeats an action.",
    hint: "Give the file `rootsweep plan` wrote, unedited.",
  },
  RS_NOT_A_PLAN: {
    exit: usage,
    meaning: "A file given as a plan is another kind of file (an audit, a journal, a usage report, a scenario) or JSON whose kind is not rootsweep-plan.",
    hint: "Make a plan with `rootsweep plan`, then apply that file.",
  },
  RS_PLAN_TAMPERED: {
    exit: usage,
    meaning: "A plan's digest does not match its content: it was edited after it was written.",
    hint: "Make a new plan with `rootsweep plan` instead of editing one.",
  },
  RS_PLAN_UNBOUND_ACTION: {
    exit: usage,
    meaning: "A plan action is not backed by the plan's own audit of that account.",
    hint: "A plan deletes only what its audit saw: make a fresh plan with `rootsweep plan`.",
  },
  RS_FOREIGN_PLAN: {
    exit: usage,
    meaning: "The plan was made for another organization than the one the credentials are in.",
    hint: "Apply it with credentials of the organization it was made for, or make a new plan here.",
  },
  RS_JOURNAL_OTHER_ENDPOINT: {
    exit: usage,
    meaning: "The journal to resume or append to was written by a run against another endpoint (a sandbox, such as a rehearsal twin, or AWS itself).",
    hint: "Apply the plan without --resume or --journal (a new journal), or resume it against the endpoint it was written for.",
  },
  RS_NO_PLAN: {
    exit: usage,
    meaning: "`apply` was given neither a plan file nor --resume.",
    hint: "Usage: rootsweep apply PLAN [--yes], or rootsweep apply --resume JOURNAL.",
  },
  RS_PLAN_LOCKED: {
    exit: usage,
    meaning: "Another rootsweep is applying the same plan (its lock file is held).",
    hint: "Wait for the other run to finish; if it is known to be gone, delete the lock file the message names.",
  },
  RS_BAD_JOURNAL: {
    exit: usage,
    meaning: "A journal is not a well-formed rootsweep apply journal, or changed while being read.",
    hint: "Give the journal apply wrote for this plan, or apply the plan again without --resume.",
  },
  RS_NOT_A_JOURNAL: {
    exit: usage,
    meaning: "--journal names an existing file that is not an apply journal, so apply will not write to it.",
    hint: "Give a new file name, or leave out --journal for a fresh one.",
  },
  RS_JOURNAL_PLAN_MISMATCH: {
    exit: usage,
    meaning: "A journal belongs to another plan than the one being applied.",
    hint: "Resume with the journal of this plan, or give a new --journal file.",
  },
  RS_STANDALONE_SELECTION: {
    exit: usage,
    meaning: "A standalone account was audited with an --ou, --accounts or --exclude selection that cannot apply to it.",
    hint: "Leave out the selection flags: a standalone audit covers the caller's own account.",
  },
  RS_STANDALONE_AUDIT: {
    exit: usage,
    meaning: "`plan --from` was given a standalone-account audit, which cannot be planned.",
    hint: "Delete a standalone account's root credentials as its root user; only organizations have central root access.",
  },
  RS_BAD_BACKUP: {
    exit: usage,
    meaning: "A file given to `unlock --restore` is neither a rootsweep backup nor a usable policy document.",
    hint: "Give the backup file unlock wrote, or a JSON policy document within the service's size limit.",
  },
  RS_BACKUP_KIND_MISMATCH: {
    exit: usage,
    meaning: "A backup holds a policy of the other service (S3 versus SQS).",
    hint: "Restore it with the unlock subcommand of the service it came from.",
  },
  RS_BACKUP_NEEDS_TARGET: {
    exit: usage,
    meaning: "A plain policy document was given to restore without naming where it goes.",
    hint: "Name the ACCOUNT and the bucket or queue to restore it to.",
  },
  RS_BACKUP_TARGET_MISMATCH: {
    exit: usage,
    meaning: "A backup belongs to another account or resource than the one named.",
    hint: "Restore the backup where it was taken, or leave out ACCOUNT and the resource to use the backup's own.",
  },
  // --- Accounts and targets (exit 2) ---
  RS_TARGET_MANAGEMENT_ACCOUNT: {
    exit: usage,
    meaning: "The account named is the management account, which the command cannot act on (AssumeRoot cannot target it, SCPs do not apply to it).",
    hint: "Name a member account; manage the management account's root user by hand (hardware MFA, no access keys).",
  },
  RS_TARGET_NOT_IN_ORGANIZATION: {
    exit: usage,
    meaning: "The account named is not a member of the caller's organization.",
    hint: "Check the account ID against: aws organizations list-accounts",
  },
  RS_TARGET_NOT_ACTIVE: {
    exit: usage,
    meaning: "The account named is suspended, closed or pending, so AssumeRoot cannot target it.",
    hint: "Act on it once it is active again, or leave it out.",
  },
  RS_UNKNOWN_TARGET: {
    exit: usage,
    meaning: "`guardrail attach --target` names no root, OU or account of the organization.",
    hint: "Give ROOT, an OU id or a member account ID of this organization.",
  },
  RS_POLICY_NAME_TAKEN: {
    exit: usage,
    meaning: "An SCP with the guardrail's name exists and is not a deny-root guardrail that spares central root sessions.",
    hint: "Choose another --name, or update that SCP to the guardrail's content.",
  },
  RS_GUARDRAIL_WOULD_BLOCK: {
    exit: usage,
    meaning: "The deny-root SCP would cover accounts whose root still has credentials it would block.",
    hint: "Delete those credentials first (rootsweep plan, apply), or attach anyway with --force.",
  },
  // --- Writing results (exit 2) ---
  RS_CANNOT_WRITE: {
    exit: usage,
    meaning: "A file or directory rootsweep must write (output, backup, journal, lock) cannot be created.",
    hint: "Make the directory writable, or name a writable path.",
  },
  RS_DISK_FULL: { exit: usage, meaning: "The disk (or quota) filled up while writing a file.", hint: "Free some space, then run the command again." },
  // --- Setting up: credentials, caller, organization (exit 3) ---
  RS_AWS_NO_CREDENTIALS: {
    exit: aws,
    meaning: "No AWS credentials were found.",
    hint: "Configure credentials: --profile NAME or AWS_PROFILE, environment variables, SSO (aws sso login), or an instance role.",
  },
  RS_AWS_BAD_CREDENTIALS: {
    exit: aws,
    meaning: "AWS refused the credentials: an unknown access key, a wrong secret access key, or a bad signature.",
    hint: "Check the access key ID, the secret access key and the session token of the profile or environment in use.",
  },
  RS_AWS_SESSION_EXPIRED: {
    exit: aws,
    meaning: "The credentials' session has expired.",
    hint: "Renew the session (aws sso login, or new temporary credentials) and run the command again.",
  },
  RS_AWS_ACCESS_DENIED: {
    exit: aws,
    meaning: "AWS refused a call rootsweep needs before it can work on any account (identity, organization, its accounts, OUs or SCPs).",
    hint: "Use credentials of the management account or the IAM delegated administrator, with the permissions in the README's IAM policy.",
  },
  RS_AWS_UNAVAILABLE: {
    exit: aws,
    meaning: "AWS throttled or failed a setup call on every retry.",
    hint: "Try again in a few minutes; if it persists, check the AWS Health dashboard and the network path to AWS.",
  },
  RS_AWS_FAILED: {
    exit: aws,
    meaning: "A setup call to AWS failed for a reason rootsweep does not classify; the message quotes AWS.",
    hint: "Read AWS's message in the line above; set ROOTSWEEP_DEBUG=1 for details if it is unclear.",
  },
  RS_NOT_IN_ORGANIZATION: {
    exit: aws,
    meaning: "The caller's account is in no AWS Organization, so centralized root access does not apply.",
    hint: "Use credentials of an organization's management account or IAM delegated administrator; audit a standalone account with `rootsweep audit --standalone`.",
  },
  RS_NOT_MANAGEMENT_ACCOUNT: {
    exit: aws,
    meaning: "The step can only be done by the organization's management account, and the caller is another account.",
    hint: "Run it with credentials of the management account the message names.",
  },
  RS_NOT_ALL_FEATURES: {
    exit: aws,
    meaning: "The organization has only consolidated billing; centralized root access needs all features.",
    hint: "Run aws organizations enable-all-features (invited members must approve), then rootsweep enable again.",
  },
  RS_FEATURE_DISABLED: {
    exit: aws,
    meaning: "The organization feature the command needs (root credentials management or root sessions) is off.",
    hint: "Turn it on with `rootsweep enable` from the management account; `rootsweep doctor` shows what is on.",
  },
  RS_ENABLE_FAILED: {
    exit: aws,
    meaning: "A step of `rootsweep enable` failed; the steps before it stay done.",
    hint: "Fix the cause AWS names and run rootsweep enable again: it skips what is already on.",
  },
  RS_SCP_DISABLED: {
    exit: aws,
    meaning: "Service control policies are not enabled in the organization, so a guardrail SCP would not be in force.",
    hint: "Enable the SERVICE_CONTROL_POLICY policy type on the organization's root first.",
  },
  RS_BAD_CREDENTIAL_REPORT: {
    exit: aws,
    meaning: "IAM's credential report is empty, malformed, or describes another account.",
    hint: "Generate a new one (aws iam generate-credential-report) and audit again; if it persists, report it with the report's header line.",
  },
  RS_CREDENTIAL_REPORT_TIMEOUT: {
    exit: aws,
    meaning: "IAM did not finish generating the credential report in time.",
    hint: "Run the audit again in a minute: IAM keeps generating the report and the next run picks it up.",
  },
  // --- Root sessions (AssumeRoot) for the one account a command works on (exit 3) ---
  RS_ASSUME_ROOT_ACCESS_DENIED: {
    exit: aws,
    meaning: "AWS refused AssumeRoot for the account (missing sts:AssumeRoot permission, or the feature is off).",
    hint: "Give the caller sts:AssumeRoot for the task policy, from the management account or the IAM delegated administrator; `rootsweep doctor` checks it.",
  },
  RS_ASSUME_ROOT_SCP_DENIED: {
    exit: aws,
    meaning: "A service control policy denied AssumeRoot for the account.",
    hint: "Exempt central root sessions in the deny-root SCP with the aws:AssumedRoot condition (see `rootsweep guardrail`).",
  },
  RS_ASSUME_ROOT_FAILED: {
    exit: aws,
    meaning: "AssumeRoot for the account failed for a reason rootsweep does not classify.",
    hint: "Try again; if it keeps failing, read AWS's message in the line above and check the AWS Health dashboard.",
  },
  // --- Work on one resource that did not get done (exit 1) ---
  RS_NO_SUCH_BUCKET: {
    exit: notDone,
    meaning: "The account has no S3 bucket of that name.",
    hint: "List the account's buckets with: rootsweep unlock s3 ACCOUNT --list",
  },
  RS_NO_SUCH_QUEUE: {
    exit: notDone,
    meaning: "The account has no SQS queue of that name in the Regions searched.",
    hint: "List the account's queues with: rootsweep unlock sqs ACCOUNT --list --queue-region REGION,...",
  },
  RS_RESOURCE_GONE: {
    exit: notDone,
    meaning: "The bucket or queue was deleted while rootsweep worked on it; nothing was changed.",
    hint: "Nothing is left to unlock; check with --list that this is what was meant.",
  },
  RS_POLICY_CHANGED: {
    exit: notDone,
    meaning: "The resource policy changed between showing it and deleting it; nothing was deleted.",
    hint: "Run the command again to see, and confirm, the current policy.",
  },
  RS_POLICY_UNREADABLE: {
    exit: notDone,
    meaning: "SQS refuses to return the queue policy, so it cannot be backed up before it is deleted or replaced.",
    hint: "Delete it without a backup (--no-backup) if that is acceptable; it cannot be restored then.",
  },
  RS_UNLOCK_NOT_VERIFIED: {
    exit: notDone,
    meaning: "After deleting the policy, the service still returns one.",
    hint: "Look again with --list; if a policy is still there, run the unlock again.",
  },
  RS_RESTORE_NOT_VERIFIED: {
    exit: notDone,
    meaning: "After restoring the policy, the service returns a different one.",
    hint: "Compare the live policy (--list) with the backup, and restore again if they differ.",
  },
  RS_UNLOCK_ACCESS_DENIED: {
    exit: notDone,
    meaning: "A call in the root session was refused by IAM (the task policy or a resource policy).",
    hint: "Check that the unlock task policy allows the call and that no other policy denies it to the root session.",
  },
  RS_UNLOCK_SCP_DENIED: {
    exit: notDone,
    meaning: "A call in the root session was refused by a service control policy.",
    hint: "Exempt central root sessions (aws:AssumedRoot) in the SCP that denies root, then run the unlock again.",
  },
  RS_UNLOCK_UNAVAILABLE: {
    exit: notDone,
    meaning: "A call in the root session was throttled or failed on the AWS side on every retry.",
    hint: "Run the unlock again later; it starts from the current state.",
  },
  RS_UNLOCK_FAILED: {
    exit: notDone,
    meaning: "A call in the root session failed for a reason rootsweep does not classify.",
    hint: "Read AWS's message above; run the unlock again once the cause is fixed.",
  },
  // --- Stopped by the caller (exit 130) ---
  RS_ABORTED: {
    exit: EXIT.interrupted,
    meaning: "A library call was stopped through its AbortSignal before it finished; work in flight finished, nothing new started.",
    hint: "Call it again when ready; an apply resumes from its journal (the `resume` option).",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes registered with one exit code: UsageError takes only exit-2 codes, AwsSetupError exit-3 ones. */
export type ErrorCodeWithExit<E extends ExitCode> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]["exit"] extends E ? C : never }[ErrorCode];
export type ExitOf<C extends ErrorCode> = (typeof ERROR_CODES)[C]["exit"];

export const ERROR_DOCS = "docs/errors.md";

/** The heading anchor of a code in docs/errors.md (GitHub's rule: lower case, underscores kept). */
export function errorAnchor(code: ErrorCode): string {
  return code.toLowerCase();
}

/** Where a code is explained: the docs file shipped in the package, at the code's heading. */
export function errorDocsLink(code: ErrorCode): string {
  return `${ERROR_DOCS}#${errorAnchor(code)}`;
}
