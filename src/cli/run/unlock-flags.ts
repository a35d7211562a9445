import type { AwsFlags, SelectionFlags } from "../shared-options.js";
export interface UnlockFlags extends AwsFlags, SelectionFlags {
  list?: boolean;
  restore?: string;
  /** --bucket-pattern or --queue-pattern. */
  pattern?: string;
  anyPolicy?: boolean;
  backupDir: string;
  yes?: boolean;
  dryRun?: boolean;
  output?: string;
  format: "table" | "json";
  journal?: string;
  concurrency: number;
  /**
   * false with --no-backup (sqs only): a queue policy that cannot be read may be deleted without a backup.
   * Readable policies are always backed up.
   */
  backup?: boolean;
  /** Queue Regions to search (sqs only; empty means the default Region). */
  queueRegion: string[];
}
