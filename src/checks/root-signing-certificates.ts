import { type AccountCheck, fail, pass, plural } from "./types.js";

export const rootSigningCertificates: AccountCheck = {
  id: "root-signing-certificates",
  scope: "account",
  title: "Root user has X.509 signing certificates",
  severity: "medium",
  risk: "A root signing certificate can sign requests to the few services that still accept them; it is a forgotten long-lived root credential.",
  remediation: "Delete the certificates with `rootsweep plan --only certs` and `rootsweep apply`.",
  evaluate({ root }) {
    const n = root.signingCertificates.length;
    if (n === 0) return pass;
    const active = root.signingCertificates.filter((c) => c.status === "Active").length;
    return fail(`Root has ${plural(n, "signing certificate")} (${active} active).`, active > 0 ? "medium" : "low");
  },
};
