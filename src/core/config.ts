// The optional config file (rootsweep.config.json): accounts that plan and apply must never touch.
import { z } from "zod";

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account ID");

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Break-glass and other accounts whose root credentials are kept on purpose. */
  protectedAccounts: z.array(z.union([accountId, z.strictObject({ accountId, reason: z.string().min(1).max(500).optional() })])).default([]),
});

export type Config = z.output<typeof configSchema>;

export const DEFAULT_CONFIG_FILE = "rootsweep.config.json";

export function protectedAccountsOf(config: Config): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of config.protectedAccounts) {
    if (typeof entry === "string") map.set(entry, "listed in the config");
    else map.set(entry.accountId, entry.reason ?? "listed in the config");
  }
  return map;
}
