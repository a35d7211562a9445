// How one finding reads: severity, title, what was found, the controls it maps to, and the fix (with the
// step-by-step manual instructions when the audit has them, as standalone audits do).
import { complianceOf, controlLabel, requirementReference } from "../../core/compliance/index.js";
import type { ComplianceControl, Finding } from "../../core/model.js";
import type { CheckGroup } from "../../core/triage.js";
import { checkById } from "../../checks/index.js";
import { accountLinks } from "./act-now.js";
import { html, type SafeHtml, withInlineCode } from "./escape.js";
import { count } from "./format.js";
import { SEVERITY_LABELS } from "./view-model.js";

/** One chip per control, "CIS v3.0.0 1.4", with the framework's full name and version on hover. */
export function controlChips(controls: readonly ComplianceControl[]): SafeHtml {
  return html`${controls.map((c) => html`<span class="control" title="${requirementReference(c)}">${controlLabel(c)}</span>`)}`;
}

/**
 * One finding. In an organization report the fix is said once per check ("Findings by check"), so an account's
 * finding links there; a standalone report has one account, so its findings carry the fix and the steps.
 */
export function findingItem(finding: Finding, withFix: boolean): SafeHtml {
  const controls = complianceOf(finding);
  return html`<li class="finding sev sev-${finding.severity}" data-check="${finding.checkId}">
    <span class="badge sev sev-${finding.severity}">${SEVERITY_LABELS[finding.severity]}</span>
    <span class="title">${finding.title}:</span>
    <span class="message">${finding.message}</span>
    ${
      withFix
        ? html`${controls.length ? html`<p>${controlChips(controls)}</p>` : ""}
            <p class="fix"><strong>Fix:</strong> ${withInlineCode(finding.remediation)}</p>
            ${
              finding.manualSteps?.length
                ? html`<ol class="steps">
                    ${finding.manualSteps.map((step) => html`<li>${withInlineCode(step)}</li>`)}
                  </ol>`
                : ""
            }`
        : html` <a class="to-fix" href="#check-${finding.checkId}">Fix</a>`
    }
  </li>`;
}

export function findingList(findings: readonly Finding[], withFix: boolean): SafeHtml {
  return html`<ul class="finding-list">
    ${findings.map((f) => findingItem(f, withFix))}
  </ul>`;
}

/** One row per check that found something, worst first: the accounts, the controls, why it matters and the fix, once. */
export function checksSummary(groups: readonly CheckGroup[], linked: ReadonlySet<string>): SafeHtml {
  if (groups.length === 0) return html`<p class="muted">No check found anything.</p>`;
  return html`<div class="table-wrap">
    <table class="accounts checks" id="checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Applies to</th>
          <th scope="col">Why it matters and the fix</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map((g) => {
          const risk = checkById(g.checkId)?.risk ?? null;
          const controls = complianceOf(g.sample);
          const where = [g.organization ? "the organization" : "", g.accounts.length ? count(g.accounts.length, "account") : ""].filter(Boolean).join(" and ");
          return html`<tr data-check="${g.checkId}" id="check-${g.checkId}">
            <td class="check">
              ${g.severities.map((s) => html`<span class="badge sev sev-${s}">${SEVERITY_LABELS[s]}</span> `)}
              <br /><strong>${g.title}</strong><br /><span class="muted">${g.checkId}</span>
              ${controls.length ? html`<div class="check-controls">${controlChips(controls)}</div>` : ""}
            </td>
            <td class="applies">
              <strong data-findings="${g.findings}">${where}</strong>
              ${g.accounts.length ? html`<br />${accountLinks(g.accounts, linked, 12)}` : ""}
            </td>
            <td>
              ${risk ? html`<p>${risk}</p>` : ""}
              <p class="fix"><strong>Fix:</strong> ${withInlineCode(g.remediation)}</p>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
