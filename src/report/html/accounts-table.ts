// The per-account table, rendered in full on the server (so it works without scripts and prints whole);
// the page script sorts and filters these rows using the embedded report data.
import { html, type SafeHtml } from "./escape.js";
import { formatDate, formatDay } from "./format.js";
import { ACCOUNT_STATES, type AccountRow, SEVERITY_LABELS, STATE_LABELS, STATE_SHORT_LABELS } from "./view-model.js";

const COLUMNS: Array<{ key: string; label: string; numeric?: boolean }> = [
  { key: "id", label: "Account" },
  { key: "name", label: "Name" },
  { key: "ou", label: "OU" },
  { key: "state", label: "State" },
  { key: "password", label: "Password" },
  { key: "keys", label: "Access keys" },
  { key: "mfa", label: "MFA" },
  { key: "certs", label: "Certs", numeric: true },
  { key: "findings", label: "Findings", numeric: true },
  { key: "worst", label: "Worst" },
  { key: "lastUsed", label: "Last root use" },
];

function parts(items: Array<[number, string]>): string {
  const shown = items.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return shown.length ? shown.join(", ") : "—";
}

function cells(row: AccountRow): SafeHtml {
  const read = row.password !== null;
  return html`<td class="id">${row.details ? html`<a href="#acct-${row.id}">${row.id}</a>` : row.id}</td>
    <td>${row.name}</td>
    <td>${row.ou ?? ""}</td>
    <td><span class="badge state state-${row.state}" title="${STATE_LABELS[row.state]}">${STATE_SHORT_LABELS[row.state]}</span></td>
    <td>${read ? (row.password ? "yes" : "—") : ""}</td>
    <td>
      ${
        read
          ? parts([
              [row.keysActive ?? 0, "active"],
              [row.keysInactive ?? 0, "inactive"],
            ])
          : ""
      }
    </td>
    <td>
      ${
        read
          ? parts([
              [row.mfaHardware ?? 0, "hardware"],
              [row.mfaVirtual ?? 0, "virtual"],
            ])
          : ""
      }
    </td>
    <td class="num">${read ? row.certs || "—" : ""}</td>
    <td class="num">${row.findings}</td>
    <td>${row.worst ? html`<span class="badge sev sev-${row.worst}">${SEVERITY_LABELS[row.worst]}</span>` : "—"}</td>
    <td title="${row.lastUsed ? formatDate(row.lastUsed) : ""}">${formatDay(row.lastUsed)}</td>`;
}

export function accountsTable(rows: AccountRow[]): SafeHtml {
  return html`<section id="accounts-section">
    <h2>Accounts</h2>
    <div class="controls" role="search">
      <input type="search" id="filter-text" placeholder="Filter by account ID, name, OU or email" aria-label="Filter accounts by text" />
      <select id="filter-state" aria-label="Filter by state">
        <option value="">All states</option>
        ${ACCOUNT_STATES.map((state) => html`<option value="${state}">${STATE_LABELS[state]}</option>`)}
      </select>
      <select id="filter-severity" aria-label="Filter by worst finding">
        <option value="">Any findings or none</option>
        <option value="critical">Critical</option>
        <option value="high">High or worse</option>
        <option value="medium">Medium or worse</option>
        <option value="low">Low or worse</option>
        <option value="info">Any finding</option>
        <option value="none">No findings</option>
      </select>
      <span class="count" id="filter-count" aria-live="polite"></span>
    </div>
    <div class="table-wrap">
      <table class="accounts" id="accounts" data-shown="${rows.length}">
        <thead>
          <tr>
            ${COLUMNS.map((c) => html`<th data-sort="${c.key}" aria-sort="none" scope="col"><button type="button" class="sort">${c.label}</button></th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr data-id="${row.id}" data-state="${row.state}">
                ${cells(row)}
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="empty" id="no-match" hidden>No account matches the filter.</p>
    </div>
  </section>`;
}
