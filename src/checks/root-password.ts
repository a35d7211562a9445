import { type AccountCheck, fail, pass } from "./types.js";

export const rootPassword: AccountCheck = {
  id: "root-password",
  scope: "account",
  title: "Root user has a password",
  severity: "medium",
  risk: "A root password allows console sign-in as root. With centralized root access, member accounts need none: password recovery can be allowed when a task truly needs it.",
  remediation:
    "Delete the root password with `rootsweep plan --only password` and `rootsweep apply`; use `rootsweep recover-password` if a root sign-in is ever needed.",
  evaluate({ account, root }) {
    if (!root.password.present) return pass;
    // Outside an Organization root keeps its password (the only way to do root-only tasks there): the
    // finding is guidance on guarding it, not something to delete.
    return account.standalone ? fail("Root has a console password; keep it guarded.", "info") : fail("Root has a console password.");
  },
};
