// Reading root's credentials in an audit session asks GetAccountSummary first and lists only the kinds
// it says exist. What must hold: the result is the same as listing everything, and a summary that is
// missing or refused never turns into "nothing found". Checked against the sandbox's request log.
import { describe, expect, it } from "vitest";
import { readRootCredentials } from "../../src/aws/inventory.js";
import { controlPost, requests, rootSession, sandboxWithClients, TASK_POLICY } from "../support/sandbox.js";

const EVERYTHING = "222222222222";
const CLEAN = "333333333333";
const LISTS = ["GetLoginProfile", "ListAccessKeys", "ListMFADevices", "ListSigningCertificates"];
const fixture = sandboxWithClients();

/** Reads one account's root credentials and returns them with the IAM operations that reached the sandbox. */
async function read(accountId: string, lookup: "summary" | "list-all") {
  const since = (await requests(fixture.sb)).at(-1)?.seq ?? 0;
  const iam = await fixture.clients.sessionIam(await rootSession(fixture.sb, accountId, TASK_POLICY.audit), "read");
  const root = await readRootCredentials(iam, lookup);
  const operations = (await requests(fixture.sb, since)).filter((r) => r.service === "iam").map((r) => r.operation);
  return { root, operations };
}

describe("reading root credentials in an audit session", () => {
  it("lists nothing the summary says is absent: a clean account costs GetAccountSummary and GetUser", async () => {
    const summary = await read(CLEAN, "summary");
    expect(summary.operations.sort()).toEqual(["GetAccountSummary", "GetUser"]);
    expect(summary.root).toEqual((await read(CLEAN, "list-all")).root);
  });

  it("lists every kind the summary says is there, and finds the same as listing everything", async () => {
    const summary = await read(EVERYTHING, "summary");
    for (const operation of [...LISTS, "GetAccessKeyLastUsed"]) expect(summary.operations).toContain(operation);
    const all = await read(EVERYTHING, "list-all");
    expect(all.operations).not.toContain("GetAccountSummary");
    expect(summary.root).toEqual(all.root);
    expect(summary.root.accessKeys).toHaveLength(2);
  });

  it("lists everything when the summary is refused: could not look is not nothing found", async () => {
    await controlPost(fixture.sb, "faults", { failures: [{ operation: "GetAccountSummary", accountId: CLEAN, code: "AccessDenied", status: 403 }] });
    try {
      const refused = await read(CLEAN, "summary");
      for (const operation of LISTS) expect(refused.operations).toContain(operation);
      expect(refused.root).toEqual((await read(CLEAN, "list-all")).root);
    } finally {
      await controlPost(fixture.sb, "faults", { failures: [] });
    }
  });
});
