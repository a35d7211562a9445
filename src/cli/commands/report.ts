// `rootsweep report AUDIT.json`: renders a saved audit again, in any format, without touching AWS.

import type { DefineCommand } from "./types.js";
import { formatOption } from "../shared-options.js";

import { AUDIT_FORMATS } from "./audit.js";
import type { ReportFlags } from "../run/report.js";

export const defineReport: DefineCommand = (program, io, setExit) => {
  program
    .command("report")
    .summary("render a saved audit (or two: before and after) as HTML, OCSF findings, a table, JSON or CSV")
    .description(
      "Reads an audit file (rootsweep audit --format json -o FILE), checks it, and\n" +
        "renders it, with no AWS calls.\n" +
        "--html FILE: one self-contained HTML report: charts, a sortable and\n" +
        "filterable account table, each account's credentials and the fix for each\n" +
        "finding. It loads nothing from the network and prints whole.\n" +
        "--ocsf FILE: one OCSF 1.6.0 Compliance Finding per finding (a JSON array).\n" +
        "Without either, prints the table (or --format) to stdout.\n" +
        "--before A.json --after B.json (no AUDIT): what changed between two audits of\n" +
        "the same organization, per account (credentials removed, added, kept; findings\n" +
        "resolved and new; worst severity before -> after) and in totals. As a table,\n" +
        "JSON (--format json) or HTML (--html FILE: the before/after section leads the\n" +
        "after-audit's report). `apply --after-audit FILE` writes the after-audit.",
    )
    .argument("[audit]", "audit JSON file written by rootsweep audit --format json")
    .option("--before <file>", "with --after: the audit from before the cleanup (e.g. the one the plan was made from)")
    .option("--after <file>", "with --before: the audit from after it (e.g. written by apply --after-audit)")
    .option("--html <file>", "write the HTML report to this file")
    .option("--ocsf <file>", "write OCSF Compliance Findings (a JSON array) to this file")
    .addOption(
      formatOption(
        AUDIT_FORMATS,
        undefined,
        "format for stdout or -o; with --before/--after only table, json or html (default: table, or none when --html or --ocsf is given)",
      ),
    )
    .option("-o, --output <file>", "write the --format output to this file instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  rootsweep audit --format json -o audit.json
  rootsweep report audit.json --html root-report.html
  rootsweep report audit.json --ocsf findings.ocsf.json
  rootsweep report audit.json --format ocsf-jsonl -o findings.jsonl   # one record per line
  rootsweep report audit.json                                         # the terminal table again
  rootsweep report --before audit.json --after after.json --html before-after.html
  rootsweep report --before audit.json --after after.json --format json -o before-after.json

Formats: docs/html-report.md (html), docs/ocsf.md (ocsf, ocsf-jsonl), docs/audit-report.md (json),
docs/before-after.md (--before/--after: table, json, html).
Exit codes: 0 written, 2 an audit file is missing, unreadable or not a valid audit, --before and --after
are audits of different organizations (or swapped), or an output cannot be written.
See docs/exit-codes.md.`,
    )
    .action(async (audit: string | undefined, flags: ReportFlags) => {
      const { runReportCommand } = await import("../run/report.js");
      setExit(await runReportCommand(audit, flags, io));
    });
};
