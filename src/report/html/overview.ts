// The headline numbers (at the top of the page), and the overview's four charts, each with its figures as a
// small table underneath (exact numbers on screen and on paper, and the same numbers when scripts are off).
import type { AuditReport } from "../../core/model.js";
import { html, type SafeHtml } from "./escape.js";
import type { ChartSeries, ReportData } from "./view-model.js";

type ChartKind = "doughnut" | "bar" | "hbar";

function chartFigure(id: keyof ReportData["charts"], title: string, kind: ChartKind, series: ChartSeries, emptyText: string): SafeHtml {
  const total = series.values.reduce((a, b) => a + b, 0);
  return html`<figure class="chart" id="chart-${id}">
    <h3>${title}</h3>
    <div class="chart-box"><canvas data-chart="${id}" data-kind="${kind}" role="img" aria-label="${title}"></canvas></div>
    ${total === 0 ? html`<p class="muted">${emptyText}</p>` : ""}
    <table class="figures" data-figures="${id}">
      <tbody>
        ${series.labels.map(
          (label, i) =>
            html`<tr data-key="${series.keys[i]}">
              <td><span class="swatch sw-${id}-${i}"></span>${label}</td>
              <td class="num">${series.values[i]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}

export function headline(report: AuditReport, data: ReportData): SafeHtml {
  const s = report.summary;
  const rows = data.rows;
  const findings = data.charts.severities.values.reduce((a, b) => a + b, 0);
  const critical = data.charts.severities.values[data.charts.severities.keys.indexOf("critical")] ?? 0;
  const withCredentials = rows.filter((r) => r.state === "credentials").length;
  const clean = rows.filter((r) => r.state === "clean").length;
  const failed = rows.filter((r) => r.state === "failed").length;
  return html`<div class="cards" id="headline">
      <div class="card"><span class="n" data-stat="accounts">${rows.length}</span><span class="l">${rows.length === 1 ? "account" : "accounts"}</span></div>
      <div class="card ${withCredentials ? "bad" : "good"}">
        <span class="n" data-stat="credentials">${withCredentials}</span><span class="l">with root credentials</span>
      </div>
      <div class="card good"><span class="n" data-stat="clean">${clean}</span><span class="l">clean</span></div>
      <div class="card ${failed ? "bad" : ""}"><span class="n" data-stat="failed">${failed}</span><span class="l">could not be audited</span></div>
      <div class="card"><span class="n" data-stat="findings">${findings}</span><span class="l">findings</span></div>
      <div class="card ${critical ? "worst" : "good"}"><span class="n" data-stat="critical">${critical}</span><span class="l">critical</span></div>
    </div>
    <p class="muted">
      ${s.credentials.accessKeys} root access keys (${s.credentials.activeAccessKeys} active), ${s.credentials.passwords} passwords, ${s.credentials.mfaDevices}
      MFA devices and ${s.credentials.signingCertificates} signing certificates in the accounts that were read.
    </p>`;
}

/** The organization-scale charts (a standalone report, one account, has none). */
export function overview(data: ReportData): SafeHtml {
  return html`<section id="overview">
    <h2>Overview</h2>
    <div class="charts">
      ${chartFigure("states", "Accounts by state", "doughnut", data.charts.states, "No accounts.")}
      ${chartFigure("credentials", "Root credentials by type", "hbar", data.charts.credentials, "No root credentials found.")}
      ${chartFigure("severities", "Findings by severity", "bar", data.charts.severities, "No findings.")}
      ${chartFigure("controls", "Findings by control", "hbar", data.charts.controls, "No findings.")}
    </div>
  </section>`;
}
