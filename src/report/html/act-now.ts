// The top of the report: what to do first (core/act-now.ts), each item with its count, the accounts it
// concerns (the first few, linked to their details) and the rootsweep command that handles it.
import { actNow } from "../../core/act-now.js";
import type { AuditReport } from "../../core/model.js";
import type { AccountRef } from "../../core/triage.js";
import { html, type SafeHtml, withInlineCode } from "./escape.js";

/** The first few accounts, each linked to its details when the page has them, then how many more. */
export function accountLinks(accounts: readonly AccountRef[], linked: ReadonlySet<string>, shown = 8): SafeHtml {
  const first = accounts.slice(0, shown);
  const more = accounts.length - first.length;
  return html`${first.map(
    (a, i) =>
      html`${i > 0 ? ", " : ""}${linked.has(a.accountId) ? html`<a href="#acct-${a.accountId}" title="${a.accountId}">${a.name || a.accountId}</a>` : html`<span title="${a.accountId}">${a.name || a.accountId}</span>`}`,
  )}${more > 0 ? html` <span class="muted">and ${more} more</span>` : ""}`;
}

export function actNowSection(report: AuditReport, linked: ReadonlySet<string>): SafeHtml {
  const { items, recentDays } = actNow(report);
  return html`<section id="act-now" class="act-now">
    <h2>Act now</h2>
    ${
      items.length === 0
        ? html`<p class="all-clear" data-act="none">
            Nothing urgent: no active root access key, no root password used in the last ${recentDays} days, and every account was audited.
          </p>`
        : html`<ul class="todo">
            ${items.map(
              (item) =>
                html`<li class="todo-item todo-${item.kind}" data-act="${item.kind}" ${item.reason ? html` data-reason="${item.reason}"` : ""}>
                  <span class="todo-n" data-count="${item.count}">${item.count}</span>
                  <div>
                    <strong>${item.headline}</strong>
                    <p class="todo-accounts">${accountLinks(item.accounts, linked)}</p>
                    <p class="todo-hint">
                      ${withInlineCode(item.hint)}${item.code ? html` <span class="muted">(${item.code})</span>` : ""}
                      ${item.command ? html`<br />Run: <code class="cmd">${item.command}</code>` : ""}
                    </p>
                  </div>
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
