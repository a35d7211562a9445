// Each account that is not plainly clean gets a section: its root credentials with dates and last use,
// why it could not be read (if so), notes from a standalone audit, and every finding with its fix.
import type { AccountAudit, RootCredentials } from "../../core/model.js";
import { isPlaceholderId } from "../../core/placeholders.js";
import { html, type SafeHtml } from "./escape.js";
import { beforeAudit, formatDate } from "./format.js";
import { findingList } from "./findings.js";
import { accountState, hasDetails, STATE_LABELS } from "./view-model.js";

function when(iso: string | null, auditedAt: string, none = "—"): SafeHtml {
  if (!iso) return html`${none}`;
  const relative = beforeAudit(iso, auditedAt);
  return html`${formatDate(iso)}${relative ? html`<br /><span class="muted">${relative}</span>` : ""}`;
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

function accountSection(account: AccountAudit, reportTime: string): SafeHtml {
  const state = accountState(account);
  const auditedAt = account.auditedAt ?? reportTime;
  const standalone = account.standalone;
  const sub = [account.ouPath, account.email, account.accountStatus !== "ACTIVE" ? account.accountStatus : null].filter((x): x is string => Boolean(x));
  return html`<section class="account" id="acct-${account.accountId}" data-id="${account.accountId}">
    <header>
      <h3>${account.name || account.accountId}</h3>
      <span class="muted">${account.accountId}</span><span class="badge state state-${state}">${STATE_LABELS[state]}</span>
    </header>
    ${sub.length ? html`<p class="sub">${sub.join(" · ")}</p>` : ""}
    ${account.error ? html`<p class="error"><strong>${state === "skipped" ? "Skipped" : "Could not audit"}:</strong> ${account.error.message} <span class="muted">(${account.error.code})</span></p>` : ""}
    ${credentials(account, auditedAt)}
    ${
      standalone
        ? html`<p class="muted">Read from the IAM credential report generated ${formatDate(standalone.credentialReportGeneratedAt)}.</p>
            ${
              standalone.notes.length
                ? html`<ul class="notes">
                    ${standalone.notes.map((n) => html`<li>${n}</li>`)}
                  </ul>`
                : ""
            }`
        : ""
    }
    ${account.findings.length ? findingList(account.findings) : ""}
  </section>`;
}

export function accountDetails(accounts: readonly AccountAudit[], reportTime: string): SafeHtml {
  const shown = accounts.filter(hasDetails);
  return html`<section id="details">
    <h2>Account details</h2>
    <p class="muted no-print">
      Accounts with root credentials, findings, or that could not be read; clean accounts are listed only in the table. The filter above applies here too.
    </p>
    ${shown.length ? shown.map((a) => accountSection(a, reportTime)) : html`<p>${accounts.length ? "Every account is clean." : "The audit has no accounts."}</p>`}
  </section>`;
}
