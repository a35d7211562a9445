import { describe, expect, it } from "vitest";
import { plural, pluralWord } from "../../src/core/plural.js";

describe("plural", () => {
  it("says one in the singular and every other count in the plural", () => {
    expect(plural(1, "account")).toBe("1 account");
    expect(plural(0, "account")).toBe("0 accounts");
    expect(plural(2, "account")).toBe("2 accounts");
    expect(plural(1, "root credential")).toBe("1 root credential");
    expect(plural(40, "root credential")).toBe("40 root credentials");
  });

  it("takes an irregular plural", () => {
    expect(plural(1, "policy", "policies")).toBe("1 policy");
    expect(plural(3, "policy", "policies")).toBe("3 policies");
    expect(pluralWord(1, "is", "are")).toBe("is");
    expect(pluralWord(2, "is", "are")).toBe("are");
  });
});
