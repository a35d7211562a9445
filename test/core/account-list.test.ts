import { describe, expect, it } from "vitest";
import { parseAccountIds, parseOuId } from "../../src/core/account-list.js";
import { UsageError } from "../../src/core/errors.js";
import { mfaTypeOf } from "../../src/core/mfa.js";

describe("account lists", () => {
  it("accepts comma lists, comments, blank lines, CRLF and a BOM, and drops duplicates", () => {
    expect(parseAccountIds("\uFEFF# head\r\n111111111111, 222222222222\r\n\r\n111111111111 # again\n", "f")).toEqual(["111111111111", "222222222222"]);
  });

  it("names the source, line and value of a bad entry", () => {
    expect(() => parseAccountIds("111111111111\n\n12345\n", "--accounts @ids.txt")).toThrow(/--accounts @ids.txt line 3: "12345" is not a 12-digit/);
    expect(() => parseAccountIds("1111111111111", "--accounts")).toThrow(UsageError);
  });

  it("checks OU ids", () => {
    expect(parseOuId("ou-ab12-cd34ef56")).toBe("ou-ab12-cd34ef56");
    expect(parseOuId("r-ab12")).toBe("r-ab12");
    expect(() => parseOuId("Prod")).toThrow(/not an OU id/);
  });
});

describe("MFA device kinds", () => {
  it("tells virtual devices from hardware tokens and security keys by serial", () => {
    expect(mfaTypeOf("arn:aws:iam::123456789012:mfa/root-account-mfa-device")).toBe("virtual");
    expect(mfaTypeOf("GAHT12345678")).toBe("hardware");
    expect(mfaTypeOf("arn:aws:iam::123456789012:u2f/root/yubikey-ABCDEF")).toBe("hardware");
  });
});
