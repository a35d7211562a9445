// How one finding reads: severity, title, what was found, the controls it maps to, and the fix (with the
// step-by-step manual instructions when the audit has them, as standalone audits do).
import { complianceOf, controlLabel, requirementReference } from "../../core/compliance/index.js";
import type { ComplianceControl, Finding } from "../../core/model.js";
import { checkById } from "../../checks/index.js";
import { html, type SafeHtml, withInlineCode } from "./escape.js";
import { SEVERITY_LABELS } from "./view-model.js";

/** One chip per control, "CIS v3.0.0 1.4", with the framework's full name and version on hover. */
export function controlChips(controls: readonly ComplianceControl[]): SafeHtml {
  return html`${controls.map((c) => html`<span class="control" title="${requirementReference(c)}">${controlLabel(c)}</span>`)}`;
}

export function findingItem(finding: Finding): SafeHtml {
  return html`<li class="finding sev sev-${finding.severity}" data-check="${finding.checkId}">
    <span class="badge sev sev-${finding.severity}">${SEVERITY_LABELS[finding.severity]}</span>
    <span class="title">${finding.title}</span> <span class="muted">(${finding.checkId})</span>
    <p>${finding.message}</p>
    ${complianceOf(finding).length ? html`<p>${controlChips(complianceOf(finding))}</p>` : ""}
    <p class="fix"><strong>Fix:</strong> ${withInlineCode(finding.remediation)}</p>
    ${
      finding.manualSteps?.length
        ? html`<ol class="steps">
            ${finding.manualSteps.map((step) => html`<li>${withInlineCode(step)}</li>`)}
          </ol>`
        : ""
    }
  </li>`;
}

export function findingList(findings: readonly Finding[]): SafeHtml {
  return html`<ul class="finding-list">
    ${findings.map(findingItem)}
  </ul>`;
}

interface CheckGroup {
  checkId: string;
  title: string;
  severities: Set<Finding["severity"]>;
  controls: ComplianceControl[];
  remediation: string;
  risk: string | null;
  count: number;
}

/** One row per check that found something: how many findings, the controls, why it matters and the fix. */
export function checksSummary(findings: readonly Finding[]): SafeHtml {
  const groups = new Map<string, CheckGroup>();
  for (const f of findings) {
    const group = groups.get(f.checkId) ?? {
      checkId: f.checkId,
      title: f.title,
      severities: new Set(),
      controls: complianceOf(f),
      remediation: f.remediation,
      risk: checkById(f.checkId)?.risk ?? null,
      count: 0,
    };
    group.severities.add(f.severity);
    group.count++;
    groups.set(f.checkId, group);
  }
  if (groups.size === 0) return html`<p class="muted">No check found anything.</p>`;
  return html`<div class="table-wrap">
    <table class="accounts checks" id="checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Severity</th>
          <th scope="col">Findings</th>
          <th scope="col">Controls</th>
          <th scope="col">Why it matters and the fix</th>
        </tr>
      </thead>
      <tbody>
        ${[...groups.values()].map(
          (g) =>
            html`<tr data-check="${g.checkId}">
              <td><strong>${g.title}</strong><br /><span class="muted">${g.checkId}</span></td>
              <td>${[...g.severities].map((s) => html`<span class="badge sev sev-${s}">${SEVERITY_LABELS[s]}</span> `)}</td>
              <td class="num">${g.count}</td>
              <td>${controlChips(g.controls)}</td>
              <td>
                ${g.risk ? html`<p>${g.risk}</p>` : ""}
                <p class="fix"><strong>Fix:</strong> ${withInlineCode(g.remediation)}</p>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
