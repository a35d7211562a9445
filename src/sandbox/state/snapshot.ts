// The JSON view of the state served at GET /_sandbox/state (documented in docs/sandbox.md).
import type { Account } from "./model.js";
import type { SandboxStore } from "./store.js";

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

export function snapshotAccount(account: Account) {
  const root = account.root;
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    status: account.status,
    parentId: account.parentId,
    joinedMethod: account.joinedMethod,
    joinedAt: iso(account.joinedAt),
    root: {
      password: { present: root.password !== undefined, createdAt: iso(root.password?.createdAt), lastUsedAt: iso(root.passwordLastUsedAt) },
      accessKeys: root.accessKeys.map((key) => ({
        id: key.id,
        status: key.status,
        createdAt: iso(key.createdAt),
        lastUsedAt: iso(key.lastUsed?.date),
        lastUsedService: key.lastUsed?.service ?? null,
        lastUsedRegion: key.lastUsed?.region ?? null,
      })),
      mfaDevices: root.mfaDevices.map((device) => ({ serial: device.serial, type: device.type, enabledAt: iso(device.enabledAt), active: true })),
      unassignedVirtualMfaDevices: [...root.unassignedVirtualMfa],
      signingCertificates: root.signingCertificates.map((c) => ({ id: c.id, status: c.status, uploadedAt: iso(c.uploadedAt) })),
    },
    buckets: account.buckets.map((b) => ({ name: b.name, region: b.region, policy: b.policy ?? null })),
    queues: account.queues.map((q) => ({ name: q.name, region: q.region, policy: q.policy ?? null })),
    guardDutyDetectorId: account.guardDutyDetectorId ?? null,
    optInRegions: [...account.optInRegions].sort(),
  };
}

export function snapshotState(store: SandboxStore, onlyAccount?: string) {
  const state = store.state;
  const org = state.organization;
  const accounts = [...state.accounts.values()].filter((a) => !onlyAccount || a.id === onlyAccount);
  return {
    organization: org
      ? {
          id: org.id,
          managementAccountId: org.managementAccountId,
          featureSet: org.featureSet,
          rootId: org.rootId,
          scpEnabled: org.scpEnabled,
          trustedServices: [...org.trustedServices.keys()],
          rootFeatures: [...org.rootFeatures],
          delegatedAdministrators: org.delegatedAdmins.map((d) => ({ accountId: d.accountId, servicePrincipal: d.servicePrincipal })),
        }
      : null,
    ous: [...state.ous.values()],
    accounts: accounts.map(snapshotAccount),
    policies: [...state.policies.values()].map((p) => ({
      id: p.id,
      name: p.name,
      awsManaged: p.awsManaged,
      content: p.content,
      targets: [...(state.attachments.get(p.id) ?? [])],
    })),
    callers: state.callers.map((c) => ({
      accountId: c.accountId,
      userName: c.userName,
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.rootUser ? { rootUser: true } : {}),
    })),
  };
}
