// The manual steps of standalone findings: every account check has them, and they name this account's
// own keys, dates, services and regions.
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/checks/index.js";
import { GUIDED_CHECKS, withManualSteps } from "../../src/core/manual-steps.js";
import type { Finding, RootCredentials } from "../../src/core/model.js";

const NOW = new Date("2024-06-10T00:00:00.000Z");

const ROOT: RootCredentials = {
  password: { present: true, createdAt: null, lastUsedAt: "2024-06-07T00:00:00.000Z" },
  accessKeys: [
    {
      id: "access_key_1",
      status: "Active",
      createdAt: "2022-01-02T00:00:00.000Z",
      lastUsedAt: "2024-06-08T12:00:00.000Z",
      lastUsedService: "s3",
      lastUsedRegion: "eu-west-1",
    },
    {
      id: "access_key_2",
      status: "Inactive",
      createdAt: "2023-01-01T00:00:00.000Z",
      lastUsedAt: "2023-02-01T00:00:00.000Z",
      lastUsedService: "ec2",
      lastUsedRegion: "us-east-1",
    },
  ],
  mfaDevices: [],
  signingCertificates: [{ id: "cert_1", status: "Active", uploadedAt: "2020-01-01T00:00:00.000Z" }],
};

const finding = (checkId: string): Finding => ({ checkId, title: "t", severity: "high", controls: [], message: "m", remediation: "org remediation" });
const steps = (checkId: string) => withManualSteps(finding(checkId), { root: ROOT, now: NOW, recentDays: 30 }).manualSteps ?? [];

describe("manual steps for standalone findings", () => {
  it("exist for every account check, and only for account checks", () => {
    const accountChecks = CHECKS.filter((c) => c.scope === "account").map((c) => c.id);
    expect([...GUIDED_CHECKS].sort()).toEqual([...accountChecks].sort());
  });

  it("replace the organization remediation (plan/apply cannot reach a standalone root)", () => {
    for (const id of GUIDED_CHECKS) {
      const guided = withManualSteps(finding(id), { root: ROOT, now: NOW, recentDays: 30 });
      expect(guided.remediation).not.toBe("org remediation");
      expect(guided.remediation).not.toMatch(/rootsweep apply/);
      expect(guided.manualSteps!.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("leave a finding of an unknown check as it was", () => {
    expect(withManualSteps(finding("some-future-check"), { root: ROOT, now: NOW, recentDays: 30 })).toEqual(finding("some-future-check"));
  });

  it("walk each access key from where it is used to deletion", () => {
    const s = steps("root-access-keys");
    expect(s[0]).toMatch(/^access_key_1 \(active, created 2022-01-02, last used 2024-06-08, 1 day ago, by s3 in eu-west-1\)/);
    expect(s[1]).toMatch(/^access_key_2 \(inactive, .*\): already deactivated; delete it/);
    const order = ["role", "Deactivate", "Watch for 30 days", "Delete the key"].map((word) => s.findIndex((step) => step.includes(word)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("say to delete a never-used key at once", () => {
    const root: RootCredentials = { ...ROOT, accessKeys: [{ ...ROOT.accessKeys[0]!, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null }] };
    const s = withManualSteps(finding("root-access-keys"), { root, now: NOW, recentDays: 30 }).manualSteps!;
    expect(s[0]).toMatch(/never used\): nothing depends on it/);
  });

  it("prefer hardware MFA and say why", () => {
    expect(steps("root-mfa-missing").join(" ")).toMatch(/FIDO security key.*phishing.*hardware TOTP token/);
    expect(steps("root-hardware-mfa-missing").join(" ")).toMatch(/Why: a virtual device's secret/);
  });

  it("list only the uses inside the window for recent use", () => {
    const first = steps("root-recently-used")[0]!;
    expect(first).toMatch(/the password was used 2024-06-07 \(3 days ago\)/);
    expect(first).toMatch(/access_key_1 was used 2024-06-08 by s3 in eu-west-1/);
    expect(first).not.toMatch(/access_key_2/);
  });

  it("name each signing certificate", () => {
    expect(steps("root-signing-certificates")[0]).toBe("cert_1 (active, uploaded 2020-01-01).");
  });
});
