// The generator: reproducible from its seed, realistic in shape, and fast enough for 10,000 accounts.
import { describe, expect, it } from "vitest";
import { startSandbox } from "../../../src/sandbox/index.js";
import { DEFAULT_OPTIONS } from "../../../src/sandbox/options.js";
import { buildState } from "../../../src/sandbox/scenario/build-state.js";
import { generateScenario } from "../../../src/sandbox/scenario/generate.js";
import { parseScenario } from "../../../src/sandbox/scenario/load.js";
import type { Account, SandboxState } from "../../../src/sandbox/state/model.js";
import { snapshotState } from "../../../src/sandbox/state/snapshot.js";
import { SandboxStore } from "../../../src/sandbox/state/store.js";

const EPOCH = new Date("2026-06-01T00:00:00Z");

function stateJson(accounts: number, seed: string): string {
  const options = { ...DEFAULT_OPTIONS, seed };
  return JSON.stringify(snapshotState(new SandboxStore(generateScenario(accounts, seed), options, EPOCH)));
}

function generated(accounts: number, seed: string): SandboxState {
  return buildState(generateScenario(accounts, seed), { seed, epoch: EPOCH });
}

const members = (state: SandboxState): Account[] => [...state.accounts.values()].filter((a) => a.id !== state.organization!.managementAccountId);

describe("generated organizations", () => {
  it("are identical for the same seed, down to every id, key and date", () => {
    const first = stateJson(300, "alpha");
    expect(stateJson(300, "alpha")).toBe(first);
    expect(first).toContain("AKIA");
  });

  it("differ for a different seed", () => {
    const alpha = JSON.parse(stateJson(300, "alpha")) as { accounts: Array<{ id: string }>; callers: Array<{ accessKeyId: string }> };
    const beta = JSON.parse(stateJson(300, "beta")) as typeof alpha;
    expect(beta.accounts.map((a) => a.id)).not.toEqual(alpha.accounts.map((a) => a.id));
    expect(beta.callers[0]!.accessKeyId).not.toBe(alpha.callers[0]!.accessKeyId);
  });

  it("pass the scenario schema they are documented by", () => {
    expect(() => parseScenario(generateScenario(500, "schema"), "generated")).not.toThrow();
  });

  it("have the requested number of unique 12-digit accounts and an active management account", () => {
    const state = generated(1000, "ids");
    expect(state.accounts.size).toBe(1000);
    for (const id of state.accounts.keys()) expect(id).toMatch(/^[1-9]\d{11}$/);
    const management = state.accounts.get(state.organization!.managementAccountId)!;
    expect(management.status).toBe("ACTIVE");
    expect(management.parentId).toBe(state.organization!.rootId);
    expect(state.organization).toMatchObject({ featureSet: "ALL", scpEnabled: true });
    expect([...state.organization!.rootFeatures].sort()).toEqual(["RootCredentialsManagement", "RootSessions"]);
  });

  it("refuses a non-positive or fractional account count", () => {
    expect(() => generateScenario(0, "x")).toThrow(/positive integer/);
    expect(() => generateScenario(2.5, "x")).toThrow(/positive integer/);
  });

  it("suspend about 5% of 2,000 accounts, all in the Suspended OU", () => {
    const state = generated(2000, "suspended");
    const suspended = members(state).filter((a) => a.status === "SUSPENDED");
    const share = suspended.length / 1999;
    expect(share).toBeGreaterThanOrEqual(0.035);
    expect(share).toBeLessThanOrEqual(0.065);
    const suspendedOu = [...state.ous.values()].find((ou) => ou.name === "Suspended")!;
    for (const account of suspended) expect(account.parentId).toBe(suspendedOu.id);
  });

  it("nest OUs at least three deep and place accounts in them", () => {
    const state = generated(200, "ous");
    const depth = (id: string): number => {
      const ou = state.ous.get(id);
      return ou ? 1 + depth(ou.parentId) : 0;
    };
    const depths = [...state.ous.keys()].map(depth);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(3);
    const deepest = [...state.ous.keys()].find((id) => depth(id) >= 3)!;
    expect(members(state).some((a) => a.parentId === deepest)).toBe(true);
    expect(members(state).some((a) => a.parentId === state.organization!.rootId)).toBe(true);
  });

  it("hold every mix of root credentials in 500 accounts", () => {
    const accounts = members(generated(500, "mixes"));
    const root = (a: Account) => a.root;
    const keys = accounts.flatMap((a) => a.root.accessKeys);
    const count = (predicate: (a: Account) => boolean) => accounts.filter(predicate).length;
    const mixes: Record<string, number> = {
      "password only": count((a) => !!root(a).password && !root(a).accessKeys.length && !root(a).mfaDevices.length && !root(a).signingCertificates.length),
      "password recently used": count((a) => root(a).passwordLastUsedAt !== undefined),
      "active key used": keys.filter((k) => k.status === "Active" && k.lastUsed).length,
      "active key never used": keys.filter((k) => k.status === "Active" && !k.lastUsed).length,
      "inactive key used": keys.filter((k) => k.status === "Inactive" && k.lastUsed).length,
      "inactive key never used": keys.filter((k) => k.status === "Inactive" && !k.lastUsed).length,
      "two keys": count((a) => root(a).accessKeys.length === 2),
      "virtual MFA": count((a) => root(a).mfaDevices.some((d) => d.type === "virtual")),
      "hardware MFA": count((a) => root(a).mfaDevices.some((d) => d.type === "hardware")),
      "virtual and hardware MFA": count((a) => new Set(root(a).mfaDevices.map((d) => d.type)).size === 2),
      "signing certificate": count((a) => root(a).signingCertificates.length > 0),
      "inactive signing certificate": count((a) => root(a).signingCertificates.some((c) => c.status === "Inactive")),
      "keys without MFA": count((a) => root(a).accessKeys.length > 0 && root(a).mfaDevices.length === 0),
      "no credentials at all": count(
        (a) => !root(a).password && !root(a).accessKeys.length && !root(a).mfaDevices.length && !root(a).signingCertificates.length,
      ),
    };
    for (const [mix, n] of Object.entries(mixes)) expect({ mix, present: n > 0 }).toEqual({ mix, present: true });
    // Credentials carry the dates the checks read: key creation and last use in the past.
    for (const key of keys) {
      expect(key.createdAt.getTime()).toBeLessThan(EPOCH.getTime());
      if (key.lastUsed) expect(key.lastUsed.date.getTime()).toBeLessThanOrEqual(EPOCH.getTime());
    }
  });

  it("give accounts buckets and queues, some locked by a deny-all policy", () => {
    const accounts = members(generated(500, "resources"));
    const buckets = accounts.flatMap((a) => a.buckets);
    const queues = accounts.flatMap((a) => a.queues);
    const denyAll = (policy: string | undefined) =>
      policy !== undefined &&
      (JSON.parse(policy) as { Statement: Array<{ Effect: string; Principal: string; Action: string }> }).Statement.some(
        (s) => s.Effect === "Deny" && s.Principal === "*" && s.Action === "*",
      );
    expect(buckets.filter((b) => denyAll(b.policy)).length).toBeGreaterThan(0);
    expect(buckets.filter((b) => b.policy === undefined).length).toBeGreaterThan(0);
    expect(queues.filter((q) => denyAll(q.policy)).length).toBeGreaterThan(0);
    expect(queues.filter((q) => q.policy === undefined).length).toBeGreaterThan(0);
    expect(new Set(buckets.map((b) => b.name)).size).toBe(buckets.length);
  });

  it("start a 10,000-account organization in under 10 seconds", async () => {
    const started = performance.now();
    const sb = await startSandbox({ accounts: 10_000, seed: "ten-thousand" });
    const startSeconds = (performance.now() - started) / 1000;
    try {
      expect(sb.store.state.accounts.size).toBe(10_000);
      const response = await fetch(`${sb.url}/_sandbox/stats`);
      expect(((await response.json()) as { accounts: number }).accounts).toBe(10_000);
    } finally {
      await sb.close();
    }
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(`10,000-account sandbox: started in ${startSeconds.toFixed(2)} s, started and closed in ${totalSeconds.toFixed(2)} s`);
    expect(startSeconds).toBeLessThan(10);
    expect(totalSeconds).toBeLessThan(10);
  });
});
