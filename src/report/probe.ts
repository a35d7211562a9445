// `rootsweep doctor --probe` on a terminal (a table of checks, what AWS answered under each) and as JSON,
// the form to attach to a bug report. Nothing here can hold a credential: the report model has none.
import pc from "picocolors";
import type { ProbeReport, ProbeStatus } from "../core/probe.js";

const LABEL: Record<ProbeStatus, string> = { ok: "ok", differs: "DIFFERS", failed: "FAILED" };

export function renderProbeText(report: ProbeReport, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const paint: Record<ProbeStatus, (t: string) => string> = { ok: c.green, differs: (t) => c.bold(c.red(t)), failed: c.magenta };
  const env = report.environment;
  const lines = [
    `rootsweep doctor --probe ${report.target} (probe v${report.probeVersion}, rootsweep ${report.tool.version}, Node ${env.node})`,
    `region ${env.region}, partition ${env.partition}, STS endpoint ${env.stsEndpoint ?? "not reached"}`,
    `SDK: ${Object.entries(env.sdk)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}`,
  ];
  if (report.caller) lines.push(`caller ${report.caller.arn} (${report.caller.role ?? "role unknown"})`);
  if (report.organization) lines.push(`organization ${report.organization.id}, management account ${report.organization.managementAccountId}`);
  if (report.features)
    lines.push(
      `features: RootCredentialsManagement ${report.features.rootCredentialsManagement ? "on" : "off"}, RootSessions ${report.features.rootSessions ? "on" : "off"}`,
    );
  lines.push("");
  const width = Math.max(...report.checks.map((ch) => ch.id.length), 10);
  for (const check of report.checks) {
    lines.push(`  ${paint[check.status](LABEL[check.status].padEnd(8))} ${check.id.padEnd(width)}  ${check.title}`);
    if (check.status !== "ok") lines.push(`           expected: ${check.expected}`);
    lines.push(`           ${c.dim(check.observed)}`);
  }
  lines.push("");
  if (report.couldNotRun) {
    lines.push(c.red(`Could not run: ${report.couldNotRun.reason}.`));
    if (report.couldNotRun.fix) lines.push(`  ${report.couldNotRun.fix}`);
  } else if (report.result === "matched") {
    lines.push(c.green("Everything AWS answered matched what rootsweep expects."));
  } else {
    const n = report.checks.filter((ch) => ch.status !== "ok").length;
    lines.push(c.red(`${n} check${n === 1 ? "" : "s"} did not match: attach \`rootsweep doctor --probe ${report.target} --format json\` to a bug report.`));
  }
  return `${lines.join("\n")}\n`;
}

export function renderProbeJson(report: ProbeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
