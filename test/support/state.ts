// Reading the sandbox's truth (GET /_sandbox/state) the way tests compare it with what the tool did.
import { controlPost, type RunningSandbox } from "./sandbox.js";

export interface StateAccount {
  id: string;
  name: string;
  status: string;
  root: {
    password: { present: boolean; createdAt: string | null; lastUsedAt: string | null };
    accessKeys: Array<{ id: string; status: string; lastUsedAt: string | null }>;
    mfaDevices: Array<{ serial: string; type: string }>;
    unassignedVirtualMfaDevices: string[];
    signingCertificates: Array<{ id: string; status: string }>;
  };
}

export async function stateAccounts(sb: RunningSandbox): Promise<Map<string, StateAccount>> {
  const response = await fetch(`${sb.url}/_sandbox/state`);
  const state = (await response.json()) as { accounts: StateAccount[] };
  return new Map(state.accounts.map((a) => [a.id, a]));
}

/** Every root credential id of an account (the login profile counts as "root"). */
export function credentialIds(account: StateAccount): string[] {
  const r = account.root;
  return [
    ...(r.password.present ? ["root"] : []),
    ...r.accessKeys.map((k) => k.id),
    ...r.mfaDevices.map((d) => d.serial),
    ...r.signingCertificates.map((c) => c.id),
  ];
}

export async function resetSandbox(sb: RunningSandbox): Promise<void> {
  await controlPost(sb, "reset");
}
