// End-to-end: `rootsweep usage` against sandbox organizations with real root use, central root sessions,
// both and neither; window edges; CloudTrail pagination under AWS's LookupEvents rate; GuardDuty on and off.
import { GetUserCommand, IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/core/model.js";
import { parseTrailRecord } from "../../src/core/usage-cloudtrail.js";
import { buildUsageReport } from "../../src/core/usage-report.js";
import { type UsageEvent, type UsageReport, usageReportSchema } from "../../src/core/usage-schema.js";
import { DEFAULT_THROTTLE } from "../../src/sandbox/index.js";
import { DEFAULT_REGIONS } from "../../src/sandbox/state/regions.js";
import { runCli, runCliOn, sandboxEnv, tempDir } from "../support/cli.js";
import {
  controlPost,
  clientConfig,
  type Creds,
  requests,
  rootSession,
  sandbox,
  smallScenario,
  TASK_POLICY,
  type RunningSandbox,
  type ScenarioInput,
} from "../support/sandbox.js";

const DAY = 86_400_000;
const MGMT = "111111111111";
const REAL = "222222222222";
const CENTRAL = "333333333333";
const BOTH = "444444444444";
const NEITHER = "555555555555";
const REAL_KEY = "AKIAREALUSE000000001";
const TRAIL_CENTRAL: Creds = { accessKeyId: "AKIATRAILREADER33333", secretAccessKey: "trail-reader-secret-central-333" };
const TRAIL_BOTH: Creds = { accessKeyId: "AKIATRAILREADER44444", secretAccessKey: "trail-reader-secret-both-444444" };

// Whole seconds, as CloudTrail records them: the window's edge falls exactly on scenario events.
const boundary = new Date(Math.floor((Date.now() - 10 * DAY) / 1000) * 1000);
const at = (offsetMs: number) => new Date(boundary.getTime() + offsetMs).toISOString();
const SINCE = boundary.toISOString();

function usageScenario(): ScenarioInput {
  return {
    organization: { id: "o-usage123456", managementAccount: MGMT, rootId: "r-usag" },
    accounts: [
      {
        id: MGMT,
        name: "management",
        guardDuty: true,
        rootUsage: [
          { at: at(0), kind: "console-login", sourceIp: "198.51.100.7" },
          { at: at(-1000), kind: "access-key", eventName: "ListBuckets", sourceIp: "198.51.100.8" },
        ],
      },
      {
        id: REAL,
        name: "real-use",
        root: {
          password: { createdAt: "-400d", lastUsedAt: at(0) },
          accessKeys: [{ id: REAL_KEY, lastUsed: { date: at(-1000), service: "s3", region: "eu-west-1" } }],
        },
        rootUsage: [{ at: at(DAY), kind: "console-login", sourceIp: "203.0.113.5" }],
      },
      { id: CENTRAL, name: "central-only", root: { accessKeys: [{ id: "AKIACENTRAL000000001" }] } },
      { id: BOTH, name: "both", root: { password: { createdAt: "-400d", lastUsedAt: at(2 * DAY) } }, rootUsage: [{ at: at(2 * DAY), kind: "console-login" }] },
      { id: NEITHER, name: "neither" },
    ],
    callers: [
      { account: CENTRAL, userName: "trail-reader", ...TRAIL_CENTRAL, allow: ["cloudtrail:LookupEvents", "account:ListRegions"] },
      { account: BOTH, userName: "trail-reader", ...TRAIL_BOTH, allow: ["cloudtrail:LookupEvents", "account:ListRegions"] },
    ],
    guardDutyAdmin: MGMT,
  };
}

/** A credentials file with the admin and the two member trail readers as profiles. */
function profilesEnv(sb: RunningSandbox, dir: string): NodeJS.ProcessEnv {
  const file = join(dir, "credentials");
  const profile = (name: string, c: Creds) => `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n`;
  writeFileSync(file, profile("admin", sb.credentials) + profile("trail-central", TRAIL_CENTRAL) + profile("trail-both", TRAIL_BOTH));
  // Only profiles: with static keys in the environment too, the SDK warns about two credential sources.
  return { ...sandboxEnv(sb), AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_SHARED_CREDENTIALS_FILE: file };
}

async function control(sb: RunningSandbox, route: "reset" | "faults"): Promise<void> {
  const response = await controlPost(sb, route);
  expect(response.ok).toBe(true);
}

interface Sessions {
  central: string;
  both: string;
}

/** Two central root sessions made by an administrator, each doing something in its account. */
async function openSessions(sb: RunningSandbox): Promise<Sessions> {
  const central = await rootSession(sb, CENTRAL, TASK_POLICY.audit);
  await new IAMClient(clientConfig(sb, central)).send(new GetUserCommand({}));
  const both = await rootSession(sb, BOTH, TASK_POLICY.audit);
  const iam = new IAMClient(clientConfig(sb, both));
  await iam.send(new GetUserCommand({}));
  await iam.send(new ListAccessKeysCommand({}));
  return { central: central.accessKeyId, both: both.accessKeyId };
}

const ofKind = (report: UsageReport, kind: UsageEvent["kind"], accountId?: string) =>
  report.events.filter((e) => e.kind === kind && (accountId === undefined || e.accountId === accountId));

function parseReport(stdout: string): UsageReport {
  return usageReportSchema.parse(JSON.parse(stdout));
}

describe("rootsweep usage: real root use, central sessions, both, neither", () => {
  let sb: RunningSandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let sessions: Sessions;
  let full: UsageReport;
  let fullSessions: Sessions;
  let fullOutput: string;
  let fullLog: Awaited<ReturnType<typeof requests>>;
  let fullSecrets: string[];

  /** Back to the scenario's state, then the test's own central sessions, so runs do not see each other. */
  async function fresh(): Promise<void> {
    await control(sb, "reset");
    sessions = await openSessions(sb);
  }

  const usage = (args: string[]) => runCli(["usage", "--profile", "admin", ...args], { env });

  beforeAll(async () => {
    sb = await sandbox({ scenario: usageScenario() });
    dir = tempDir();
    env = profilesEnv(sb, dir);
    await fresh();
    fullSessions = sessions;
    const seq = (await requests(sb)).length;
    const result = await usage(["--since", SINCE, "--format", "json", "--guardduty", "--trail-profile", "trail-central", "--trail-profile", "trail-both"]);
    expect(result.code, result.stderr).toBe(0);
    fullOutput = result.stdout + result.stderr;
    full = parseReport(result.stdout);
    fullLog = (await requests(sb)).filter((r) => r.seq > seq);
    fullSecrets = [...sb.store.sessions.values()].flatMap((s) => [s.secretAccessKey, s.sessionToken]);
  });
  afterAll(() => sb.close());

  it("real root use only: labelled root-use from IAM last use and GuardDuty; --fail-on-use exits 1", async () => {
    await fresh();
    const result = await usage(["--accounts", REAL, "--since", SINCE, "--guardduty", "--format", "json", "--fail-on-use"]);
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.events.length).toBeGreaterThan(0);
    expect(report.events.every((e) => e.kind === "root-use" && e.accountId === REAL)).toBe(true);
    expect(report.events.map((e) => e.source).sort()).toEqual(["guardduty", "iam-last-used"]);
    expect(report.accounts).toHaveLength(1);
    expect(report.accounts[0]).toMatchObject({ accountId: REAL, rootUse: true, centralRootSessions: 0 });
  });

  it("central sessions only: reported with caller, account, task policy and actions; --fail-on-use exits 0", async () => {
    await fresh();
    const result = await usage([
      "--accounts",
      CENTRAL,
      "--since",
      SINCE,
      "--guardduty",
      "--trail-profile",
      "trail-central",
      "--format",
      "json",
      "--fail-on-use",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result.stdout);
    expect(ofKind(report, "root-use")).toEqual([]);
    const central = ofKind(report, "central-root-session");
    expect(central).toHaveLength(1);
    expect(central[0]).toMatchObject({
      source: "cloudtrail",
      accountId: CENTRAL,
      accountName: "central-only",
      taskPolicyArn: TASK_POLICY.audit,
      sessionAccessKeyId: sessions.central,
      caller: { accountId: MGMT },
      actionsVisible: true,
      errorCode: null,
    });
    const session = central[0]!.source === "cloudtrail" && central[0]!.kind === "central-root-session" ? central[0]! : null;
    expect(session?.caller?.arn).toMatch(/^arn:aws:iam::111111111111:user\//);
    expect(session?.actions.map((a) => [a.eventName, a.eventSource])).toEqual([["GetUser", "iam.amazonaws.com"]]);
    expect(report.accounts[0]).toMatchObject({ accountId: CENTRAL, rootUse: false, centralRootSessions: 1 });
  });

  it("both: root use and the central session are told apart in the same account; --fail-on-use exits 1", async () => {
    await fresh();
    const result = await usage(["--accounts", BOTH, "--since", SINCE, "--trail-profile", "trail-both", "--format", "json", "--fail-on-use"]);
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result.stdout);
    const uses = ofKind(report, "root-use", BOTH);
    // The password's last use (IAM) and the console sign-in itself (BOTH's own CloudTrail).
    expect(uses.map((e) => e.source).sort()).toEqual(["cloudtrail", "iam-last-used"]);
    const signIn = uses.find((e) => e.source === "cloudtrail");
    expect(signIn).toMatchObject({ eventName: "ConsoleLogin", time: at(2 * DAY), accountId: BOTH });
    const central = ofKind(report, "central-root-session", BOTH);
    expect(central).toHaveLength(1);
    expect(central[0]).toMatchObject({ sessionAccessKeyId: sessions.both, actionsVisible: true });
    if (central[0]!.source === "cloudtrail" && central[0]!.kind === "central-root-session") {
      expect(central[0]!.actions.map((a) => a.eventName)).toEqual(["GetUser", "ListAccessKeys"]);
    }
  });

  it("neither: nothing to report, exit 0 with --fail-on-use", async () => {
    await fresh();
    const result = await usage(["--accounts", NEITHER, "--since", SINCE, "--guardduty", "--format", "json", "--fail-on-use"]);
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.events).toEqual([]);
    expect(report.accounts).toEqual([
      expect.objectContaining({
        accountId: NEITHER,
        rootUse: false,
        centralRootSessions: 0,
        lastUse: { password: { present: false, lastUsedAt: null, withinWindow: false }, accessKeys: [] },
      }),
    ]);
    expect(report.summary).toMatchObject({ rootUseEvents: 0, centralRootSessions: 0, accountsWithRootUse: 0 });
  });

  it("without the member's CloudTrail, a session's actions are reported as not visible, not as none", async () => {
    await fresh();
    const result = await usage(["--accounts", CENTRAL, "--since", SINCE, "--format", "json"]);
    const [session] = ofKind(parseReport(result.stdout), "central-root-session");
    expect(session).toMatchObject({ sessionAccessKeyId: sessions.central, actionsVisible: false, actions: [] });
  });

  it("the whole organization: every kind of evidence, each labelled, newest first", () => {
    const centralKeys = ofKind(full, "central-root-session").flatMap((e) =>
      e.source === "cloudtrail" && e.kind === "central-root-session" ? [e.sessionAccessKeyId] : [],
    );
    // Exactly the administrator's two sessions: the run's own audit sessions started after its window ends.
    expect(centralKeys.sort()).toEqual([fullSessions.central, fullSessions.both].sort());
    expect(new Set(ofKind(full, "root-use").map((e) => e.accountId))).toEqual(new Set([MGMT, REAL, BOTH]));
    expect(full.summary).toMatchObject({ accounts: 5, accountsRead: 4, accountsWithRootUse: 3, centralRootSessions: 2 });
    const times = full.events.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(full.sources.filter((s) => s.status !== "ok")).toEqual([]);
    expect([...new Set(full.sources.map((s) => `${s.source}:${s.accountId ?? "-"}`))].sort()).toEqual(
      ["cloudtrail:111111111111", "cloudtrail:333333333333", "cloudtrail:444444444444", "guardduty:111111111111", "iam-last-used:-"].sort(),
    );
    // Every Region each account has enabled, listed with its own credentials: the 17 enabled by default.
    expect(full.regions).toEqual([...DEFAULT_REGIONS].sort());
    expect(full.regionsRead.map((r) => [r.source, r.accountId, r.from, r.regions.length])).toEqual([
      ["cloudtrail", MGMT, "enabled", 17],
      ["cloudtrail", CENTRAL, "enabled", 17],
      ["cloudtrail", BOTH, "enabled", 17],
      ["guardduty", MGMT, "enabled", 17],
    ]);
    expect(full.sources.filter((s) => s.source === "cloudtrail" && s.accountId === CENTRAL)).toHaveLength(17);
  });

  it("window edges are inclusive: evidence exactly at --since counts, one second earlier does not", () => {
    const real = full.accounts.find((a) => a.accountId === REAL)!;
    expect(real.lastUse!.password).toEqual({ present: true, lastUsedAt: at(0), withinWindow: true });
    expect(real.lastUse!.accessKeys).toEqual([
      expect.objectContaining({ id: REAL_KEY, lastUsedAt: at(-1000), lastUsedService: "s3", lastUsedRegion: "eu-west-1", withinWindow: false }),
    ]);
    const lastUsed = full.events.filter((e) => e.source === "iam-last-used" && e.accountId === REAL);
    expect(lastUsed).toEqual([expect.objectContaining({ credential: "password", time: at(0) })]);
    // The management account's root events come from the caller's own CloudTrail.
    const trail = full.events.filter((e) => e.source === "cloudtrail" && e.kind === "root-use" && e.accountId === MGMT);
    expect(trail).toEqual([expect.objectContaining({ eventName: "ConsoleLogin", time: at(0), sourceIp: "198.51.100.7" })]);
    const findings = full.events.filter((e) => e.source === "guardduty" && e.accountId === MGMT);
    expect(findings).toEqual([expect.objectContaining({ api: "ConsoleLogin", lastSeen: at(0), kind: "root-use" })]);
  });

  it("a duration window (2w, 216h) moves the edge: 10-day-old events are in 2w and out of 9 days", async () => {
    await fresh();
    const wide = parseReport((await usage(["--since", "2w", "--format", "json"])).stdout);
    const narrow = parseReport((await usage(["--since", "216h", "--format", "json"])).stdout);
    const mgmtUse = (r: UsageReport) => r.events.filter((e) => e.accountId === MGMT && e.kind === "root-use").length;
    expect(mgmtUse(wide)).toBe(2);
    expect(mgmtUse(narrow)).toBe(0);
    expect(wide.window.given).toBe("2w");
    expect(Date.parse(wide.window.until) - Date.parse(wide.window.since)).toBe(14 * DAY);
  });

  it("GuardDuty findings come from the administrator's detector for every member with root use", () => {
    const findings = full.events.filter((e) => e.source === "guardduty");
    expect(findings.map((e) => e.accountId).sort()).toEqual([MGMT, REAL, BOTH].sort());
    for (const f of findings) {
      expect(f).toMatchObject({ kind: "root-use", findingType: "Policy:IAMUser/RootCredentialUsage", detectorAccountId: MGMT });
    }
  });

  it("read only: Get/List/Lookup and audit root sessions, nothing else", () => {
    const log = fullLog;
    expect(log.length).toBeGreaterThan(0);
    const writes = log.filter((r) => !/^(Get|List|Describe|Lookup|AssumeRoot$)/.test(r.operation));
    expect(writes).toEqual([]);
    const sessionPolicies = new Set(log.filter((r) => r.principal === "root-session").map((r) => r.taskPolicy));
    expect(sessionPolicies).toEqual(new Set([TASK_POLICY.audit]));
    expect(log.filter((r) => r.operation === "AssumeRoot")).toHaveLength(4);
  });

  it("never prints session secrets", () => {
    // The administrator's two sessions and the run's four audit sessions.
    expect(fullSecrets).toHaveLength(12);
    for (const secret of fullSecrets) expect(fullOutput).not.toContain(secret);
  });

  it("the table puts real root use and central sessions in separate sections", async () => {
    await fresh();
    const result = await usage(["--since", SINCE, "--trail-profile", "trail-central"]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).not.toContain("\u001b[");
    const real = out.indexOf("Real root use");
    const central = out.indexOf("Central root sessions");
    expect(real).toBeGreaterThanOrEqual(0);
    expect(central).toBeGreaterThan(real);
    const realSection = out.slice(real, central);
    expect(realSection).toContain(REAL);
    expect(realSection).not.toContain(CENTRAL);
    const centralSection = out.slice(central);
    expect(centralSection).toMatch(new RegExp(`${CENTRAL}\\s+IAMAuditRootUserCredentials\\s+${MGMT}:user/\\S+\\s+1: GetUser`));
    expect(centralSection).toMatch(new RegExp(`${BOTH}\\s+IAMAuditRootUserCredentials.*not visible`));
    expect(out).toMatch(/REAL ROOT USE in 3 accounts/);
  });

  it("bad --since, --regions and unreadable profiles are clear errors or gaps; bad flags change nothing", async () => {
    const before = (await requests(sb)).length;
    for (const [args, pattern] of [
      [["--since", "yesterday"], /--since.*expected a duration such as 30d.*or a date/],
      [["--since", "2999-01-01"], /--since 2999-01-01: the date is in the future/],
      [["--since", "2026-01-01T10:00"], /no time zone/],
      [["--regions", "moon-base"], /not an AWS Region name/],
    ] as const) {
      const result = await usage([...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await requests(sb)).length).toBe(before);
  });

  it("a trail profile without CloudTrail access is reported as a gap, the rest still read", async () => {
    await fresh();
    // trail-central may call only cloudtrail:LookupEvents: GuardDuty with it is refused.
    const result = await usage(["--since", SINCE, "--format", "json", "--guardduty-profile", "trail-central"]);
    // Fails closed: an evidence source that could not be read is a gap, named on the last line.
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(/\d+ evidence sources? could not be read \(read-failed: guardduty \d{12} [a-z0-9-]+/);
    const report = parseReport(result.stdout);
    const gd = report.sources.find((s) => s.source === "guardduty" && s.region === "us-east-1")!;
    expect(gd).toMatchObject({ accountId: CENTRAL, region: "us-east-1", status: "error" });
    expect(gd.message).toMatch(/AccessDenied|not authorized/);
    expect(gd.message).toMatch(/--guardduty-profile/);
    expect(result.stderr).toContain(`rootsweep: warning: --guardduty-profile trail-central: could not read GuardDuty findings`);
    expect(ofKind(report, "root-use", REAL).length).toBeGreaterThan(0);
  });
});

describe("rootsweep usage: GuardDuty absent", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
  });
  afterAll(() => sb.close());

  it("says GuardDuty is not enabled in the account and Region, in JSON and on stderr; that alone fails nothing", async () => {
    // 333333333333 has no root credentials and no root use.
    const result = await runCliOn(sb, ["usage", "--guardduty", "--format", "json", "--fail-on-use", "--accounts", "333333333333"]);
    const report = parseReport(result.stdout);
    const gd = report.sources.filter((s) => s.source === "guardduty");
    // Read in every enabled Region, and not enabled in any of them.
    expect(gd).toHaveLength(DEFAULT_REGIONS.length);
    expect(gd.every((s) => s.status === "not-enabled" && s.accountId === "111111111111")).toBe(true);
    expect(gd.find((s) => s.region === "us-east-1")!.message).toContain("GuardDuty is not enabled in 111111111111 us-east-1");
    // One note for the 17 Regions, not 17 notes.
    expect(result.stderr).toMatch(
      /rootsweep: note: GuardDuty is not enabled in 111111111111 ap-northeast-1 .*\(the same in ap-northeast-2, .*us-east-1, us-east-2, us-west-1, us-west-2\)\n/,
    );
    expect(result.stderr.match(/rootsweep: note:/g)).toHaveLength(1);
    expect(result.code, result.stderr).toBe(0);
    expect(report.events.filter((e) => e.kind === "root-use")).toEqual([]);
  });

  it("the table lists it under Not covered", async () => {
    const result = await runCliOn(sb, ["usage", "--guardduty"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /Not covered\n {2}guardduty 111111111111 in 17 Regions \(ap-northeast-1, [^)]*us-east-1[^)]*\): not-enabled: GuardDuty is not enabled in 111111111111/,
    );
  });

  it("reads the Regions --regions names: AssumeRoot events land in the Region of the STS endpoint used", async () => {
    const sts = new STSClient(clientConfig(sb, sb.credentials, "eu-west-1"));
    const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: "333333333333", TaskPolicyArn: { arn: TASK_POLICY.audit } }));
    const key = out.Credentials!.AccessKeyId!;
    const onlyUs = parseReport((await runCliOn(sb, ["usage", "--format", "json", "--regions", "us-east-1"])).stdout);
    const both = parseReport((await runCliOn(sb, ["usage", "--format", "json", "--regions", "us-east-1,eu-west-1"])).stdout);
    const keys = (r: UsageReport) => r.events.flatMap((e) => (e.source === "cloudtrail" && e.kind === "central-root-session" ? [e.sessionAccessKeyId] : []));
    expect(keys(onlyUs)).not.toContain(key);
    expect(keys(both)).toContain(key);
    expect(both.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(both.regionsRead).toEqual([{ source: "cloudtrail", accountId: "111111111111", regions: ["us-east-1", "eu-west-1"], from: "given" }]);
    expect(
      both.sources
        .filter((x) => x.source === "cloudtrail")
        .map((x) => x.region)
        .sort(),
    ).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("a window longer than CloudTrail's 90 days is read and reported as partial", async () => {
    const result = await runCliOn(sb, ["usage", "--since", "100d", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const partial = parseReport(result.stdout).sources.filter((x) => x.status === "partial");
    expect(partial.map((x) => x.source)).toEqual(["cloudtrail"]);
    expect(partial[0]!.message).toMatch(/only the last 90/);
    expect(result.stderr).toMatch(/rootsweep: warning: --since 100d reaches back more than 90 days/);
  });

  it("refused credentials: exit 3 with one clear line, no stack", async () => {
    const result = await runCliOn(sb, ["usage"], { credentials: { accessKeyId: "AKIAWRONGWRONGWRONG1", secretAccessKey: "not-the-right-secret-at-all" } });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^rootsweep: Could not identify the caller \(sts:GetCallerIdentity\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("without --guardduty GuardDuty is not called at all", async () => {
    const before = (await requests(sb)).length;
    await runCliOn(sb, ["usage", "--format", "json"]);
    const log = (await requests(sb)).slice(before);
    expect(log.some((r) => r.operation === "LookupEvents")).toBe(true);
    expect(log.filter((r) => r.service === "guardduty")).toEqual([]);
  });
});

describe("rootsweep usage: many events under AWS's LookupEvents rate", () => {
  const EVENTS = 130;
  const SESSIONS = 55;
  let sb: RunningSandbox;
  let report: UsageReport;

  beforeAll(async () => {
    const scenario: ScenarioInput = {
      organization: { id: "o-usagepages1", managementAccount: MGMT, rootId: "r-page" },
      accounts: [
        {
          id: MGMT,
          name: "management",
          rootUsage: Array.from({ length: EVENTS }, (_, i) => ({
            at: `-${i + 1}m`,
            kind: i % 2 ? ("access-key" as const) : ("console-login" as const),
            ...(i % 2 ? { eventName: `ListBuckets` } : {}),
          })),
        },
        { id: REAL, name: "member" },
      ],
    };
    sb = await sandbox({ scenario, throttle: DEFAULT_THROTTLE });
    for (let i = 0; i < SESSIONS; i++) await rootSession(sb, REAL, TASK_POLICY.audit);
    // One Region: the point here is paging and spacing within one account and Region.
    const result = await runCliOn(sb, ["usage", "--since", "1d", "--format", "json", "--regions", "us-east-1"]);
    expect(result.code, result.stderr).toBe(0);
    report = parseReport(result.stdout);
  });
  afterAll(() => sb.close());

  it("reads every page: all root events and all AssumeRoot sessions", () => {
    expect(report.events.filter((e) => e.kind === "root-use" && e.source === "cloudtrail")).toHaveLength(EVENTS);
    expect(report.summary.centralRootSessions).toBe(SESSIONS);
    expect(new Set(report.events.map((e) => (e.source !== "cloudtrail" ? null : e.kind === "root-use" ? e.eventId : e.startEventId))).size).toBe(
      EVENTS + SESSIONS,
    );
  });

  it("never gets a ThrottlingException and spaces LookupEvents at most 2 per second", async () => {
    const log = (await requests(sb)) as Array<Awaited<ReturnType<typeof requests>>[number] & { time: string }>;
    const lookups = log.filter((r) => r.operation === "LookupEvents");
    // 130 root events: 3 pages of 50; 55 AssumeRoot events: 2 pages.
    expect(lookups).toHaveLength(5);
    expect(lookups.every((r) => r.status === 200)).toBe(true);
    expect(log.filter((r) => /Throttl/.test(r.outcome))).toEqual([]);
    // Logged when answered, so each time carries a little handling jitter: no three within 950 ms.
    const times = lookups.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(950);
  });
});

function emptyAudit(): AuditReport {
  return {
    schemaVersion: "1.0",
    tool: { name: "rootsweep", version: "test" },
    generatedAt: "2026-03-01T00:00:00.000Z",
    organizationId: "o-test123456",
    managementAccountId: MGMT,
    caller: { arn: `arn:aws:iam::${MGMT}:user/admin`, accountId: MGMT, role: "management" },
    features: null,
    settings: { recentDays: 30 },
    findings: [],
    accounts: [],
    summary: {
      accounts: 0,
      audited: 0,
      withCredentials: 0,
      clean: 0,
      failed: 0,
      skipped: 0,
      management: 0,
      credentials: { passwords: 0, accessKeys: 0, activeAccessKeys: 0, mfaDevices: 0, signingCertificates: 0 },
      findingsBySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
      findingsByCheck: {},
    },
  };
}

describe("usage report format", () => {
  it("a GuardDuty finding made with a known central session's key is a central session, not root use", () => {
    const audit = emptyAudit();
    const assumeRoot = JSON.stringify({
      eventID: "e-1",
      eventTime: "2026-02-20T10:00:00Z",
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRoot",
      awsRegion: "us-east-1",
      recipientAccountId: MGMT,
      userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${MGMT}:user/admin`, accountId: MGMT },
      requestParameters: { targetPrincipal: REAL, taskPolicyArn: { arn: TASK_POLICY.s3Unlock } },
      responseElements: { credentials: { accessKeyId: "ASIASESSION000000001", sessionToken: "SECRET-TOKEN", expiration: "x" } },
    });
    const record = parseTrailRecord({ cloudTrailEvent: assumeRoot }, MGMT)!;
    // Only the fields rootsweep uses survive parsing: the session token never travels further.
    expect(JSON.stringify(record)).not.toContain("SECRET-TOKEN");
    expect(record.assumeRoot).toEqual({ targetAccountId: REAL, taskPolicyArn: TASK_POLICY.s3Unlock, sessionAccessKeyId: "ASIASESSION000000001" });
    const finding = (id: string, key: string) => ({
      id,
      accountId: REAL,
      region: "us-east-1",
      type: "Policy:IAMUser/RootCredentialUsage",
      severity: 2,
      updatedAt: "2026-02-20T10:01:00.000Z",
      firstSeen: null,
      lastSeen: "2026-02-20T10:01:00.000Z",
      count: 1,
      archived: false,
      api: "DeleteBucketPolicy",
      serviceName: "s3.amazonaws.com",
      sourceIp: null,
      accessKeyId: key,
      detectorAccountId: MGMT,
    });
    const report = buildUsageReport({
      audit,
      window: { since: new Date("2026-02-01T00:00:00Z"), until: new Date("2026-03-01T00:00:00Z"), given: "2026-02-01" },
      regions: ["us-east-1"],
      regionsRead: [],
      narrowed: false,
      records: [record],
      trailAccounts: [MGMT],
      findings: [finding("f-session", "ASIASESSION000000001"), finding("f-root", "AKIAROOTKEY000000001")],
      sources: [],
      toolVersion: "test",
    });
    const byId = (id: string) => report.events.find((e) => e.source === "guardduty" && e.findingId === id);
    expect(byId("f-session")?.kind).toBe("central-root-session");
    expect(byId("f-root")?.kind).toBe("root-use");
    expect(JSON.stringify(report)).not.toContain("SECRET-TOKEN");
  });

  it("joins a member's root event to its AssumeRoot by access key id, with or without sessionContext.assumedRoot", () => {
    const start = parseTrailRecord(
      {
        cloudTrailEvent: JSON.stringify({
          eventID: "start",
          eventTime: "2026-02-20T10:00:00Z",
          eventSource: "sts.amazonaws.com",
          eventName: "AssumeRoot",
          awsRegion: "ap-southeast-2",
          recipientAccountId: MGMT,
          userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${MGMT}:user/alice`, accountId: MGMT },
          requestParameters: { targetPrincipal: REAL, taskPolicyArn: { arn: TASK_POLICY.s3Unlock } },
          responseElements: { credentials: { accessKeyId: "ASIAJOINED0000000001" } },
        }),
      },
      MGMT,
    )!;
    const rootEvent = (id: string, key: string | null, assumedRoot: boolean, eventName: string) =>
      parseTrailRecord(
        {
          cloudTrailEvent: JSON.stringify({
            eventID: id,
            eventTime: "2026-02-20T10:00:05Z",
            eventSource: "s3.amazonaws.com",
            eventName,
            awsRegion: "eu-west-1",
            eventType: "AwsApiCall",
            recipientAccountId: REAL,
            userIdentity: {
              type: "Root",
              arn: `arn:aws:iam::${REAL}:root`,
              accountId: REAL,
              ...(key ? { accessKeyId: key } : {}),
              ...(assumedRoot ? { sessionContext: { assumedRoot: "true" } } : {}),
            },
          }),
        },
        REAL,
      )!;
    const report = buildUsageReport({
      audit: emptyAudit(),
      window: { since: new Date("2026-02-01T00:00:00Z"), until: new Date("2026-03-01T00:00:00Z"), given: "2026-02-01" },
      regions: ["ap-southeast-2", "eu-west-1"],
      regionsRead: [],
      narrowed: false,
      records: [
        start,
        // The session's key, but no sessionContext: joined by the key alone.
        rootEvent("by-key", "ASIAJOINED0000000001", false, "DeleteBucketPolicy"),
        // assumedRoot with a key whose AssumeRoot is out of sight: a session without its start.
        rootEvent("by-context", "ASIAORPHAN0000000001", true, "GetBucketPolicy"),
        // Neither: root's own key.
        rootEvent("real", "AKIAROOTKEY000000001", false, "ListBuckets"),
      ],
      trailAccounts: [REAL],
      findings: [],
      sources: [],
      toolVersion: "test",
    });
    const sessions = report.events.flatMap((e) => (e.source === "cloudtrail" && e.kind === "central-root-session" ? [e] : []));
    const joined = sessions.find((e) => e.sessionAccessKeyId === "ASIAJOINED0000000001");
    expect(joined).toMatchObject({
      accountId: REAL,
      startEventId: "start",
      caller: { arn: `arn:aws:iam::${MGMT}:user/alice` },
      taskPolicyArn: TASK_POLICY.s3Unlock,
      startedAt: "2026-02-20T10:00:00.000Z",
      region: "ap-southeast-2",
    });
    expect(joined!.actions.map((a) => a.eventId)).toEqual(["by-key"]);
    expect(sessions.find((e) => e.sessionAccessKeyId === "ASIAORPHAN0000000001")).toMatchObject({
      startEventId: null,
      actions: [expect.objectContaining({ eventId: "by-context" })],
    });
    const uses = report.events.filter((e) => e.kind === "root-use");
    expect(uses).toEqual([expect.objectContaining({ source: "cloudtrail", eventId: "real", accessKeyId: "AKIAROOTKEY000000001" })]);
  });
});

describe("rootsweep usage: every enabled Region, sessions joined by access key id", () => {
  const OPT_IN = "me-central-1";
  const ADMIN: Creds = { accessKeyId: "AKIAREGIONSADMIN0001", secretAccessKey: "regions-admin-secret-00000000000" };
  const NO_REGIONS: Creds = { accessKeyId: "AKIANOLISTREGIONS001", secretAccessKey: "no-list-regions-secret-0000000" };
  let sb: RunningSandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sb = await sandbox({
      scenario: {
        organization: { id: "o-usageregion", managementAccount: MGMT, rootId: "r-regn" },
        accounts: [
          // The caller's account has enabled one opt-in Region; nobody else has.
          { id: MGMT, name: "management", optInRegions: [OPT_IN] },
          // Real root use: a password sign-in, no session key anywhere near it.
          { id: CENTRAL, name: "member", rootUsage: [{ at: "-2h", kind: "console-login", sourceIp: "203.0.113.77" }] },
        ],
        callers: [
          { account: MGMT, userName: "admin", ...ADMIN, allow: ["*"] },
          { account: CENTRAL, userName: "trail-reader", ...TRAIL_CENTRAL, allow: ["cloudtrail:LookupEvents", "account:ListRegions"] },
          // Everything usage needs except account:ListRegions.
          { account: MGMT, userName: "no-regions", ...NO_REGIONS, allow: ["organizations:*", "sts:*", "iam:*", "cloudtrail:*"] },
        ],
      },
    });
    const dir = tempDir();
    const file = join(dir, "credentials");
    const profile = (name: string, c: Creds) => `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n`;
    writeFileSync(file, profile("admin", ADMIN) + profile("trail-central", TRAIL_CENTRAL) + profile("no-regions", NO_REGIONS));
    env = { ...sandboxEnv(sb), AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_SHARED_CREDENTIALS_FILE: file };
  });
  afterAll(() => sb.close());

  const usage = async (profile: string, args: string[]) => {
    const result = await runCli(["usage", "--profile", profile, "--since", "1d", "--format", "json", ...args], { env });
    expect(result.code, result.stderr).toBe(0);
    return { report: parseReport(result.stdout), stderr: result.stderr };
  };

  /** A session opened through the STS endpoint of `region`, which then calls IAM GetUser in the member. */
  async function sessionThrough(region: string): Promise<{ key: string; openedAt: number }> {
    const openedAt = Math.floor(Date.now() / 1000) * 1000;
    const sts = new STSClient(clientConfig(sb, ADMIN, region));
    const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: CENTRAL, TaskPolicyArn: { arn: TASK_POLICY.audit } }));
    const c = out.Credentials!;
    await new IAMClient(clientConfig(sb, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })).send(
      new GetUserCommand({}),
    );
    return { key: c.AccessKeyId!, openedAt };
  }

  const sessionsOf = (r: UsageReport) => r.events.flatMap((e) => (e.source === "cloudtrail" && e.kind === "central-root-session" ? [e] : []));

  it("the sandbox logs a session's actions in the member account with the session's key and assumedRoot", async () => {
    const { key } = await sessionThrough("eu-west-1");
    const trail = new CloudTrailClient(clientConfig(sb, TRAIL_CENTRAL, "us-east-1"));
    const out = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: key }] }));
    const records = (out.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as { eventName: string; recipientAccountId: string; userIdentity: unknown });
    expect(records.map((r) => [r.eventName, r.recipientAccountId])).toEqual([["GetUser", CENTRAL]]);
    expect(records[0]!.userIdentity).toMatchObject({ type: "Root", accountId: CENTRAL, accessKeyId: key, sessionContext: { assumedRoot: "true" } });
  });

  it("an AssumeRoot through an opt-in Region's STS endpoint is found by default, joined to its actions by key, never root use", async () => {
    const { key, openedAt } = await sessionThrough(OPT_IN);
    const { report } = await usage("admin", ["--trail-profile", "trail-central"]);
    const session = sessionsOf(report).find((e) => e.sessionAccessKeyId === key);
    expect(session).toMatchObject({
      accountId: CENTRAL,
      region: OPT_IN,
      taskPolicyArn: TASK_POLICY.audit,
      caller: { arn: `arn:aws:iam::${MGMT}:user/admin`, accountId: MGMT },
      actionsVisible: true,
    });
    expect(Date.parse(session!.startedAt!)).toBeGreaterThanOrEqual(openedAt);
    // The member's GetUser, logged in us-east-1 with the session's key: joined to the me-central-1 AssumeRoot.
    expect(session!.actions.map((a) => [a.eventName, a.region])).toEqual([["GetUser", "us-east-1"]]);
    // The only real root use is the password sign-in.
    const uses = report.events.filter((e) => e.kind === "root-use");
    expect(uses).toEqual([
      expect.objectContaining({ source: "cloudtrail", accountId: CENTRAL, eventName: "ConsoleLogin", accessKeyId: null, sourceIp: "203.0.113.77" }),
    ]);
    // The caller's account is read in its 17 default Regions and the one it opted into, not in the others.
    const caller = report.regionsRead.find((r) => r.source === "cloudtrail" && r.accountId === MGMT)!;
    expect(caller).toMatchObject({ from: "enabled" });
    expect(caller.regions).toEqual([...DEFAULT_REGIONS, OPT_IN].sort());
    expect(report.regionsRead.find((r) => r.accountId === CENTRAL)!.regions).toEqual([...DEFAULT_REGIONS].sort());
    expect(report.regions).toContain(OPT_IN);
    expect(report.regions).not.toContain("af-south-1");
    expect(report.sources.filter((s) => s.status !== "ok")).toEqual([]);
  });

  it("--regions narrows: the opt-in Region's AssumeRoot is then out of sight, and the report says what was read", async () => {
    const { key } = await sessionThrough(OPT_IN);
    const { report } = await usage("admin", ["--regions", "us-east-1", "--trail-profile", "trail-central"]);
    expect(report.regions).toEqual(["us-east-1"]);
    expect(report.regionsRead.map((r) => [r.accountId, r.from, r.regions])).toEqual([
      [MGMT, "given", ["us-east-1"]],
      [CENTRAL, "given", ["us-east-1"]],
    ]);
    expect(new Set(report.sources.filter((s) => s.source === "cloudtrail").map((s) => s.region))).toEqual(new Set(["us-east-1"]));
    // Its actions are still seen in the member (us-east-1): a central session without its start, not root use.
    const session = sessionsOf(report).find((e) => e.sessionAccessKeyId === key);
    expect(session).toMatchObject({ startEventId: null, caller: null, actions: [expect.objectContaining({ eventName: "GetUser" })] });
    const uses = report.events.filter((e) => e.kind === "root-use");
    expect(uses.map((e) => (e.source === "cloudtrail" && e.kind === "root-use" ? e.eventName : e.source))).toEqual(["ConsoleLogin"]);
  });

  it("Regions that cannot be listed: the source is reported as not read, with what was read instead", async () => {
    // Regions left unread are a gap: it fails closed unless accepted.
    const { report, stderr } = await usage("no-regions", ["--allow-unaudited"]);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(/warning: 1 evidence source could not be read \(read-failed: cloudtrail \d{12}\); accepted/);
    expect(report.regionsRead).toEqual([{ source: "cloudtrail", accountId: MGMT, regions: ["us-east-1"], from: "fallback" }]);
    const gap = report.sources.find((s) => s.source === "cloudtrail" && s.region === null);
    expect(gap).toMatchObject({ accountId: MGMT, status: "error" });
    expect(gap!.message).toMatch(
      /could not list Regions \(account:ListRegions\): .*(AccessDenied|not authorized).*allow account:ListRegions.*; read only us-east-1; pass --regions/,
    );
    expect(report.summary.incompleteSources).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/rootsweep: warning: caller: could not list Regions/);
    // Given Regions need no listing: the same credentials then read without a gap.
    const given = await usage("no-regions", ["--regions", "us-east-1,eu-west-1"]);
    expect(given.report.sources.filter((s) => s.status !== "ok")).toEqual([]);
    expect(given.report.regionsRead[0]).toMatchObject({ from: "given", regions: ["us-east-1", "eu-west-1"] });
  });
});
