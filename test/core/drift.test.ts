// detectDrift decides what apply must not touch after the world moved since the audit: a credential the
// plan never saw is reported and never deleted; a planned key used or changed since is kept; a credential
// that went away is not drift (apply records it as "gone").
import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/core/drift.js";
import type { RootAccessKey, RootCredentials } from "../../src/core/model.js";
import type { PlannedAction } from "../../src/core/plan.js";

const ACCOUNT = "222222222222";
const key = (id: string, over: Partial<RootAccessKey> = {}): RootAccessKey => ({
  id,
  status: "Active",
  createdAt: "2024-01-01T00:00:00Z",
  lastUsedAt: "2025-01-01T00:00:00Z",
  lastUsedService: "s3",
  lastUsedRegion: "eu-west-1",
  ...over,
});
const creds = (over: Partial<RootCredentials> = {}): RootCredentials => ({
  password: { present: false, createdAt: null, lastUsedAt: null },
  accessKeys: [],
  mfaDevices: [],
  signingCertificates: [],
  ...over,
});
const action = (type: PlannedAction["type"], credentialId: string): PlannedAction => ({
  id: `${ACCOUNT}:${type}:${credentialId}`,
  type,
  credentialId,
  evidence: "",
});

const AUDITED = creds({
  password: { present: true, createdAt: "2023-01-01T00:00:00Z", lastUsedAt: null },
  accessKeys: [key("AKIAOLD1"), key("AKIAOLD2", { status: "Inactive", lastUsedAt: null })],
  mfaDevices: [{ serial: "arn:aws:iam::222222222222:mfa/root", type: "virtual", enabledAt: null }],
  signingCertificates: [{ id: "CERTOLD1", status: "Active", uploadedAt: null }],
});
const PLAN = [
  action("delete-login-profile", "root"),
  action("delete-access-key", "AKIAOLD1"),
  action("delete-access-key", "AKIAOLD2"),
  action("delete-signing-certificate", "CERTOLD1"),
];

describe("detectDrift", () => {
  it("finds nothing when nothing changed", () => {
    expect(detectDrift(AUDITED, structuredClone(AUDITED), PLAN)).toEqual([]);
  });

  it("does not call a credential removed since the audit drift (apply finds it gone)", () => {
    expect(detectDrift(AUDITED, creds(), PLAN)).toEqual([]);
  });

  it("reports every kind of credential that appeared after the audit, and cancels no action when none names it", () => {
    const current = creds({
      ...structuredClone(AUDITED),
      accessKeys: [...AUDITED.accessKeys, key("AKIANEW1", { status: "Inactive" })],
      signingCertificates: [...AUDITED.signingCertificates, { id: "CERTNEW1", status: "Active", uploadedAt: null }],
      mfaDevices: [...AUDITED.mfaDevices, { serial: "GAHTNEW1", type: "hardware", enabledAt: null }],
    });
    const drift = detectDrift(AUDITED, current, PLAN);
    expect(drift.map((d) => [d.kind, d.credentialId, d.blocksActionId])).toEqual([
      ["new-credential", "AKIANEW1", undefined],
      ["new-credential", "CERTNEW1", undefined],
      ["new-credential", "GAHTNEW1", undefined],
    ]);
    expect(drift[0]!.detail).toContain("AKIANEW1 (Inactive) appeared after the audit; not in the plan, not deleted");
    expect(drift[2]!.detail).toContain("hardware MFA device GAHTNEW1");
  });

  it("cancels an action that names a credential the audit never saw", () => {
    const drift = detectDrift(creds(), creds({ accessKeys: [key("AKIANEW1")] }), [action("delete-access-key", "AKIANEW1")]);
    expect(drift).toEqual([
      expect.objectContaining({ kind: "new-credential", credentialId: "AKIANEW1", blocksActionId: `${ACCOUNT}:delete-access-key:AKIANEW1` }),
    ]);
  });

  it("keeps a planned key used since the audit, saying when, where and what for", () => {
    const current = creds({
      ...structuredClone(AUDITED),
      accessKeys: [key("AKIAOLD1", { lastUsedAt: "2025-06-01T00:00:00Z", lastUsedService: "ec2", lastUsedRegion: "us-east-2" }), AUDITED.accessKeys[1]!],
    });
    const [drift, ...rest] = detectDrift(AUDITED, current, PLAN);
    expect(rest).toEqual([]);
    expect(drift).toMatchObject({ kind: "changed-credential", credentialId: "AKIAOLD1", blocksActionId: `${ACCOUNT}:delete-access-key:AKIAOLD1` });
    expect(drift!.detail).toBe("access key AKIAOLD1 was used since the audit (2025-06-01T00:00:00Z, ec2 in us-east-2); kept. Audit and plan again.");
  });

  it("keeps a planned key whose status changed, and ignores changes to keys the plan does not touch", () => {
    const current = creds({
      ...structuredClone(AUDITED),
      accessKeys: [key("AKIAOLD1", { status: "Inactive" }), key("AKIAOLD2", { status: "Active", lastUsedAt: "2025-07-01T00:00:00Z" })],
    });
    const onlyFirstPlanned = PLAN.filter((a) => a.credentialId !== "AKIAOLD2");
    const drift = detectDrift(AUDITED, current, onlyFirstPlanned);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ kind: "changed-credential", credentialId: "AKIAOLD1" });
    expect(drift[0]!.detail).toContain("changed status from Active to Inactive");
  });

  it("treats a key whose last use was not reported again (null) as unchanged", () => {
    const current = creds({ ...structuredClone(AUDITED), accessKeys: [key("AKIAOLD1", { lastUsedAt: null }), AUDITED.accessKeys[1]!] });
    expect(detectDrift(AUDITED, current, PLAN)).toEqual([]);
  });

  it("reports a password created after the audit as new, blocking a login-profile action", () => {
    const drift = detectDrift(creds(), creds({ password: { present: true, createdAt: "2025-06-01T00:00:00Z", lastUsedAt: null } }), [
      action("delete-login-profile", "root"),
    ]);
    expect(drift).toEqual([
      {
        kind: "new-credential",
        credentialId: "root",
        detail: "a root password was created after the audit; not deleted",
        blocksActionId: `${ACCOUNT}:delete-login-profile:root`,
      },
    ]);
  });

  it("reports a password re-created after the audit as changed and keeps it; a deleted one is not drift", () => {
    const recreated = creds({ ...structuredClone(AUDITED), password: { present: true, createdAt: "2025-06-01T00:00:00Z", lastUsedAt: null } });
    const [drift] = detectDrift(AUDITED, recreated, PLAN);
    expect(drift).toMatchObject({ kind: "changed-credential", credentialId: "root", blocksActionId: `${ACCOUNT}:delete-login-profile:root` });
    expect(drift!.detail).toContain("re-created after the audit (2025-06-01T00:00:00Z)");
    // Without a planned action the change is still reported, with nothing to cancel.
    expect(detectDrift(AUDITED, recreated, [])[0]!.blocksActionId).toBeUndefined();
    expect(detectDrift(AUDITED, creds({ ...structuredClone(AUDITED), password: { present: false, createdAt: null, lastUsedAt: null } }), PLAN)).toEqual([]);
  });
});
