// The per-account table, rendered in full on the server (so it works without scripts and prints whole);
// the page script sorts and filters these rows using the embedded report data.
import { html, type SafeHtml } from "./escape.js";
import { formatDate, formatDay } from "./format.js";
import { ACCOUNT_STATES, type AccountRow, SEVERITY_LABELS, STATE_LABELS, STATE_SHORT_LABELS } from "./view-model.js";

/**
 * What decides triage comes first (name, worst, last use), so at 800 px the Worst column is on screen; the
 * OU, the least needed, comes last and is the first column a narrow screen drops (styles.ts).
 */
const COLUMNS: Array<{ key: string; label: string; className: string }> = [
  { key: "id", label: "Account", className: "id" },
  { key: "name", label: "Name", className: "name" },
  { key: "worst", label: "Worst", className: "worst" },
  { key: "state", label: "State", className: "state" },
  { key: "lastUsed", label: "Last root use", className: "last" },
  { key: "password", label: "Password", className: "pwd" },
  { key: "keys", label: "Access keys", className: "keys" },
  { key: "mfa", label: "MFA", className: "mfa" },
  { key: "certs", label: "Certs", className: "num certs" },
  { key: "findings", label: "Findings", className: "num findings" },
  { key: "ou", label: "OU", className: "ou" },
];

function parts(items: Array<[number, string]>): string {
  const shown = items.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return shown.length ? shown.join(", ") : "—";
}

function cells(row: AccountRow): SafeHtml {
  const read = row.password !== null;
  return html`<td class="id">${row.details ? html`<a href="#acct-${row.id}">${row.id}</a>` : row.id}</td>
    <td class="name" title="${row.name}">${row.name}</td>
    <td class="worst">${row.worst ? html`<span class="badge sev sev-${row.worst}">${SEVERITY_LABELS[row.worst]}</span>` : "—"}</td>
    <td class="state"><span class="badge state state-${row.state}" title="${STATE_LABELS[row.state]}">${STATE_SHORT_LABELS[row.state]}</span></td>
    <td class="last" title="${row.lastUsed ? formatDate(row.lastUsed) : ""}">${formatDay(row.lastUsed)}</td>
    <td class="pwd">${read ? (row.password ? "yes" : "—") : ""}</td>
    <td class="keys">
      ${
        read
          ? parts([
              [row.keysActive ?? 0, "active"],
              [row.keysInactive ?? 0, "inactive"],
            ])
          : ""
      }
    </td>
    <td class="mfa">
      ${
        read
          ? parts([
              [row.mfaHardware ?? 0, "hardware"],
              [row.mfaVirtual ?? 0, "virtual"],
            ])
          : ""
      }
    </td>
    <td class="num certs">${read ? row.certs || "—" : ""}</td>
    <td class="num findings">${row.findings}</td>
    <td class="ou">${row.ou ?? ""}</td>`;
}

export function accountsTable(rows: AccountRow[]): SafeHtml {
  return html`<section id="accounts-section">
    <h2>Accounts</h2>
    <p class="muted">Worst first: by worst finding, then the most recent root use, then name. Click a heading to sort by it.</p>
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
            ${COLUMNS.map(
              (c) =>
                html`<th class="${c.className}" data-sort="${c.key}" aria-sort="none" scope="col"><button type="button" class="sort">${c.label}</button></th>`,
            )}
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
