import type { AwsFlags } from "../shared-options.js";
export interface ApplyFlags extends AwsFlags {
  yes: boolean;
  interactive?: "account" | "credential" | true;
  resume?: string;
  journal?: string;
  concurrency: number;
  verify: boolean;
  config?: string;
  dryRun?: boolean;
  /** Write a full audit of the organization, made after the deletions, to this file. */
  afterAudit?: string;
}
