// The self-contained HTML report (docs/html-report.md): `rootsweep report AUDIT.json --html FILE` and
// `rootsweep audit --format html`.
import type { AuditReport } from "../../core/model.js";
import { chartJsSource } from "./chart-library.js";
import { renderHtmlPage } from "./page.js";

export function renderHtml(report: AuditReport): string {
  return renderHtmlPage(report, chartJsSource());
}
