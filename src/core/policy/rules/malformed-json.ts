import type { PolicyRule } from "./types.js";

export const malformedJson: PolicyRule = {
  id: "malformed-json",
  title: "The file is not valid JSON",
  severity: "error",
  appliesTo: ["scp", "identity"],
  fix: "Fix the JSON at the line and column given (no comments, no trailing commas, double quotes only); AWS rejects the whole document otherwise.",
  check({ view }) {
    if (!view.syntaxError) return [];
    return [{ statement: null, offset: view.syntaxError.offset, message: `not valid JSON: ${view.syntaxError.message}` }];
  },
};
