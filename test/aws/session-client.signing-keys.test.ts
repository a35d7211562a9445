// Each root session's signer keeps its derived signing keys (aws/session-client.ts keepingSigningKeys),
// in place of the SDK's process-wide table that thrashes with many sessions in flight. The signatures must
// be the SDK's own, byte for byte, across days, Regions and services; and the saving must be real: after
// the first request of a day, a request costs no key derivation.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { keepingSigningKeys } from "../../src/aws/session-client.js";

const credentials = { accessKeyId: "ASIAEXAMPLESESSION01", secretAccessKey: "c2Vzc2lvbi1zZWNyZXQtZm9yLXRlc3Rz", sessionToken: "token-1" };

function request(body: string): HttpRequest {
  return new HttpRequest({
    method: "POST",
    protocol: "https:",
    hostname: "iam.amazonaws.com",
    path: "/",
    headers: { host: "iam.amazonaws.com", "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** A sha256 constructor that counts how many hashes and HMACs a signer makes. */
function countingSha256() {
  const counter = { made: 0 };
  class Counting extends Hash {
    constructor(secret?: Parameters<typeof Hash.prototype.update>[0]) {
      super("sha256", secret);
      counter.made++;
    }
  }
  return { sha256: Counting, counter };
}

const day1 = new Date("2026-12-07T23:59:58Z");
const day2 = new Date("2026-12-08T00:00:03Z");

describe("signing keys kept per session", () => {
  it("signs exactly as the SDK's own signer, across a change of day, Region and service", async () => {
    const plain = new SignatureV4({ credentials, region: "us-east-1", service: "iam", sha256: Hash.bind(null, "sha256"), uriEscapePath: true });
    const kept = keepingSigningKeys(
      new SignatureV4({ credentials, region: "us-east-1", service: "iam", sha256: Hash.bind(null, "sha256"), uriEscapePath: true }),
    );
    const cases = [
      { signingDate: day1 },
      { signingDate: day1 },
      { signingDate: day2 },
      { signingDate: day1 },
      { signingDate: day2, signingRegion: "eu-west-1" },
      { signingDate: day2, signingService: "sts" },
    ];
    for (const [i, options] of cases.entries()) {
      const expected = await plain.sign(request(`Action=GetUser&n=${i}`), options);
      const got = await kept.sign(request(`Action=GetUser&n=${i}`), options);
      expect(got.headers.authorization).toBe(expected.headers.authorization);
    }
  });

  it("derives a day's key once: later requests make only their own three hashes", async () => {
    const { sha256, counter } = countingSha256();
    const kept = keepingSigningKeys(new SignatureV4({ credentials, region: "us-east-1", service: "iam", sha256, uriEscapePath: true }));
    await kept.sign(request("Action=GetUser&first=1"), { signingDate: day1 });
    const afterFirst = counter.made;
    for (let i = 0; i < 10; i++) await kept.sign(request(`Action=ListAccessKeys&n=${i}`), { signingDate: day1 });
    // The payload's hash, the canonical request's hash and the signature's HMAC; no lookup, no derivation.
    expect(counter.made - afterFirst).toBe(30);
    // A new day derives a new key (four HMACs, plus the SDK's lookup of its own table).
    const beforeDay2 = counter.made;
    await kept.sign(request("Action=GetUser&day=2"), { signingDate: day2 });
    expect(counter.made - beforeDay2).toBeGreaterThan(3);
  });

  it("leaves the SDK's signer as it is when the SDK no longer has the method it memoizes", () => {
    const v4 = new SignatureV4({ credentials, region: "us-east-1", service: "iam", sha256: Hash.bind(null, "sha256") });
    Object.defineProperty(v4, "getSigningKey", { value: undefined });
    expect(keepingSigningKeys(v4)).toBe(v4);
  });
});
