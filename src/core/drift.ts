// Drift: what changed in an account between the audit a plan was made from and the moment apply looks
// again. A credential the plan never saw is reported and never deleted; a planned key that was used or
// changed since the audit is reported and kept.
import type { RootCredentials } from "./model.js";
import type { PlannedAction } from "./plan.js";

export interface Drift {
  kind: "new-credential" | "changed-credential";
  credentialId: string;
  detail: string;
  /** The planned action this drift cancels, if any. */
  blocksActionId?: string;
}

export function detectDrift(audited: RootCredentials, current: RootCredentials, actions: PlannedAction[]): Drift[] {
  const drift: Drift[] = [];
  const actionFor = (credentialId: string) => actions.find((a) => a.credentialId === credentialId);
  // A credential the audit never saw is never deleted, even if an action names it (apply refuses such a
  // plan before this; here the words "not deleted" are made true by cancelling the action too).
  const blocks = (credentialId: string) => {
    const action = actionFor(credentialId);
    return action ? { blocksActionId: action.id } : {};
  };

  const knownKeys = new Map(audited.accessKeys.map((k) => [k.id, k]));
  for (const key of current.accessKeys) {
    const before = knownKeys.get(key.id);
    if (!before) {
      drift.push({
        kind: "new-credential",
        credentialId: key.id,
        detail: `access key ${key.id} (${key.status}) appeared after the audit; not in the plan, not deleted`,
        ...blocks(key.id),
      });
      continue;
    }
    const action = actionFor(key.id);
    const usedSince = key.lastUsedAt && key.lastUsedAt !== before.lastUsedAt;
    if (action && (usedSince || key.status !== before.status)) {
      const what = usedSince
        ? `was used since the audit (${key.lastUsedAt}${key.lastUsedService ? `, ${key.lastUsedService}` : ""}${key.lastUsedRegion ? ` in ${key.lastUsedRegion}` : ""})`
        : `changed status from ${before.status} to ${key.status}`;
      drift.push({
        kind: "changed-credential",
        credentialId: key.id,
        detail: `access key ${key.id} ${what}; kept. Audit and plan again.`,
        blocksActionId: action.id,
      });
    }
  }
  const knownCerts = new Set(audited.signingCertificates.map((c) => c.id));
  for (const certificate of current.signingCertificates) {
    if (!knownCerts.has(certificate.id)) {
      drift.push({
        kind: "new-credential",
        credentialId: certificate.id,
        detail: `signing certificate ${certificate.id} appeared after the audit; not deleted`,
        ...blocks(certificate.id),
      });
    }
  }
  const knownMfa = new Set(audited.mfaDevices.map((d) => d.serial));
  for (const device of current.mfaDevices) {
    if (!knownMfa.has(device.serial)) {
      drift.push({
        kind: "new-credential",
        credentialId: device.serial,
        detail: `${device.type} MFA device ${device.serial} appeared after the audit; not removed`,
        ...blocks(device.serial),
      });
    }
  }
  if (current.password.present && !audited.password.present) {
    drift.push({ kind: "new-credential", credentialId: "root", detail: "a root password was created after the audit; not deleted", ...blocks("root") });
  } else if (current.password.present && current.password.createdAt !== audited.password.createdAt) {
    const action = actionFor("root");
    drift.push({
      kind: "changed-credential",
      credentialId: "root",
      detail: `the root password was re-created after the audit (${current.password.createdAt ?? "?"}); kept. Audit and plan again.`,
      ...(action ? { blocksActionId: action.id } : {}),
    });
  }
  return drift;
}
