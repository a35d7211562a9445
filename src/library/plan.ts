// plan(): the plan `rootsweep plan` makes, from a fresh audit or a saved one, optionally written to a file
// that apply() then takes.
import { resolve } from "node:path";
import { auditReportSchema } from "../core/audit-schema.js";
import { protectedAccountsOf } from "../core/config.js";
import { parseWith } from "../core/validation.js";
import { UsageError } from "../core/errors.js";
import type { AuditReport } from "../core/model.js";
import { CREDENTIAL_KINDS, type CredentialKind, type Plan } from "../core/plan.js";
import type { AccountSelection } from "../core/selection.js";
import { throwIfAborted } from "../engine/abort.js";
import { type AuditProgress, DEFAULT_CONCURRENCY } from "../engine/audit.js";
import { makePlan, writePlanFile } from "../engine/plan.js";
import { readAuditFile, readConfig } from "../engine/read-input.js";
import { type ConnectionOptions, withClients } from "./connection.js";
import { countOption, selectionOption } from "./inputs.js";

export interface PlanOptions extends ConnectionOptions {
  /** Which accounts (default: every member account). With `from`, only `accounts` and `exclude` apply. */
  selection?: AccountSelection;
  /** Credential kinds to delete (default: all of password, keys, mfa, certs). */
  only?: CredentialKind[];
  /** Keep access keys used within this many days (default 30). */
  inUseDays?: number;
  /** Delete access keys even when recently used. */
  includeInUse?: boolean;
  /** A saved audit to plan from: what `audit()` returned, or the path of a `rootsweep audit --format json` file. Without it a fresh audit runs first. */
  from?: AuditReport | string;
  /** The config file with protected accounts (default: `cwd`/rootsweep.config.json when it exists). */
  config?: string;
  /** Write the plan here (atomically), for apply(). Resolved against `cwd`. */
  output?: string;
  /** Where relative paths resolve. Default: process.cwd(). */
  cwd?: string;
  /** Accounts audited at once (default 16). */
  concurrency?: number;
  onProgress?: (event: AuditProgress) => void;
}

export interface PlanResult {
  plan: Plan;
  /** The audit the plan was made from. */
  audit: AuditReport;
  /** The file written (absolute), or null without `output`. */
  file: string | null;
}

function onlyOption(only: CredentialKind[] | undefined): CredentialKind[] {
  if (only === undefined) return [...CREDENTIAL_KINDS];
  const bad = only.filter((k) => !(CREDENTIAL_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || only.length === 0) {
    throw new UsageError("RS_BAD_ONLY", `only: "${bad.join(",")}" is not a credential kind; use any of ${CREDENTIAL_KINDS.join(",")}`);
  }
  return [...new Set(only)];
}

/** Plans the deletions; writes nothing in AWS. Aborting `signal` rejects with RS_ABORTED and writes no file. */
export async function plan(options: PlanOptions = {}): Promise<PlanResult> {
  const cwd = options.cwd ?? process.cwd();
  const only = onlyOption(options.only);
  const selection = selectionOption(options.selection);
  const inUseDays = countOption(options.inUseDays, "inUseDays", 30);
  const concurrency = countOption(options.concurrency, "concurrency", DEFAULT_CONCURRENCY);
  const from =
    typeof options.from === "string"
      ? await readAuditFile(options.from, cwd)
      : options.from
        ? { value: parseWith(auditReportSchema, options.from, "from is not a valid audit report", "RS_BAD_AUDIT"), path: null }
        : undefined;
  if (from && !from.value.organizationId) {
    throw new UsageError("RS_STANDALONE_AUDIT", "from: a standalone-account audit cannot be planned; only root itself can delete its credentials there.");
  }
  if (from && selection.ous?.length) throw new UsageError("RS_OU_WITH_FROM", "selection.ous cannot be combined with from (a saved audit has no OU tree)");
  const config = await readConfig(options.config, cwd);
  const make = (clients: Parameters<typeof makePlan>[0]) =>
    makePlan(clients, {
      options: { only, inUseDays, includeInUse: options.includeInUse ?? false },
      protectedAccounts: protectedAccountsOf(config),
      ...(from ? { audit: { report: from.value, file: from.path } } : {}),
      selection,
      auditOptions: {
        concurrency,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    });
  const made = from ? await make(undefined) : await withClients(options, make);
  throwIfAborted(options.signal, "plan");
  let file: string | null = null;
  if (options.output) {
    file = resolve(cwd, options.output);
    await writePlanFile(file, made.plan, `output ${options.output}`);
  }
  return { plan: made.plan, audit: made.audit, file };
}
