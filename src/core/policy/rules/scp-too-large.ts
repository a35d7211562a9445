import { parseJsonNode, plainValue } from "../json.js";
import type { PolicyRule } from "./types.js";

/** Organizations' limit on an SCP's text (user guide, quotas). */
export const MAX_SCP_CHARACTERS = 5120;

export const scpTooLarge: PolicyRule = {
  id: "scp-too-large",
  title: "The SCP is longer than Organizations accepts",
  severity: "error",
  appliesTo: ["scp"],
  fix: `Shorten it (merge statements, use wildcards) or split it into several SCPs; an SCP may have at most ${MAX_SCP_CHARACTERS} characters.`,
  check({ view }) {
    if (view.syntaxError) return [];
    const raw = view.text.replace(/^\uFEFF/, "").trimEnd().length;
    if (raw <= MAX_SCP_CHARACTERS) return [];
    const minified = JSON.stringify(plainValue(parseJsonNode(view.text))).length;
    if (minified <= MAX_SCP_CHARACTERS) {
      return [
        {
          statement: null,
          offset: 0,
          severity: "warning",
          message: `the file has ${raw} characters, over the ${MAX_SCP_CHARACTERS} an SCP may have; it fits only without whitespace (${minified})`,
          fix: 'Send it minified, e.g. --content "$(jq -c . FILE)"; the whitespace of the text sent through the API counts.',
        },
      ];
    }
    return [
      { statement: null, offset: 0, message: `the policy has ${minified} characters even without whitespace; an SCP may have at most ${MAX_SCP_CHARACTERS}` },
    ];
  },
};
