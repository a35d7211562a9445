// Each account that is not plainly clean gets a section, worst first: its root credentials with dates and
// last use, why it could not be read and what to do about it, notes from a standalone audit, and its findings
// (Critical first), each linked to its check's fix, which the report says once.
import { unreadAdvice } from "../../core/act-now.js";
import { type AccountAudit, type RootCredentials, worstSeverity } from "../../core/model.js";
import { bySeverity, triageAccounts } from "../../core/triage.js";
import { isPlaceholderId } from "../../core/placeholders.js";
import { html, type SafeHtml, withInlineCode } from "./escape.js";
import { beforeAudit, formatDate, formatDay } from "./format.js";
import { findingList } from "./findings.js";
import { accountState, hasDetails, SEVERITY_LABELS, STATE_LABELS } from "./view-model.js";

/** The day; the minute and how long before the audit on hover (the findings say how recent in words). */
function when(iso: string | null, auditedAt: string, none = "—"): SafeHtml {
  if (!iso) return html`${none}`;
  const before = beforeAudit(iso, auditedAt);
  return html`<span class="day" title="${formatDate(iso)}${before ? `, ${before}` : ""}">${formatDay(iso)}</span>`;
}

function identifier(id: string): SafeHtml {
  // A standalone audit names slots, not IDs: say so instead of showing a slot name as if it were an ID.
  return isPlaceholderId(id) ? html`<span class="muted" title="${id}">not visible to IAM users (${id})</span>` : html`<code>${id}</code>`;
}

function credentialRows(root: RootCredentials, auditedAt: string): SafeHtml[] {
  const rows: SafeHtml[] = [];
  if (root.password.present) {
    rows.push(
      html`<tr data-credential="password">
        <td>Console password</td>
        <td>—</td>
        <td>present</td>
        <td>${when(root.password.createdAt, auditedAt)}</td>
        <td>${when(root.password.lastUsedAt, auditedAt, "none recorded")}</td>
        <td>console</td>
      </tr>`,
    );
  }
  for (const key of root.accessKeys) {
    const where = [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(" in ");
    rows.push(
      html`<tr data-credential="access-key">
        <td>Access key</td>
        <td>${identifier(key.id)}</td>
        <td>${key.status}</td>
        <td>${when(key.createdAt, auditedAt)}</td>
        <td>${when(key.lastUsedAt, auditedAt, "none recorded")}</td>
        <td>${where || "—"}</td>
      </tr>`,
    );
  }
  for (const device of root.mfaDevices) {
    rows.push(
      html`<tr data-credential="mfa">
        <td>${device.type === "hardware" ? "Hardware MFA" : "Virtual MFA"}</td>
        <td>${identifier(device.serial)}</td>
        <td>enabled</td>
        <td>${when(device.enabledAt, auditedAt)}</td>
        <td>—</td>
        <td>—</td>
      </tr>`,
    );
  }
  for (const cert of root.signingCertificates) {
    rows.push(
      html`<tr data-credential="certificate">
        <td>Signing certificate</td>
        <td>${identifier(cert.id)}</td>
        <td>${cert.status}</td>
        <td>${when(cert.uploadedAt, auditedAt)}</td>
        <td>—</td>
        <td>—</td>
      </tr>`,
    );
  }
  return rows;
}

function credentials(account: AccountAudit, auditedAt: string): SafeHtml {
  if (!account.root) return html``;
  const rows = credentialRows(account.root, auditedAt);
  if (rows.length === 0) return html`<p>No root credentials.</p>`;
  return html`<table class="creds">
    <thead>
      <tr>
        <th>Credential</th>
        <th>ID</th>
        <th>Status</th>
        <th>Created</th>
        <th>Last used</th>
        <th>Where</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function unread(account: AccountAudit, skipped: boolean): SafeHtml {
  const error = account.error!;
  const advice = unreadAdvice(error);
  return html`<div class="error" data-code="${advice.code}">
    <p><strong>${skipped ? "Skipped" : "Could not audit"}:</strong> ${advice.why}. <span class="muted">${error.message} (${error.code})</span></p>
    <p class="fix"><strong>Fix:</strong> ${withInlineCode(advice.hint)}${advice.command ? html` Run: <code class="cmd">${advice.command}</code>` : ""}</p>
  </div>`;
}

function accountSection(account: AccountAudit, reportTime: string, standalone: boolean): SafeHtml {
  const state = accountState(account);
  const worst = worstSeverity(account.findings);
  const auditedAt = account.auditedAt ?? reportTime;
  const details = account.standalone;
  const sub = [account.ouPath, account.email, account.accountStatus !== "ACTIVE" ? account.accountStatus : null].filter((x): x is string => Boolean(x));
  return html`<section class="account" id="acct-${account.accountId}" data-id="${account.accountId}">
    <header>
      <h3>${account.name || account.accountId}</h3>
      <span class="muted">${account.accountId}</span><span class="badge state state-${state}">${STATE_LABELS[state]}</span>
      ${worst ? html`<span class="badge sev sev-${worst}">${SEVERITY_LABELS[worst]}</span>` : ""}
    </header>
    ${sub.length ? html`<p class="sub">${sub.join(" · ")}</p>` : ""} ${account.error ? unread(account, state === "skipped") : ""}
    ${credentials(account, auditedAt)}
    ${
      details
        ? html`<p class="muted">Read from the IAM credential report generated ${formatDate(details.credentialReportGeneratedAt)}.</p>
            ${
              details.notes.length
                ? html`<ul class="notes">
                    ${details.notes.map((n) => html`<li>${n}</li>`)}
                  </ul>`
                : ""
            }`
        : ""
    }
    ${account.findings.length ? findingList(bySeverity(account.findings), standalone) : ""}
  </section>`;
}

/** `standalone`: a one-account report, where each finding carries its own fix and steps. */
export function accountDetails(accounts: readonly AccountAudit[], reportTime: string, standalone: boolean): SafeHtml {
  const shown = triageAccounts(accounts.filter(hasDetails));
  return html`<section id="details">
    <h2>${standalone ? "The account" : "Account details"}</h2>
    ${
      standalone
        ? ""
        : html`<p class="muted no-print">
            Worst first: accounts with root credentials, findings, or that could not be read; clean accounts are listed only in the table. The filter above
            applies here too. Each finding links to its fix under Findings by check.
          </p>`
    }
    ${
      shown.length
        ? html`<div class="account-grid">${shown.map((a) => accountSection(a, reportTime, standalone))}</div>`
        : html`<p>${accounts.length ? "Every account is clean." : "The audit has no accounts."}</p>`
    }
  </section>`;
}
