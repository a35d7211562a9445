// One IAM client serves every root session (aws/session-client.ts). What must never happen: a request
// signed with another session's credentials, or sent with the placeholder ones. These tests drive the
// unmodified SDK client at the sandbox with two sessions of two accounts at once and check, from the
// answers and from the sandbox's request log, who each request was signed as.
import { DeleteLoginProfileCommand, GetUserCommand, IAMClient, paginateListAccessKeys } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { MissingSessionError } from "../../src/aws/session-client.js";
import { WriteRefusedError } from "../../src/aws/write-guard.js";
import { requests, rootSession, sandboxWithClients, TASK_POLICY } from "../support/sandbox.js";

const EVERYTHING = "222222222222";
const CLEAN = "333333333333";
const fixture = sandboxWithClients();

const session = (accountId: string) => rootSession(fixture.sb, accountId, TASK_POLICY.audit);
const accountOf = (arn: string | undefined) => /^arn:aws:iam::(\d{12}):root$/.exec(arn ?? "")?.[1];

describe("IAM clients shared across root sessions", () => {
  it("share one SDK client, and sign every request with its own session's credentials under concurrency", async () => {
    const [a, b] = await Promise.all([session(EVERYTHING), session(CLEAN)]);
    const iamA = await fixture.clients.sessionIam(a, "read");
    const iamB = await fixture.clients.sessionIam(b, "read");
    expect(Object.getPrototypeOf(iamA)).toBe(Object.getPrototypeOf(iamB));
    expect(iamA).toBeInstanceOf(IAMClient);
    // One input object sent by both sessions at once: each send must still carry its own session.
    const sharedInput = {};
    const sends = Array.from({ length: 40 }, (_, i) => {
      const [iam, expected] = i % 2 === 0 ? [iamA, EVERYTHING] : [iamB, CLEAN];
      return iam.send(new GetUserCommand(sharedInput)).then((out) => ({ expected, got: accountOf(out.User?.Arn) }));
    });
    for (const { expected, got } of await Promise.all(sends)) expect(got).toBe(expected);
  });

  it("pages through a list with the session's credentials (the SDK paginator accepts the bound client)", async () => {
    const [a, b] = await Promise.all([session(EVERYTHING), session(CLEAN)]);
    const [keysA, keysB] = await Promise.all(
      [a, b].map(async (creds) => {
        const ids: string[] = [];
        for await (const page of paginateListAccessKeys({ client: await fixture.clients.sessionIam(creds, "read"), pageSize: 1 }, {})) {
          ids.push(...(page.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? ""));
        }
        return ids;
      }),
    );
    expect(keysA?.sort()).toEqual(["AKIAAAAAAAAAAAAAAAA1", "AKIAAAAAAAAAAAAAAAA2"]);
    expect(keysB).toEqual([]);
  });

  it("refuses a command sent without a session, before anything leaves the process", async () => {
    const bound = await fixture.clients.sessionIam(await session(CLEAN), "read");
    const shared = Object.getPrototypeOf(bound) as IAMClient;
    const before = (await requests(fixture.sb)).length;
    const error = await shared.send(new GetUserCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingSessionError);
    expect((await requests(fixture.sb)).length).toBe(before);
  });

  it("keeps the read-only guard, and destroying one session's client leaves the others working", async () => {
    const creds = await session(EVERYTHING);
    const read = await fixture.clients.sessionIam(creds, "read");
    await expect(read.send(new DeleteLoginProfileCommand({}))).rejects.toThrow(WriteRefusedError);
    expect(fixture.sb.store.account(EVERYTHING)!.root.password).toBeDefined();
    read.destroy();
    const again = await fixture.clients.sessionIam(creds, "read");
    expect(accountOf((await again.send(new GetUserCommand({}))).User?.Arn)).toBe(EVERYTHING);
  });
});
