// One way to put text into the page: the `html` tag escapes every interpolated value unless it is already
// SafeHtml (built by `html` itself), so a hostile account name can only ever appear as text.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusted markup that is not built with `html` (the bundled library, our own stylesheet and script). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON that is safe inside <script type="application/json">: no "<" can end the element or open a comment,
 * and U+2028/U+2029 stay escaped; JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Inline code in remediation text is written `like this`: show it as <code>, everything escaped. */
export function withInlineCode(text: string): SafeHtml {
  const parts = text.split("`");
  // An unbalanced backtick leaves the last part as plain text.
  return html`${parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? html`<code>${part}</code>` : i % 2 === 1 ? `\`${part}` : part))}`;
}
