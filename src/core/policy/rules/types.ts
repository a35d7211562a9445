// A lint rule is metadata plus a pure function of a read policy, like a check: one file per rule, its id
// equal to the file name and never reassigned.
import type { PolicyDocumentView, PolicyStatement } from "../document.js";

export type PolicyKind = "scp" | "identity";
export const POLICY_KINDS: readonly PolicyKind[] = ["scp", "identity"];

export type LintSeverity = "error" | "warning" | "info";
export const LINT_SEVERITIES: readonly LintSeverity[] = ["error", "warning", "info"];

export interface LintSubject {
  view: PolicyDocumentView;
  kind: PolicyKind;
}

export interface RuleHit {
  /** The statement the problem is in, or null for the document as a whole. */
  statement: PolicyStatement | null;
  /** Where to point; defaults to the statement's start (or the document's). */
  offset?: number;
  message: string;
  /** A fix for this very hit; defaults to the rule's. */
  fix?: string;
  /** Overrides the rule's severity for this hit. */
  severity?: LintSeverity;
}

export interface PolicyRule {
  id: string;
  title: string;
  severity: LintSeverity;
  appliesTo: readonly PolicyKind[];
  /** What to do, in a sentence or two. */
  fix: string;
  check(subject: LintSubject): RuleHit[];
}

export interface LintFinding {
  rule: string;
  severity: LintSeverity;
  /** 0-based index in the Statement list, or null for the whole document. */
  statement: number | null;
  sid?: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

/** "Statement[2]" or 'Statement[2] (Sid "DenyRoot")', as findings name a statement. */
export function statementLabel(statement: PolicyStatement): string {
  return statement.sid ? `Statement[${statement.index}] (Sid "${statement.sid}")` : `Statement[${statement.index}]`;
}
