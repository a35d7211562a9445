// Lints one policy document: reads it with positions, decides (or is told) whether it is an SCP or an
// identity policy, and runs every rule that applies. Pure: text in, findings out.
import { type PolicyDocumentView, positionOf, readPolicy } from "./document.js";
import { guessPolicyKind } from "./kind.js";
import { POLICY_RULES } from "./rules/index.js";
import { type LintFinding, type LintSeverity, type PolicyKind } from "./rules/types.js";

export interface PolicyLintOptions {
  /** Told by the user; guessed from the file name and content when absent. */
  kind?: PolicyKind;
  fileName?: string;
}

export interface PolicyLintResult {
  kind: PolicyKind;
  kindGuessed: boolean;
  /** Why the kind was guessed so (only when guessed). */
  kindReason?: string;
  findings: LintFinding[];
}

const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

export function lintView(view: PolicyDocumentView, kind: PolicyKind): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const rule of POLICY_RULES) {
    if (!rule.appliesTo.includes(kind)) continue;
    for (const hit of rule.check({ view, kind })) {
      const offset = hit.offset ?? hit.statement?.offset ?? 0;
      const { line, column } = positionOf(view, offset);
      const finding: LintFinding = {
        rule: rule.id,
        severity: hit.severity ?? rule.severity,
        statement: hit.statement?.index ?? null,
        line,
        column,
        message: hit.message,
        fix: hit.fix ?? rule.fix,
      };
      if (hit.statement?.sid !== undefined) finding.sid = hit.statement.sid;
      findings.push(finding);
    }
  }
  return findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule),
  );
}

export function lintPolicy(text: string, options: PolicyLintOptions = {}): PolicyLintResult {
  const view = readPolicy(text);
  if (options.kind) return { kind: options.kind, kindGuessed: false, findings: lintView(view, options.kind) };
  const guess = guessPolicyKind(options.fileName ?? "", view);
  return { kind: guess.kind, kindGuessed: true, kindReason: guess.reason, findings: lintView(view, guess.kind) };
}

export function countBySeverity(findings: readonly LintFinding[]): Record<LintSeverity, number> {
  const counts: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
