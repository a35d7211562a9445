// Runs `rootsweep doctor`: read (read-only clients), judge, render, exit 0 when ready. With --probe, the
// read-only probe of real AWS behaviour instead (src/aws/probe.ts, src/core/probe.ts).
import { gatherPreflight } from "../../aws/preflight.js";
import { probeAws } from "../../aws/probe.js";
import { doctorExitCode, evaluateDoctor } from "../../core/doctor.js";
import { evaluateProbe, probeExitCode } from "../../core/probe.js";
import { setupCaller } from "../../engine/setup.js";
import { renderDoctorJson, renderDoctorText } from "../../report/doctor.js";
import { renderProbeJson, renderProbeText } from "../../report/probe.js";
import { VERSION } from "../../version.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { awsClientsFor } from "./aws-clients.js";
import { readAuditFile } from "../../engine/read-input.js";
import type { AwsFlags } from "../shared-options.js";

export interface DoctorFlags extends AwsFlags {
  format: "text" | "json";
  output?: string;
  strict: boolean;
  concurrency: number;
  from?: string;
  probe?: string;
}

export async function runDoctorCommand(flags: DoctorFlags, io: CliIo): Promise<number> {
  const clients = await awsClientsFor(flags, io);
  const color = !flags.output && colorEnabled(io);
  try {
    if (flags.probe) {
      const report = evaluateProbe(await probeAws(clients, flags.probe), { version: VERSION, now: new Date() });
      await writeResult(io, flags.format === "json" ? renderProbeJson(report) : renderProbeText(report, { color }), flags.output);
      return probeExitCode(report);
    }
    const { caller } = await setupCaller(clients);
    const facts = await gatherPreflight(clients, caller, { concurrency: flags.concurrency });
    if (flags.from) facts.audit = { file: flags.from, accounts: (await readAuditFile(flags.from, io.cwd)).value.accounts };
    const report = evaluateDoctor(facts, { version: VERSION, now: new Date() });
    const text = flags.format === "json" ? renderDoctorJson(report) : renderDoctorText(report, { color });
    await writeResult(io, text, flags.output);
    return doctorExitCode(report, flags.strict);
  } finally {
    clients.destroy();
  }
}
