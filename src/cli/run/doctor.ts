// Runs `rootsweep doctor`: read (read-only clients), judge, render, exit 0 when ready.
import { gatherPreflight } from "../../aws/preflight.js";
import { doctorExitCode, evaluateDoctor } from "../../core/doctor.js";
import { renderDoctorJson, renderDoctorText } from "../../report/doctor.js";
import { VERSION } from "../../version.js";
import type { DoctorFlags } from "../commands/doctor.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { awsClientsFor } from "./aws-clients.js";
import { readAuditFile } from "../read-input.js";

export async function runDoctorCommand(flags: DoctorFlags, io: CliIo): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  try {
    const facts = await gatherPreflight(clients, { concurrency: flags.concurrency });
    if (flags.from) facts.audit = { file: flags.from, accounts: (await readAuditFile(flags.from, io.cwd)).value.accounts };
    const report = evaluateDoctor(facts, { version: VERSION, now: new Date() });
    const text = flags.format === "json" ? renderDoctorJson(report) : renderDoctorText(report, { color: !flags.output && colorEnabled(io) });
    await writeResult(io, text, flags.output);
    return doctorExitCode(report, flags.strict);
  } finally {
    clients.destroy();
  }
}
