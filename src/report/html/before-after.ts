// The before/after section that leads the HTML report of `report --before A --after B`: the totals a
// cleanup is judged by, then each account that changed (worst first). The rest of the page is the
// after-audit, rendered as any audit is.
import { changeSubject, credentialLabel, describeChange } from "../../core/audit-compare.js";
import {
  type AccountBeforeAfter,
  type BeforeAfterCount,
  type BeforeAfterReport,
  changedAccounts,
  TOTAL_LABELS,
  TOTAL_METRICS,
} from "../../core/before-after.js";
import { SEVERITIES, type Severity } from "../../core/model.js";
import { credentialCounts, delta, findingCounts } from "../before-after-text.js";
import { html, type SafeHtml } from "./escape.js";
import { count, formatDate } from "./format.js";

/** Extra rules for this section, appended to the page's stylesheet (and so covered by its CSP hash). */
export const BEFORE_AFTER_STYLES = `
#before-after .cards .card .n .was { color: var(--muted); font-weight: 500; font-size: 18px; }
table.totals td.num, table.totals th.num { text-align: right; font-variant-numeric: tabular-nums; }
.delta-better { color: var(--state-clean); font-weight: 600; }
.delta-worse { color: var(--sev-critical); font-weight: 600; }
ul.ba-list { margin: 2px 0; padding-left: 18px; }
#before-after h3.ba-sub { margin-top: 16px; }
`;

function deltaCell(c: BeforeAfterCount): SafeHtml {
  const cls = c.after < c.before ? "delta-better" : c.after > c.before ? "delta-worse" : "";
  return html`<td class="num ${cls}">${delta(c)}</td>`;
}

function card(key: string, label: string, c: BeforeAfterCount): SafeHtml {
  const cls = c.after === 0 ? "good" : c.after < c.before ? "" : "bad";
  return html`<div class="card ${cls}" data-ba="${key}">
    <span class="n"><span class="was">${c.before} →</span> ${c.after}</span><span class="l">${label}</span>
  </div>`;
}

function totalsTable(report: BeforeAfterReport): SafeHtml {
  const rows: Array<[string, string, BeforeAfterCount]> = TOTAL_METRICS.map((m) => [m, TOTAL_LABELS[m], report.totals[m]]);
  for (const s of [...SEVERITIES].reverse()) rows.push([`findings-${s}`, `Findings: ${s}`, report.totals.findingsBySeverity[s]]);
  return html`<div class="table-wrap">
    <table class="accounts totals">
      <thead>
        <tr>
          <th>Total</th>
          <th class="num">Before</th>
          <th class="num">After</th>
          <th class="num">Change</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([key, label, c]) =>
            html`<tr data-total="${key}">
              <td>${label}</td>
              <td class="num">${c.before}</td>
              <td class="num">${c.after}</td>
              ${deltaCell(c)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function severityBadge(severity: Severity | null): SafeHtml {
  return severity ? html`<span class="badge sev sev-${severity}">${severity}</span>` : html`<span class="muted">none</span>`;
}

function credentialList(credentials: AccountBeforeAfter["credentials"]["removed"]): SafeHtml | string {
  if (credentials.length === 0) return "-";
  return html`<span title="${credentials.map(credentialLabel).join("; ")}">${credentialCounts(credentials)}</span>`;
}

function accountRow(a: AccountBeforeAfter): SafeHtml {
  const findings = [...a.findings.resolved.map((f) => `resolved: ${f.checkId}`), ...a.findings.new.map((f) => `new: ${f.checkId}`)];
  return html`<tr data-account="${a.accountId}">
    <td class="id">${a.accountId}</td>
    <td>${a.name}</td>
    <td>${severityBadge(a.worstSeverity.before)} → ${severityBadge(a.worstSeverity.after)}</td>
    <td data-cell="removed">${credentialList(a.credentials.removed)}</td>
    <td data-cell="added">${credentialList(a.credentials.added)}</td>
    <td data-cell="kept">${credentialList(a.credentials.kept)}</td>
    <td data-cell="findings"><span title="${findings.join("; ")}">${findingCounts(a.findings)}</span></td>
  </tr>`;
}

function otherChanges(report: BeforeAfterReport): SafeHtml | "" {
  const shown = report.changes.filter((c) => c.kind !== "credential-removed");
  if (shown.length === 0) return "";
  return html`<h3>Other changes</h3>
    <ul class="ba-list">
      ${shown.map((c) => html`<li data-kind="${c.kind}">${changeSubject(c)}: ${describeChange(c)}</li>`)}
    </ul>`;
}

export function beforeAfterSection(report: BeforeAfterReport): SafeHtml {
  const changed = changedAccounts(report);
  const t = report.totals;
  const unchanged = report.accounts.length - changed.length;
  const changedLine = `${count(changed.length, "account")} of ${report.accounts.length} changed${unchanged ? `; ${unchanged} unchanged` : ""}.`;
  return html`<section id="before-after">
    <h2>Before and after</h2>
    <p class="muted">
      Before: audit of ${formatDate(report.before.generatedAt)}${report.before.file ? ` (${report.before.file})` : ""}. After: audit of
      ${formatDate(report.after.generatedAt)}${report.after.file ? ` (${report.after.file})` : ""}. The rest of this report is the after-audit.
    </p>
    ${report.warnings.map((w) => html`<p class="muted">Note: ${w}</p>`)}
    <div class="cards">
      ${card("withCredentials", "accounts with root credentials", t.withCredentials)} ${card("passwords", "root passwords", t.passwords)}
      ${card("activeAccessKeys", "active root access keys", t.activeAccessKeys)} ${card("mfaDevices", "root MFA devices", t.mfaDevices)}
      ${card("signingCertificates", "root signing certificates", t.signingCertificates)} ${card("critical", "critical findings", t.findingsBySeverity.critical)}
    </div>
    ${totalsTable(report)}
    <h3 class="ba-sub">Accounts that changed</h3>
    <p class="muted" data-stat="changed-accounts">${changedLine}</p>
    ${
      changed.length
        ? html`<div class="table-wrap">
            <table class="accounts before-after">
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Name</th>
                  <th>Worst: before → after</th>
                  <th>Removed</th>
                  <th>Added</th>
                  <th>Kept</th>
                  <th>Findings</th>
                </tr>
              </thead>
              <tbody>
                ${changed.map(accountRow)}
              </tbody>
            </table>
          </div>`
        : ""
    }
    ${otherChanges(report)}
  </section>`;
}
