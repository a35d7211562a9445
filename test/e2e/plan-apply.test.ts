// End-to-end: plan and apply with the real CLI against the sandbox, checked against the sandbox's state
// and request log: only planned deletions, kept keys kept, protected accounts untouched, drift left alone.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/plan.js";
import { runCliOn, tempDir } from "../support/cli.js";
import { mixedScenario, writeConfig } from "../support/scenarios.js";
import { requests, sandbox, type RunningSandbox, credentialParameter } from "../support/sandbox.js";
import { credentialIds, resetSandbox, stateAccounts } from "../support/state.js";

describe("plan then apply on a mixed organization", () => {
  let sb: RunningSandbox;
  let dir: string;
  let plan: Plan;
  let applyOut: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    sb = await sandbox({ scenario: mixedScenario() });
    dir = tempDir();
    writeConfig(dir);
    const planned = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as Plan;
    applyOut = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "journal.jsonl"], { cwd: dir });
  });
  afterAll(() => sb.close());

  it("plans every credential except the in-use key, and never the protected or management account", () => {
    const ids = plan.accounts.flatMap((a) => a.actions.map((x) => x.credentialId));
    expect(ids).toContain("AKIA2222222222OLD002");
    expect(ids).not.toContain("AKIA2222222222INUSE1");
    const kept = plan.accounts.flatMap((a) => a.kept);
    // The in-use key stays, so the account's MFA devices stay with it, saying why.
    expect(kept.map((k) => k.credentialId)).toEqual(["AKIA2222222222INUSE1", "arn:aws:iam::222222222222:mfa/root-account-mfa-device", "GAHT22222222"]);
    expect(kept[0]!.reason).toMatch(/in use.*s3.*eu-west-1.*--in-use-days 30/);
    for (const mfa of kept.slice(1)) expect(mfa.reason).toMatch(/plan keeps access key AKIA2222222222INUSE1/);
    // Inside an account: the password first, then keys, then certificates, MFA last.
    const order = (id: string) => plan.accounts.find((a) => a.accountId === id)!.actions.map((a) => a.type);
    expect(order("222222222222")).toEqual(["delete-login-profile", "delete-access-key", "delete-signing-certificate"]);
    expect(order("666666666666")).toEqual(["delete-login-profile", "remove-mfa-device"]);
    const excluded = new Map(plan.excluded.map((e) => [e.accountId, e.reason]));
    expect(excluded.get("777777777777")).toBe("protected: break-glass");
    expect(excluded.get("111111111111")).toMatch(/management/);
    expect(excluded.get("444444444444")).toBe("not audited (the account is SUSPENDED)");
    expect(plan.digest).toMatch(/^sha256:/);
    expect(JSON.stringify(plan)).not.toMatch(/SecretAccessKey|SessionToken/i);
  });

  it("applies it: applied accounts end with no root credentials but the kept key and its MFA", async () => {
    expect(applyOut.code, applyOut.stderr + applyOut.stdout).toBe(0);
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("222222222222")!)).toEqual([
      "AKIA2222222222INUSE1",
      "arn:aws:iam::222222222222:mfa/root-account-mfa-device",
      "GAHT22222222",
    ]);
    // The calls went in the safe order: the password before the MFA device in the account that had both.
    const writes = (await requests(sb)).filter((r) => r.accountId === "666666666666" && /^(Delete|Deactivate)/.test(r.operation)).map((r) => r.operation);
    expect(writes).toEqual(["DeleteLoginProfile", "DeactivateMFADevice", "DeleteVirtualMFADevice"]);
    for (const id of ["555555555555", "666666666666", "888888888888", "333333333333"]) expect(credentialIds(state.get(id)!), id).toEqual([]);
    expect(applyOut.stdout).toMatch(/Totals: \d+ deleted, 0 already gone/);
    expect(applyOut.stderr).toContain("journal.jsonl");
  });

  it("leaves the protected, suspended and management accounts untouched", async () => {
    const state = await stateAccounts(sb);
    expect(credentialIds(state.get("777777777777")!)).toEqual(["root", "GAHT77777777"]);
    expect(credentialIds(state.get("444444444444")!)).toEqual(["root"]);
    expect(credentialIds(state.get("111111111111")!).length).toBe(2);
  });

  it("sent only the planned deletions, each once, with the delete task policy", async () => {
    const planned = new Set(plan.accounts.flatMap((a) => a.actions.map((x) => `${a.accountId}|${x.credentialId}`)));
    const writes = (await requests(sb)).filter((r) => /^(Delete|Deactivate)/.test(r.operation));
    expect(writes.length).toBeGreaterThan(0);
    const seen = new Map<string, number>();
    for (const w of writes) {
      expect(w.taskPolicy).toBe("arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials");
      const p = w.parameters ?? {};
      const credential = credentialParameter(p, "root");
      expect(planned.has(`${w.accountId}|${credential}`), `${w.operation} ${credential}`).toBe(true);
      const key = `${w.operation}|${w.accountId}|${credential}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, count] of seen) expect(count, key).toBe(1);
  });

  it("journals an intent before and a result after each deletion", () => {
    const records = readFileSync(join(dir, "journal.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; actionId?: string; step?: string; outcome?: string });
    expect(records[0]!.type).toBe("start");
    expect(records.at(-1)).toMatchObject({ type: "end", status: "completed" });
    const intents = records.filter((r) => r.type === "intent");
    for (const intent of intents) {
      const after = records.slice(records.indexOf(intent)).find((r) => r.type === "result" && r.actionId === intent.actionId && r.step === intent.step);
      expect(after, `${intent.actionId} ${intent.step}`).toBeDefined();
    }
    expect(intents.length).toBeGreaterThan(8);
  });

  it("re-running the same plan deletes nothing and counts everything as done", async () => {
    const before = (await requests(sb)).length;
    const again = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "again.jsonl"], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Totals: 0 deleted, \d+ already gone/);
    expect(again.stdout).toMatch(/Nothing was left to delete: every planned credential was already gone/);
    const writes = (await requests(sb, before)).filter((r) => /^(Delete|Deactivate)/.test(r.operation));
    expect(writes).toEqual([]);
  });

  it("never writes session credentials into the plan, journal or output", () => {
    const everything = [readFileSync(join(dir, "plan.json"), "utf8"), readFileSync(join(dir, "journal.jsonl"), "utf8"), applyOut.stdout, applyOut.stderr].join(
      "\n",
    );
    for (const session of sb.store.sessions.values()) {
      expect(everything).not.toContain(session.secretAccessKey);
      expect(everything).not.toContain(session.sessionToken);
    }
  });
});

describe("plans that apply must refuse", () => {
  let sb: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: mixedScenario() });
    dir = tempDir();
    const planned = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
  });
  afterAll(() => sb.close());

  const deletes = async (since: number) => (await requests(sb, since)).filter((r) => /^(Delete|Deactivate)/.test(r.operation));

  it("refuses an edited plan (digest), naming the file", async () => {
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as Plan;
    plan.accounts[0]!.actions[0]!.credentialId = "AKIA0000000000000000";
    writeFileSync(join(dir, "edited.json"), JSON.stringify(plan));
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["apply", "edited.json", "--yes"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/edited\.json was changed after it was written/);
    expect(await deletes(before)).toEqual([]);
  });

  it("refuses a damaged plan with the JSON path of the problem, and a truncated one with line and column", async () => {
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as Record<string, unknown>;
    plan.schemaVersion = "9.9";
    writeFileSync(join(dir, "damaged.json"), JSON.stringify(plan));
    const damaged = await runCliOn(sb, ["apply", "damaged.json", "--yes"], { cwd: dir });
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/schemaVersion/);
    writeFileSync(join(dir, "truncated.json"), readFileSync(join(dir, "plan.json"), "utf8").slice(0, 300));
    const truncated = await runCliOn(sb, ["apply", "truncated.json", "--yes"], { cwd: dir });
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/line \d+, column \d+/);
  });

  it("refuses a plan made for another organization", async () => {
    const other = await sandbox({ accounts: 5, seed: "another-org" });
    try {
      const result = await runCliOn(other, ["apply", "plan.json", "--yes"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/made for organization o-apply12345/);
      expect((await requests(other)).filter((r) => /^(Delete|Deactivate)/.test(r.operation))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("refuses to delete without a terminal and without --yes", async () => {
    const before = (await requests(sb)).length;
    const result = await runCliOn(sb, ["apply", "plan.json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/without confirmation/);
    expect(await requests(sb, before)).toEqual([]);
  });

  it("refuses an audit file given as a plan", async () => {
    await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir });
    const result = await runCliOn(sb, ["apply", "audit.json", "--yes"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/audit\.json is a rootsweep audit, not a plan/);
  });
});

describe("drift between the audit and apply", () => {
  it("never deletes a credential the plan did not know, and keeps a key used since the audit", async () => {
    const sb = await sandbox({ scenario: mixedScenario() });
    const dir = tempDir();
    try {
      const audited = await runCliOn(sb, ["audit", "--format", "json", "-o", "audit.json"], { cwd: dir });
      expect(audited.code, audited.stderr).toBe(0);
      // Rewrite history: the audit did not see one certificate, and saw an older last use of a key.
      const audit = JSON.parse(readFileSync(join(dir, "audit.json"), "utf8")) as {
        accounts: Array<{
          accountId: string;
          root: { accessKeys: Array<{ id: string; lastUsedAt: string | null }>; signingCertificates: Array<{ id: string }> } | null;
        }>;
      };
      const keys = audit.accounts.find((a) => a.accountId === "222222222222")!.root!;
      keys.accessKeys.find((k) => k.id === "AKIA2222222222OLD002")!.lastUsedAt = "2020-01-01T00:00:00.000Z";
      const certs = audit.accounts.find((a) => a.accountId === "555555555555")!.root!;
      certs.signingCertificates = certs.signingCertificates.filter((c) => c.id !== "CERT55555555555555555555555555B2");
      writeFileSync(join(dir, "audit.json"), JSON.stringify(audit));
      const planned = await runCliOn(sb, ["plan", "--from", "audit.json", "-o", "plan.json"], { cwd: dir });
      expect(planned.code, planned.stderr).toBe(0);
      const applied = await runCliOn(sb, ["apply", "plan.json", "--yes"], { cwd: dir });
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(applied.stdout).toMatch(/Drift \(left alone\)/);
      expect(applied.stdout).toMatch(/CERT55555555555555555555555555B2 appeared after the audit/);
      expect(applied.stdout).toMatch(/AKIA2222222222OLD002 was used since the audit/);
      const state = await stateAccounts(sb);
      expect(credentialIds(state.get("555555555555")!)).toEqual(["CERT55555555555555555555555555B2"]);
      expect(credentialIds(state.get("222222222222")!).sort()).toEqual([
        "AKIA2222222222INUSE1",
        "AKIA2222222222OLD002",
        "GAHT22222222",
        "arn:aws:iam::222222222222:mfa/root-account-mfa-device",
      ]);
    } finally {
      await sb.close();
    }
  });
});

describe("apply under faults", () => {
  it("finishes through throttling, 5xx answers and dropped connections with no failure", async () => {
    const sb = await sandbox({
      scenario: mixedScenario(),
      faultRate: 0.08,
      seed: "faulty-apply",
      throttle: { services: { sts: { rate: 10, burst: 3 }, iam: { rate: 20, burst: 5 } }, operations: {} },
    });
    const dir = tempDir();
    try {
      writeConfig(dir);
      const planned = await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir });
      expect(planned.code, planned.stderr).toBe(0);
      const applied = await runCliOn(sb, ["apply", "plan.json", "--yes", "--concurrency", "6"], { cwd: dir });
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const log = await requests(sb);
      expect(log.some((r) => r.outcome === "Throttling")).toBe(true);
      expect(log.some((r) => r.status >= 500 || r.outcome === "ConnectionDropped")).toBe(true);
      const state = await stateAccounts(sb);
      for (const id of ["555555555555", "666666666666", "888888888888"]) expect(credentialIds(state.get(id)!), id).toEqual([]);
    } finally {
      await sb.close();
    }
  });

  it("takes a new root session when one expires mid-account", async () => {
    const sb = await sandbox({ scenario: mixedScenario(), sessionSeconds: 1, latencyMs: 150 });
    const dir = tempDir();
    try {
      writeConfig(dir);
      expect((await runCliOn(sb, ["plan", "-o", "plan.json"], { cwd: dir })).code).toBe(0);
      const applied = await runCliOn(sb, ["apply", "plan.json", "--yes", "--journal", "j.jsonl", "--no-verify"], { cwd: dir });
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const sessions = readFileSync(join(dir, "j.jsonl"), "utf8")
        .split("\n")
        .filter((l) => l.includes('"type":"session"') && l.includes("222222222222"));
      expect(sessions.length).toBeGreaterThan(1);
      expect((await requests(sb)).some((r) => r.outcome === "ExpiredToken")).toBe(false);
      const state = await stateAccounts(sb);
      expect(credentialIds(state.get("222222222222")!)).toEqual([
        "AKIA2222222222INUSE1",
        "arn:aws:iam::222222222222:mfa/root-account-mfa-device",
        "GAHT22222222",
      ]);
    } finally {
      await sb.close();
      await resetSandbox(sb).catch(() => undefined);
    }
  });
});
