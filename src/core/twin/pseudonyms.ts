// Consistent replacements for what identifies an organization: the same original always gives the same
// pseudonym within one twin (so an account id in an SCP target, an MFA serial and the account list still
// agree), and the same seed gives the same twin. HMAC-SHA256 keyed by the seed: without the seed, a
// pseudonym tells nothing about its original; with it, originals can be guessed and checked one by one,
// so the seed is as private as the twin's source.
import { createHmac } from "node:crypto";

export const DIGITS = "0123456789";
export const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export type PseudonymKind =
  | "account-id"
  | "account-name"
  | "email"
  | "org-id"
  | "root-id"
  | "ou-id"
  | "ou-name"
  | "policy-id"
  | "policy-name"
  | "access-key"
  | "certificate"
  | "mfa-name"
  | "mfa-serial";

export class Pseudonyms {
  private readonly byKind = new Map<PseudonymKind, Map<string, string>>();
  private readonly taken = new Set<string>();

  /** `avoid`: originals no pseudonym may equal (so a pseudonym is never mistaken for, or leaks, a real value). */
  constructor(
    private readonly seed: string,
    private readonly avoid: ReadonlySet<string> = new Set(),
  ) {}

  private chars(kind: PseudonymKind, original: string, attempt: number, alphabet: string, length: number): string {
    let out = "";
    for (let block = 0; out.length < length; block++) {
      const bytes = createHmac("sha256", this.seed).update(`${kind}\u0000${attempt}\u0000${block}\u0000${original}`).digest();
      for (const byte of bytes) if (out.length < length) out += alphabet[byte % alphabet.length];
    }
    return out;
  }

  /** The pseudonym of `original`, made by `make` from derived characters; retried on the rare collision. */
  private of(kind: PseudonymKind, original: string, make: (chars: (alphabet: string, length: number) => string) => string): string {
    let mapped = this.byKind.get(kind);
    if (!mapped) {
      mapped = new Map<string, string>();
      this.byKind.set(kind, mapped);
    }
    const known = mapped.get(original);
    if (known !== undefined) return known;
    for (let attempt = 0; ; attempt++) {
      const candidate = make((alphabet, length) => this.chars(kind, original, attempt, alphabet, length));
      if (this.taken.has(candidate) || this.avoid.has(candidate)) continue;
      this.taken.add(candidate);
      mapped.set(original, candidate);
      return candidate;
    }
  }

  accountId(id: string): string {
    return this.of("account-id", id, (c) => `${c("123456789", 1)}${c(DIGITS, 11)}`);
  }
  accountName(name: string): string {
    return this.of("account-name", name, (c) => `account-${c(LOWER, 8)}`);
  }
  email(email: string): string {
    return this.of("email", email.toLowerCase(), (c) => `root-${c(LOWER, 10)}@example.com`);
  }
  orgId(id: string): string {
    return this.of("org-id", id, (c) => `o-${c(LOWER, 10)}`);
  }
  rootId(id: string): string {
    return this.of("root-id", id, (c) => `r-${c(LOWER, 4)}`);
  }
  ouId(id: string, rootId: string): string {
    return this.of("ou-id", id, (c) => `ou-${rootId.slice(2)}-${c(LOWER, 8)}`);
  }
  ouName(name: string): string {
    return this.of("ou-name", name, (c) => `unit-${c(LOWER, 8)}`);
  }
  policyId(id: string): string {
    return this.of("policy-id", id, (c) => `p-${c(LOWER, 8)}`);
  }
  policyName(name: string): string {
    return this.of("policy-name", name, (c) => `policy-${c(LOWER, 8)}`);
  }
  accessKeyId(id: string): string {
    return this.of("access-key", id, (c) => `AKIA${c(UPPER, 16)}`);
  }
  certificateId(id: string): string {
    return this.of("certificate", id, (c) => c(UPPER, 32));
  }
  /** A hardware token's serial (or a FIDO key's ARN, which names its account): a plain serial of the same kind. */
  hardwareSerial(serial: string): string {
    return this.of("mfa-serial", serial, (c) => `GAHT${c(DIGITS, 8)}`);
  }
  mfaName(name: string): string {
    return this.of("mfa-name", name, (c) => `mfa-${c(LOWER, 8)}`);
  }
}
