// Dates as people read them in a report: UTC, to the minute, and how long before the audit they were.

export function formatDate(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(iso: string | null): string {
  return iso ? formatDate(iso).slice(0, 10) : "—";
}

const DAY_MS = 86_400_000;

/** "3 days before the audit", "today": relative to the audit, so a report read later still makes sense. */
export function beforeAudit(iso: string | null, auditedAt: string): string {
  if (!iso) return "";
  const days = Math.floor((Date.parse(auditedAt) - Date.parse(iso)) / DAY_MS);
  if (Number.isNaN(days)) return "";
  if (days <= 0) return "on the day of the audit";
  if (days === 1) return "1 day before the audit";
  return `${days} days before the audit`;
}

export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}
