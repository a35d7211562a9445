// End-to-end: apply binds a plan to its own audit and to today's config. A resealed plan that adds an
// action on a credential its audit never saw is refused; an account protected after the plan is skipped;
// --dry-run changes nothing; and for every outcome what apply prints and journals matches what it did.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Digest } from "../../src/core/digest.js";
import type { JournalRecord } from "../../src/core/journal.js";
import type { AuditReport } from "../../src/core/model.js";
import type { Plan } from "../../src/core/plan.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { DENY_ROOT_BLOCKING, mixedScenario } from "../support/scenarios.js";
import { awsCli, requests, rootSession, sandbox, TASK_POLICY, type RunningSandbox } from "../support/sandbox.js";
import { credentialIds, stateAccounts } from "../support/state.js";

const read = <T>(file: string) => JSON.parse(readFileSync(file, "utf8")) as T;
const journalOf = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalRecord);
const lastSeq = async (sb: RunningSandbox) => (await requests(sb)).at(-1)?.seq ?? 0;

function scenario() {
  const s = mixedScenario();
  // Unattached at first; attached after the plan, so apply fails in 555555555555.
  s.policies = [{ name: "blocks-root-sessions", content: DENY_ROOT_BLOCKING, targets: [] }];
  return s;
}

describe("a resealed plan", () => {
  it("is refused (exit 2, naming the action) when an action names a credential its own audit did not record", async () => {
    const sb = await sandbox({ scenario: scenario() });
    const dir = tempDir();
    try {
      expect((await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir })).code).toBe(0);
      const audit = read<AuditReport>(join(dir, "audit.json"));
      const root = audit.accounts.find((a) => a.accountId === "222222222222")!.root!;
      root.accessKeys = root.accessKeys.filter((k) => k.id !== "AKIA2222222222OLD002");
      writeFileSync(join(dir, "audit.json"), JSON.stringify(audit));
      expect((await runCliOn(sb, ["plan", "--from", "audit.json", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
      // Edit the plan and reseal it: the digest is a plain sha256 anyone can recompute.
      const { digest: _old, ...plan } = read<Plan>(join(dir, "plan.json"));
      const account = plan.accounts.find((a) => a.accountId === "222222222222")!;
      account.actions.push({
        id: "222222222222:delete-access-key:AKIA2222222222OLD002",
        type: "delete-access-key",
        credentialId: "AKIA2222222222OLD002",
        evidence: "Inactive",
      });
      plan.summary.actions++;
      writeFileSync(join(dir, "plan.json"), JSON.stringify({ ...plan, digest: sha256Digest(plan) }));

      const since = await lastSeq(sb);
      for (const args of [
        ["apply", "plan.json", "--yes"],
        ["apply", "plan.json", "--dry-run"],
      ]) {
        const result = await runCliOn(sb, args, { cwd: dir });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain("action 222222222222:delete-access-key:AKIA2222222222OLD002 is not bound to the plan's audit");
        expect(result.stderr).toContain("access key AKIA2222222222OLD002 is not in the audited snapshot");
      }
      expect(await requests(sb, since)).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.endsWith(".jsonl"))).toEqual([]);
      expect(credentialIds((await stateAccounts(sb)).get("222222222222")!)).toContain("AKIA2222222222OLD002");
    } finally {
      await sb.close();
    }
  });
});

describe("dry run, then apply, with every outcome", () => {
  let sb: RunningSandbox;
  let dir: string;
  let dry: { code: number; stdout: string; stderr: string };
  let drySince: number;
  let dryUntil: number;
  let applied: { code: number; stdout: string; stderr: string };
  let journal: JournalRecord[];

  beforeAll(async () => {
    sb = await sandbox({ scenario: scenario() });
    dir = tempDir();
    expect((await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir })).code).toBe(0);
    // Drift: the audit saw an older last use of a key that apply will find.
    const audit = read<AuditReport>(join(dir, "audit.json"));
    audit.accounts.find((a) => a.accountId === "222222222222")!.root!.accessKeys.find((k) => k.id === "AKIA2222222222OLD002")!.lastUsedAt =
      "2020-01-01T00:00:00.000Z";
    writeFileSync(join(dir, "audit.json"), JSON.stringify(audit));
    // No config yet: the plan includes 666666666666 and 777777777777.
    const planned = await runCliOn(sb, ["plan", "--from", "audit.json", "-o", "plan.json"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    // After the plan: 888's password is deleted out of band (already gone), 555 is blocked by an SCP
    // (failed), 666 and 777 are protected in the config (skipped).
    const session = await rootSession(sb, "888888888888", TASK_POLICY.deleteCredentials);
    expect((await awsCli(sb, ["iam", "delete-login-profile"], session)).code).toBe(0);
    const policies = await awsCli(sb, ["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"]);
    const policyId = (policies.json.Policies as Array<{ Id: string; Name: string }>).find((p) => p.Name === "blocks-root-sessions")!.Id;
    expect((await awsCli(sb, ["organizations", "attach-policy", "--policy-id", policyId, "--target-id", "555555555555"])).code).toBe(0);
    writeFileSync(
      join(dir, "rootsweep.config.json"),
      JSON.stringify({ protectedAccounts: [{ accountId: "666666666666", reason: "pager duty" }, "777777777777"] }),
    );

    drySince = await lastSeq(sb);
    dry = await runCliOn(sb, ["apply", "plan.json", "--dry-run"], { cwd: dir });
    dryUntil = await lastSeq(sb);
    applied = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "j.jsonl"], { cwd: dir });
    journal = journalOf(join(dir, "j.jsonl"));
  });
  afterAll(() => sb.close());

  it("dry run: per account what would be deleted, already gone, kept by drift, skipped; exit 1 for the account it could not read", () => {
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain("Nothing was changed; no journal was written.");
    expect(dry.stdout).toMatch(/kept \(drift\) {2}access key AKIA2222222222OLD002 was used since the audit/);
    expect(dry.stdout).toMatch(/would delete {2}signing certificate CERT22222222222222222222222222A1/);
    expect(dry.stdout).toMatch(/888888888888 password-only:\n {2}already gone {2}root password/);
    expect(dry.stdout).toMatch(/666666666666 password-virtual: would skip, nothing there would be touched \(protected in the config: pager duty\)/);
    expect(dry.stdout).toMatch(/555555555555 keys-and-certs: could not be read: .*scp-denied/);
    expect(dry.stdout).toMatch(/Totals: \d+ would be deleted, 1 already gone, 1 kept by drift, 2 accounts skipped, 1 could not be read\./);
    expect(dry.stderr.trimEnd().split("\n").at(-1)).toMatch(/1 account could not be read \(scp-denied: 555555555555\)/);
  });

  it("dry run sent no write call, used only the audit task policy, and wrote no journal", async () => {
    const log = (await requests(sb, drySince)).filter((r) => r.seq <= dryUntil);
    expect(log.length).toBeGreaterThan(0);
    const writes = log.filter((r) => !/^(Get|List|Describe|AssumeRoot$)/.test(r.operation));
    expect(writes).toEqual([]);
    const sessions = log.filter((r) => r.principal === "root-session");
    expect(sessions.length).toBeGreaterThan(0);
    expect([...new Set(sessions.map((r) => r.taskPolicy))]).toEqual([TASK_POLICY.audit]);
    expect(sessions.some((r) => ["666666666666", "777777777777"].includes(r.accountId ?? ""))).toBe(false);
    // Only the apply that followed wrote a journal.
    expect(readdirSync(dir).filter((f) => f.endsWith(".jsonl"))).toEqual(["j.jsonl"]);
    expect(existsSync(join(dir, "plan.json.lock"))).toBe(false);
  });

  it("apply skips accounts protected since the plan: reported, journaled as skipped with the reason, untouched", async () => {
    expect(applied.stderr).toContain("rootsweep: skipping 666666666666 (password-virtual): protected in the config: pager duty");
    expect(applied.stdout).toMatch(/Skipped \(not touched\)\n( {2}\d{12} .*\n)* {2}666666666666 password-virtual: protected in the config: pager duty/);
    const skipped = journal.filter((r) => r.type === "account" && r.status === "skipped").map((r) => r.type === "account" && [r.accountId, r.error]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        ["666666666666", "protected in the config: pager duty"],
        ["777777777777", "protected in the config: listed in the config"],
      ]),
    );
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("666666666666")!).length).toBe(2);
    expect(credentialIds(state.get("777777777777")!)).toEqual(["root", "GAHT77777777"]);
    const touched = (await requests(sb, dryUntil)).filter(
      (r) => r.principal === "root-session" && ["666666666666", "777777777777"].includes(r.accountId ?? ""),
    );
    expect(touched).toEqual([]);
  });

  it("summary, journal and sandbox agree for each outcome: deleted, already gone, drift-kept, failed, skipped", async () => {
    expect(applied.code, applied.stdout + applied.stderr).toBe(1); // 555555555555 failed
    const state = await stateAccounts(sb);
    const results = journal.filter((r): r is Extract<JournalRecord, { type: "result" }> => r.type === "result");
    // Every credential the journal says was deleted or gone is absent; every one still present was not journaled as deleted.
    for (const r of results.filter((x) => x.outcome === "deleted" || x.outcome === "gone")) {
      expect(credentialIds(state.get(r.accountId)!), `${r.actionId} ${r.step}`).not.toContain(r.credentialId);
    }
    for (const [id, account] of state) {
      for (const credential of credentialIds(account)) {
        expect(
          results.some((r) => r.accountId === id && r.credentialId === credential && r.outcome === "deleted"),
          `${id} ${credential}`,
        ).toBe(false);
      }
    }
    // Deleted: 222's planned credentials but the drift-kept key; the in-use key was never planned.
    // Keys stay, so both MFA devices stay too: MFA goes last and only when nothing else is left.
    expect(credentialIds(state.get("222222222222")!).sort()).toEqual([
      "AKIA2222222222INUSE1",
      "AKIA2222222222OLD002",
      "GAHT22222222",
      "arn:aws:iam::222222222222:mfa/root-account-mfa-device",
    ]);
    // Drift-kept: journaled as drift, summarised as drift, no intent for it.
    expect(journal.some((r) => r.type === "drift" && r.credentialId === "AKIA2222222222OLD002")).toBe(true);
    expect(journal.some((r) => r.type === "intent" && r.credentialId === "AKIA2222222222OLD002")).toBe(false);
    expect(applied.stdout).toMatch(/222222222222: access key AKIA2222222222OLD002 was used since the audit/);
    // Already gone: journaled gone, counted gone, and absent.
    expect(results.filter((r) => r.accountId === "888888888888").map((r) => r.outcome)).toEqual(["gone"]);
    expect(applied.stdout).toMatch(/888888888888 +password-only +done +0 +1 /);
    // Failed: journaled failed, summarised failed, nothing deleted.
    expect(journal.some((r) => r.type === "account" && r.accountId === "555555555555" && r.status === "failed")).toBe(true);
    expect(applied.stdout).toMatch(/555555555555 +keys-and-certs +failed +0 +0 /);
    expect(credentialIds(state.get("555555555555")!).length).toBe(4);
    // Skipped: summarised skipped.
    expect(applied.stdout).toMatch(/666666666666 +password-virtual +skipped +0 +0 /);
    // Totals equal the journal: an action is deleted when a step deleted and none was refused (a warning).
    const refused = new Set(results.filter((r) => r.outcome === "refused").map((r) => r.actionId));
    const deletedActions = new Set(results.filter((r) => r.outcome === "deleted" && !refused.has(r.actionId)).map((r) => r.actionId));
    expect(applied.stdout).toContain(`Totals: ${deletedActions.size} deleted, 1 already gone, ${refused.size} warnings,`);
    // 555's four planned deletions were never attempted: said so, not "0 failed" and silence.
    expect(applied.stdout).toMatch(/0 failed, 4 not attempted \(account failed\)/);
  });
});
