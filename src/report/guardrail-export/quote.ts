// Quoting for text that anyone in the customer's company typed (SCP names and descriptions, OU and account
// names, policy text read from the organization): every value goes into a quoted string with every character
// that could end it, start an interpolation or break a line escaped, and comments get the same text inside
// JSON-style quotes, so no name can close a string, open `${`/`%{`, or start a new line of code.

/** Line breaks of any kind, other control characters, and invisible characters that confuse a reader. */
function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad ||
    code === 0x61c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

/** A JSON string literal with every unsafe character as \uXXXX (JSON.stringify leaves U+2028, U+0085 raw). */
export function jsonString(value: string): string {
  let out = "";
  for (const char of JSON.stringify(value)) {
    const code = char.codePointAt(0)!;
    out += unsafe(code) ? `\\u${code.toString(16).padStart(4, "0")}` : char;
  }
  return out;
}

/**
 * An HCL quoted template. HCL has JSON's backslash escapes plus \UNNNNNNNN, and two sequences that start
 * interpolation and directives even inside quotes: `${` and `%{`, escaped by doubling the sign. Everything
 * outside printable ASCII is escaped too: `terraform fmt` aligns `=` by grapheme clusters, which only
 * ASCII makes predictable, and a reviewer sees every odd character.
 */
export function hclString(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code >= 0x20 && code < 0x7f) out += char;
    // A lone surrogate has no code point HCL could name.
    else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else if (code > 0xffff) out += `\\U${code.toString(16).padStart(8, "0")}`;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  // "$$$$" is one literal "$$" in a replacement string.
  return `"${out.replace(/\$\{/g, "$$$${").replace(/%\{/g, "%%{")}"`;
}

/**
 * A YAML double-quoted scalar. YAML's double-quoted style has JSON's escapes; YAML 1.1 parsers (PyYAML,
 * which cfn-lint uses) also take U+0085, U+2028 and U+2029 as line breaks, which jsonString escapes.
 */
export function yamlString(value: string): string {
  return jsonString(value);
}

/** Untrusted text for a `#` comment (HCL and YAML alike): quoted, on one line, nothing to close. */
export function commentText(value: string): string {
  return jsonString(value);
}
