// Reads one member account's root credentials inside a root session (audit or delete task policy).
// The independent reads run in parallel; each key's last use is fetched as soon as the keys are listed.
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  paginateListAccessKeys,
  paginateListMFADevices,
  paginateListSigningCertificates,
} from "./sdk/client-iam.js";
import type { RootAccessKey, RootCredentials, RootMfaDevice, RootSigningCertificate } from "../core/model.js";
import { mfaTypeOf } from "../core/mfa.js";
import { type AccountSummaryFlags, summaryFlags } from "../core/standalone-root.js";
import { isErrorNamed } from "./errors.js";

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

async function collect<T, P>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

async function loginProfile(iam: IAMClient): Promise<{ createdAt: string | null } | null> {
  try {
    const out = await iam.send(new GetLoginProfileCommand({}));
    return { createdAt: iso(out.LoginProfile?.CreateDate) };
  } catch (error) {
    if (isErrorNamed(error, "NoSuchEntity", "NoSuchEntityException")) return null;
    throw error;
  }
}

async function accessKeys(iam: IAMClient): Promise<RootAccessKey[]> {
  const keys = await collect(paginateListAccessKeys({ client: iam }, {}), (page) => page.AccessKeyMetadata);
  return Promise.all(
    keys.map(async (key): Promise<RootAccessKey> => {
      const id = key.AccessKeyId ?? "";
      const used = (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }))).AccessKeyLastUsed;
      const known = (value: string | undefined) => (value && value !== "N/A" ? value : null);
      return {
        id,
        status: key.Status === "Active" ? "Active" : "Inactive",
        createdAt: iso(key.CreateDate),
        lastUsedAt: iso(used?.LastUsedDate),
        lastUsedService: known(used?.ServiceName),
        lastUsedRegion: known(used?.Region),
      };
    }),
  );
}

async function mfaDevices(iam: IAMClient): Promise<RootMfaDevice[]> {
  const devices = await collect(paginateListMFADevices({ client: iam }, {}), (page) => page.MFADevices);
  return devices.map((d) => ({ serial: d.SerialNumber ?? "", type: mfaTypeOf(d.SerialNumber ?? ""), enabledAt: iso(d.EnableDate) }));
}

async function signingCertificates(iam: IAMClient): Promise<RootSigningCertificate[]> {
  const certificates = await collect(paginateListSigningCertificates({ client: iam }, {}), (page) => page.Certificates);
  return certificates.map((c) => ({
    id: c.CertificateId ?? "",
    status: c.Status === "Active" ? "Active" : "Inactive",
    uploadedAt: iso(c.UploadDate),
  }));
}

/** The summary's root flags; when it cannot be read, every flag is unknown, so every kind is listed. */
async function accountSummary(iam: IAMClient): Promise<AccountSummaryFlags> {
  try {
    return summaryFlags((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {});
  } catch {
    return summaryFlags({});
  }
}

/**
 * How to find out which credentials to list. "list-all" lists every kind (the delete task policy allows
 * nothing else). "summary" (the audit task policy) first asks GetAccountSummary, whose four root flags say
 * which kinds exist, and lists only those: a clean account costs two reads instead of five. A flag the
 * summary does not carry, or a summary that could not be read, is not taken for "none": that kind is listed.
 */
export type CredentialLookup = "list-all" | "summary";

export async function readRootCredentials(iam: IAMClient, lookup: CredentialLookup = "list-all"): Promise<RootCredentials> {
  const [present, user] = await Promise.all([lookup === "summary" ? accountSummary(iam) : undefined, iam.send(new GetUserCommand({}))]);
  const unlessAbsent = <T>(flag: keyof AccountSummaryFlags, read: () => Promise<T>, none: T): Promise<T> =>
    present?.[flag] === false ? Promise.resolve(none) : read();
  const [profile, keys, mfa, certificates] = await Promise.all([
    unlessAbsent("passwordPresent", () => loginProfile(iam), null),
    unlessAbsent("accessKeysPresent", () => accessKeys(iam), []),
    unlessAbsent("mfaEnabled", () => mfaDevices(iam), []),
    unlessAbsent("signingCertificatesPresent", () => signingCertificates(iam), []),
  ]);
  return {
    password: { present: profile !== null, createdAt: profile?.createdAt ?? null, lastUsedAt: iso(user.User?.PasswordLastUsed) },
    accessKeys: keys,
    mfaDevices: mfa,
    signingCertificates: certificates,
  };
}
