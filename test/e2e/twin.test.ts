// End-to-end: the rehearsal twin. `rootsweep audit --twin` of the demo organization (the generated one
// `rootsweep demo` uses), served by `rootsweep sandbox --from-audit` (the real binary) or loaded as a scenario,
// audits exactly as the original did: every account, credential and finding, with only run metadata
// (timestamps) different. --anonymize keeps the shape and leaves no original in the file; no secret is in it;
// SCP refusals and the delegated administrator come across.
import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { BIN, runCli, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import { type RunningSandbox, sandbox, smallScenario } from "../support/sandbox.js";
import { DENY_ROOT_BLOCKING } from "../support/scenarios.js";

let demo: RunningSandbox;
let dir: string;

const readJson = <T>(file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as T;

/** The audit without what only says when it ran. */
function comparable(report: AuditReport) {
  return {
    ...report,
    generatedAt: undefined,
    accounts: report.accounts.map((account) => ({ ...account, auditedAt: account.auditedAt === null ? null : "(time)" })),
  };
}

/** Every string value in a JSON document (keys are the format's own words, such as "managementAccount"). */
function stringValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringValues);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringValues);
  return [];
}

/** `rootsweep sandbox ARGS` as a user runs it; resolves with its export lines once it listens. */
async function serve(args: string[]): Promise<{ env: Record<string, string>; stderr: () => string; stop: () => Promise<void> }> {
  const child = spawn(BIN, ["sandbox", "--port", "0", ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (stderr.includes("Ctrl-C to stop.")) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`sandbox exited with ${code}: ${stderr}`));
    });
  });
  const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  return {
    env,
    stderr: () => stderr,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs the CLI against a sandbox served by `serve`. */
const runOn = (env: Record<string, string>, args: string[]) =>
  runCli(args, {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", NO_COLOR: "1", ...env },
  });

beforeAll(async () => {
  // `rootsweep demo`'s organization (60 accounts, seed "demo"), with its root features on as after `enable`.
  demo = await sandbox({ accounts: 60, seed: "demo" });
  dir = tempDir("rootsweep-twin-");
  const audited = await runCliOn(demo, ["audit", "--no-progress", "--format", "json", "-o", "audit.json", "--twin", "twin.json"], { cwd: dir });
  expect(audited.code, audited.stderr).toBe(0);
  expect(audited.stderr).toContain("wrote twin scenario");
});
afterAll(() => demo.close());

describe("rootsweep audit --twin / sandbox --from-audit", () => {
  it("the twin served by `sandbox --from-audit` audits equal to the original, credential for credential and finding for finding", async () => {
    const twin = await serve(["--from-audit", "audit.json"]);
    try {
      expect(twin.stderr()).not.toContain("twin:");
      const result = await runOn(twin.env, ["audit", "--no-progress", "--format", "json", "-o", "twin-audit.json", "--twin", "twin-of-twin.json"]);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await twin.stop();
    }
    const original = readJson<AuditReport>("audit.json");
    const rehearsal = readJson<AuditReport>("twin-audit.json");
    expect(original.summary.withCredentials).toBeGreaterThan(10);
    expect(comparable(rehearsal)).toEqual(comparable(original));
    // The twin of the twin is the twin: nothing drifts on the way round (the description names the audit's time).
    const { description: _a, ...first } = readJson<Record<string, unknown>>("twin.json");
    const { description: _b, ...second } = readJson<Record<string, unknown>>("twin-of-twin.json");
    expect(second).toEqual(first);
  });

  it("--anonymize: the same counts and findings, and no original name, email or id anywhere in the file", async () => {
    const written = await runCliOn(
      demo,
      ["audit", "--no-progress", "--format", "json", "-o", "again.json", "--twin", "anon.json", "--anonymize-seed", "rehearsal"],
      { cwd: dir },
    );
    expect(written.code, written.stderr).toBe(0);
    const original = readJson<AuditReport>("audit.json");
    const values = stringValues(readJson<unknown>("anon.json"));
    const originals = [
      original.organizationId!,
      ...original.structure!.organizationalUnits.flatMap((ou) => [ou.id, ou.name]),
      original.structure!.rootId,
      ...original.accounts.flatMap((a) => [a.accountId, a.name, a.email ?? ""]),
      ...original.accounts.flatMap((a) => [
        ...(a.root?.accessKeys.map((k) => k.id) ?? []),
        ...(a.root?.signingCertificates.map((c) => c.id) ?? []),
        ...(a.root?.mfaDevices.map((d) => d.serial) ?? []),
      ]),
    ].filter(Boolean);
    expect(originals.length).toBeGreaterThan(150);
    for (const value of values) for (const o of originals) expect(value.includes(o), `"${o}" in "${value}"`).toBe(false);

    const twin = await serve(["--scenario", "anon.json"]);
    try {
      const result = await runOn(twin.env, ["audit", "--no-progress", "--format", "json", "-o", "anon-audit.json"]);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await twin.stop();
    }
    const rehearsal = readJson<AuditReport>("anon-audit.json");
    expect(rehearsal.summary).toEqual(original.summary);
    const shape = (r: AuditReport) =>
      r.accounts.map((a) => [a.status, a.accountStatus, a.error?.code ?? "", a.findings.map((f) => `${f.checkId}:${f.severity}`).join("+")].join(" ")).sort();
    expect(shape(rehearsal)).toEqual(shape(original));
    expect(rehearsal.findings).toEqual(original.findings);
    // Same seed, same twin.
    await runCliOn(demo, ["audit", "--no-progress", "--format", "json", "-o", "again.json", "--twin", "anon-2.json", "--anonymize-seed", "rehearsal"], {
      cwd: dir,
    });
    const strip = (file: string) => ({ ...readJson<Record<string, unknown>>(file), description: undefined });
    expect(strip("anon-2.json")).toEqual(strip("anon.json"));
  });

  it("holds nothing secret: not the caller's secret key, no session token, not the sandbox's control token", () => {
    for (const file of ["twin.json", "anon.json", "audit.json"]) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).not.toContain(demo.credentials.secretAccessKey);
      expect(text).not.toContain(demo.controlToken);
      expect(text).not.toMatch(/secretAccessKey|sessionToken|SessionToken|SecretAccessKey/);
    }
    expect(readJson<Record<string, unknown>>("twin.json")).not.toHaveProperty("callers");
    // It maps the organization: private to the user, as the env file is.
    expect(statSync(join(dir, "twin.json")).mode & 0o777).toBe(0o600);
  });

  it("refuses --anonymize without --twin, --from-audit with --scenario, and a standalone audit, with exit 2", async () => {
    const alone = await runCliOn(demo, ["audit", "--anonymize"], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("RS_BAD_FLAGS");
    const same = await runCliOn(demo, ["audit", "--format", "json", "-o", "same.json", "--twin", "./same.json"], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("RS_SAME_OUTPUT");
    const both = await runCli(["sandbox", "--from-audit", "audit.json", "--scenario", "twin.json"], { cwd: dir, env: { PATH: process.env.PATH } });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("RS_BAD_FLAGS");
    const standalone = { ...readJson<AuditReport>("audit.json"), organizationId: null, managementAccountId: null, structure: undefined };
    writeFileSync(join(dir, "standalone.json"), JSON.stringify(standalone));
    const refused = await runCli(["sandbox", "--from-audit", "standalone.json"], { cwd: dir, env: { PATH: process.env.PATH } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("RS_TWIN_UNSUPPORTED");
  });
});

describe("a twin with SCPs and a delegated administrator", () => {
  it("carries the SCP that refuses a root session, its target, and the delegated admin: the twin's audit fails the same account", async () => {
    const scpOrg = await sandbox({
      scenario: smallScenario({
        organization: { id: "o-test123456", managementAccount: "111111111111", rootId: "r-test", delegatedAdmin: "333333333333" },
        policies: [{ name: "blocks root sessions", content: DENY_ROOT_BLOCKING, targets: ["Workloads/Prod"] }],
      }),
    });
    try {
      const audited = await runCliOn(
        scpOrg,
        ["audit", "--no-progress", "--allow-unaudited", "--format", "json", "-o", "scp-audit.json", "--twin", "scp-twin.json"],
        { cwd: dir },
      );
      expect(audited.code, audited.stderr).toBe(0);
      expect(audited.stderr).toContain("twin: 1 account was not read by the audit");
    } finally {
      await scpOrg.close();
    }
    const original = readJson<AuditReport>("scp-audit.json");
    expect(original.accounts.find((a) => a.accountId === "222222222222")?.error?.code).toBe("scp-denied");

    const twinScenario = readJson<{ organization: { delegatedAdmin?: string }; policies: Array<{ name: string; targets: string[] }> }>("scp-twin.json");
    expect(twinScenario.organization.delegatedAdmin).toBe("333333333333");
    expect(twinScenario.policies).toEqual([expect.objectContaining({ name: "blocks root sessions", targets: [expect.stringMatching(/^ou-/)] })]);

    const twin = await sandbox({ scenario: readJson("scp-twin.json") });
    try {
      const result = await runCli(["audit", "--no-progress", "--allow-unaudited", "--format", "json", "-o", "scp-twin-audit.json"], {
        cwd: dir,
        env: sandboxEnv(twin),
      });
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await twin.close();
    }
    expect(comparable(readJson<AuditReport>("scp-twin-audit.json"))).toEqual(comparable(original));
  });
});

describe("the rehearsal workflow (docs/rehearsal.md)", () => {
  it("one plan, applied to the twin and then for real in the same directory: the real run counts nothing the rehearsal did", async () => {
    const real = await sandbox({ scenario: smallScenario() });
    const work = tempDir("rootsweep-rehearsal-");
    try {
      const audited = await runCliOn(real, ["audit", "--no-progress", "--format", "json", "-o", "audit.json", "--twin", "twin.json"], { cwd: work });
      expect(audited.code, audited.stderr).toBe(0);
      const twin = await sandbox({ scenario: JSON.parse(readFileSync(join(work, "twin.json"), "utf8")) as never });
      let twinJournal: string;
      try {
        // The plan is made from the real audit, then applied to the twin.
        const planned = await runCliOn(twin, ["plan", "--from", "audit.json", "-o", "plan.json"], { cwd: work });
        expect(planned.code, planned.stderr).toBe(0);
        const rehearsed = await runCliOn(twin, ["apply", "plan.json", "--yes"], { cwd: work });
        expect(rehearsed.code, rehearsed.stderr).toBe(0);
        twinJournal = /journal (\S+\.jsonl)/.exec(rehearsed.stderr)![1]!;
        expect(twin.store.state.accounts.get("222222222222")!.root.signingCertificates).toEqual([]);
      } finally {
        await twin.close();
      }
      // Nothing happened for real yet.
      expect(real.store.state.accounts.get("222222222222")!.root.signingCertificates).toHaveLength(1);

      const resumed = await runCliOn(real, ["apply", "plan.json", "--yes", "--resume", twinJournal], { cwd: work });
      expect(resumed.code).toBe(2);
      expect(resumed.stderr).toContain("RS_JOURNAL_OTHER_ENDPOINT");

      const forReal = await runCliOn(real, ["apply", "plan.json", "--yes"], { cwd: work });
      expect(forReal.code, forReal.stderr).toBe(0);
      expect(forReal.stderr).toContain("not counted: journals of this plan written against another endpoint");
      expect(forReal.stderr).not.toContain("earlier journals of this plan");
      expect(real.store.state.accounts.get("222222222222")!.root.signingCertificates).toEqual([]);
      expect(real.store.state.accounts.get("222222222222")!.root.password).toBeUndefined();
    } finally {
      await real.close();
    }
  });
});

describe("an audit that may not read the SCPs", () => {
  it("records what it could not read and audits every account; the twin says it has no SCPs", async () => {
    const reader = { accessKeyId: "AKIAREADERNOSCPS0001", secretAccessKey: "reader-secret-key-0000000000000000000001" };
    const allow = [
      "sts:*",
      "iam:ListOrganizationsFeatures",
      "organizations:Describe*",
      "organizations:ListRoots",
      "organizations:ListAccountsForParent",
      "organizations:ListOrganizationalUnitsForParent",
      "organizations:ListAWSServiceAccessForOrganization",
      "organizations:ListDelegatedAdministrators",
    ];
    const org = await sandbox({
      scenario: smallScenario({
        policies: [{ name: "blocks root sessions", content: DENY_ROOT_BLOCKING, targets: ["Workloads/Prod"] }],
        callers: [{ account: "111111111111", userName: "reader", ...reader, allow }],
      }),
    });
    try {
      const result = await runCliOn(
        org,
        ["audit", "--no-progress", "--allow-unaudited", "--format", "json", "-o", "reader.json", "--twin", "reader-twin.json"],
        {
          cwd: dir,
          credentials: reader,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/twin: the audit could not read service control policies .*: the twin has none/);
      expect(result.stderr).not.toContain(reader.secretAccessKey);
    } finally {
      await org.close();
    }
    const audit = readJson<AuditReport>("reader.json");
    expect(audit.summary.accounts).toBe(4);
    expect(audit.structure?.serviceControlPolicies).toBeNull();
    expect(audit.structure?.organizationalUnits.map((ou) => ou.name)).toEqual(["Workloads", "Prod"]);
    const unread = audit.structure?.unread ?? [];
    expect(unread).toHaveLength(1);
    expect(unread[0]!.what).toContain("service control policies");
    expect(unread[0]!.message).toMatch(/not authorized|denied/i);
    expect(readJson<{ policies: unknown[] }>("reader-twin.json").policies).toEqual([]);
    expect(readFileSync(join(dir, "reader-twin.json"), "utf8")).not.toContain(reader.secretAccessKey);
  });
});
