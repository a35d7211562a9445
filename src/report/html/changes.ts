// With `audit --compare`: what changed since the earlier audit, new root credentials first (they are what
// a weekly job is for), then the rest in the audit's order.
import { type AuditChange, changeSubject, describeChange } from "../../core/audit-compare.js";
import type { AuditReport } from "../../core/model.js";
import { html, type SafeHtml } from "./escape.js";
import { count, formatDate } from "./format.js";

const rank = (change: AuditChange) => (change.kind === "credential-added" ? 0 : 1);

export function changesSection(report: AuditReport): SafeHtml | "" {
  if (!report.changes || !report.comparedWith) return "";
  const changes = [...report.changes].sort((a, b) => rank(a) - rank(b));
  const added = changes.filter((c) => c.kind === "credential-added").length;
  return html`<section id="changes">
    <h2>Changes since ${formatDate(report.comparedWith.generatedAt)}</h2>
    <p class="muted" data-stat="new-credentials">
      ${changes.length === 0 ? "Nothing changed." : `${count(changes.length, "change")}, ${count(added, "new root credential")}.`}
    </p>
    ${
      changes.length
        ? html`<div class="table-wrap">
            <table class="accounts changes">
              <thead>
                <tr>
                  <th>Where</th>
                  <th>Change</th>
                </tr>
              </thead>
              <tbody>
                ${changes.map(
                  (c) =>
                    html`<tr class="change-${c.kind}" data-kind="${c.kind}">
                      <td class="id">${changeSubject(c)}</td>
                      <td>${describeChange(c)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ""
    }
  </section>`;
}
