// The self-contained HTML report (docs/html-report.md): `rootsweep report AUDIT.json --html FILE` and
// `rootsweep audit --format html`, and the before/after report.
import type { BeforeAfterReport } from "../../core/before-after.js";
import type { AuditReport } from "../../core/model.js";
import { BEFORE_AFTER_STYLES, beforeAfterSection } from "./before-after.js";
import { chartJsSource } from "./chart-library.js";
import { renderHtmlPage } from "./page.js";

export function renderHtml(report: AuditReport): string {
  return renderHtmlPage(report, chartJsSource());
}

/** `rootsweep report --before A --after B --html FILE`: the before/after section, then the after-audit. */
export function renderBeforeAfterHtml(beforeAfter: BeforeAfterReport, after: AuditReport): string {
  return renderHtmlPage(after, chartJsSource(), {
    title: `rootsweep before and after: ${after.organizationId ?? after.caller.accountId}`,
    lead: beforeAfterSection(beforeAfter),
    styles: BEFORE_AFTER_STYLES,
  });
}
