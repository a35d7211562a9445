// The generated parts of docs/permissions.md and README.md are what `npm run docs:permissions` writes from
// the permissions table: the README's policy is `rootsweep permissions` for audit, not a hand-written one.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS_DOC_PATH, permissionsDocText, README_PATH, readmeText, replaceBlock } from "../../scripts/gen-permissions-docs.js";
import { PERMISSION_COMMANDS, PERMISSIONS } from "../../src/core/permissions.js";
import { runCli } from "../support/cli.js";

describe("permissions docs", () => {
  it("docs/permissions.md is up to date with the table, one section per command, every action in it", () => {
    const text = readFileSync(PERMISSIONS_DOC_PATH, "utf8");
    expect(text).toBe(permissionsDocText(text));
    for (const command of PERMISSION_COMMANDS) {
      const section = text.split(`### ${command}\n`)[1]!.split("\n### ")[0]!;
      for (const action of Object.keys(PERMISSIONS[command].actions)) expect(section, `${command}: ${action}`).toContain(`| \`${action}\` |`);
    }
  });

  it("README.md shows what `rootsweep permissions` prints for audit", async () => {
    const text = readFileSync(README_PATH, "utf8");
    expect(text).toBe(readmeText(text));
    const printed = await runCli(["permissions"], { env: { PATH: process.env.PATH } });
    expect(printed.code, printed.stderr).toBe(0);
    expect(text).toContain(`\`\`\`json\n${printed.stdout}\`\`\``);
  });

  it("refuses a file whose markers are missing", () => {
    expect(() => replaceBlock("no markers", "commands", "x", "docs/permissions.md")).toThrow(/docs\/permissions\.md has no <!-- permissions:commands/);
  });
});
