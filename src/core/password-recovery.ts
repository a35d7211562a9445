// The result of allowing root password recovery in one account. It never holds a password: none is
// chosen or seen by anyone but the owner of the root email.
export type RecoveryStatus = "allowed" | "already" | "skipped" | "failed";

export interface RecoveryResult {
  accountId: string;
  name: string | null;
  email: string | null;
  status: RecoveryStatus;
  /** When the root password (login profile) was created, when known. */
  passwordCreatedAt: string | null;
  message: string;
}
