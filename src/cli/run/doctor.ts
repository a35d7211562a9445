// Runs `rootsweep doctor`: read (read-only clients), judge, render, exit 0 when ready. With --probe, the
// read-only probe of real AWS behaviour instead (src/engine/doctor.ts, src/core/probe.ts).
import { doctorExitCode, evaluateDoctor } from "../../core/doctor.js";
import { evaluateProbe, probeExitCode } from "../../core/probe.js";
import { probeAwsBehaviour, readDoctorFacts } from "../../engine/doctor.js";
import { renderDoctorJson, renderDoctorText } from "../../report/doctor.js";
import { renderProbeJson, renderProbeText } from "../../report/probe.js";
import { VERSION } from "../../version.js";
import { colorEnabled, type CliIo } from "../io.js";
import { writeResult } from "../output.js";
import { awsClientsFor } from "./aws-clients.js";
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
      const report = evaluateProbe(await probeAwsBehaviour(clients, flags.probe), { version: VERSION, now: new Date() });
      await writeResult(io, flags.format === "json" ? renderProbeJson(report) : renderProbeText(report, { color }), flags.output);
      return probeExitCode(report);
    }
    const facts = await readDoctorFacts(clients, { concurrency: flags.concurrency, cwd: io.cwd, ...(flags.from ? { from: flags.from } : {}) });
    const report = evaluateDoctor(facts, { version: VERSION, now: new Date() });
    const text = flags.format === "json" ? renderDoctorJson(report) : renderDoctorText(report, { color });
    await writeResult(io, text, flags.output);
    return doctorExitCode(report, flags.strict);
  } finally {
    clients.destroy();
  }
}
