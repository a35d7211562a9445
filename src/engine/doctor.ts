// What `doctor` reads, read-only: the caller (the setup step), then the organization's readiness facts, and
// the audit file when one is named; or, with --probe, the observations of real AWS behaviour. The judging is
// pure (core/doctor.ts, core/probe.ts) and the rendering is report's.
import type { AwsClients } from "../aws/clients.js";
import { gatherPreflight } from "../aws/preflight.js";
import { probeAws } from "../aws/probe.js";
import type { DoctorFacts } from "../core/doctor.js";
import type { ProbeObservations } from "../core/probe.js";
import { readAuditRoots } from "./read-input.js";
import { setupCaller } from "./setup.js";

export interface DoctorReadOptions {
  concurrency: number;
  /** An audit file whose accounts the report also judges, read relative to cwd. */
  from?: string;
  cwd: string;
}

export async function readDoctorFacts(clients: AwsClients, options: DoctorReadOptions): Promise<DoctorFacts> {
  const { caller } = await setupCaller(clients);
  const facts = await gatherPreflight(clients, caller, { concurrency: options.concurrency });
  if (options.from) facts.audit = { file: options.from, accounts: (await readAuditRoots(options.from, options.cwd)).accounts };
  return facts;
}

export async function probeAwsBehaviour(clients: AwsClients, target: string): Promise<ProbeObservations> {
  return probeAws(clients, target);
}
