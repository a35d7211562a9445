// `rootsweep root-tasks`: the real CLI lists every task in table and JSON form, filters by handler, and
// every task it says rootsweep handles names a command the CLI really has.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HANDLED_BY, ROOT_TASKS, ROOT_TASKS_SOURCE, rootsweepCommands, type RootTask } from "../../src/core/root-tasks.js";
import { runCli, tempDir } from "../support/cli.js";

const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" };
const cli = (args: string[]) => runCli(args, { env: ENV });

describe("the root task list", () => {
  it("has unique ids, a known handler, something to run or do, a one-line note and an AWS source each", () => {
    expect(new Set(ROOT_TASKS.map((t) => t.id)).size).toBe(ROOT_TASKS.length);
    for (const task of ROOT_TASKS) {
      expect(HANDLED_BY).toContain(task.handledBy);
      expect(task.how.length, task.id).toBeGreaterThan(5);
      expect(task.note, task.id).not.toMatch(/\n/);
      expect(task.note.length, task.id).toBeLessThanOrEqual(200);
      expect(task.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(task.command === undefined, task.id).toBe(task.handledBy !== "rootsweep");
    }
  });

  it("covers each of the three ways, including the issue's examples", () => {
    const byId = new Map(ROOT_TASKS.map((t) => [t.id, t]));
    expect(byId.get("root-password")).toMatchObject({ handledBy: "rootsweep", command: "recover-password" });
    expect(byId.get("s3-bucket-policy-unlock")).toMatchObject({ handledBy: "rootsweep", command: "unlock" });
    expect(byId.get("sqs-queue-policy-unlock")).toMatchObject({ handledBy: "rootsweep", command: "unlock" });
    expect(byId.get("ecs-account-defaults")).toMatchObject({ handledBy: "other-api", how: expect.stringContaining("put-account-setting-default") as string });
    expect(byId.get("account-name")?.handledBy).toBe("other-api");
    expect(byId.get("root-email")?.handledBy).toBe("other-api");
    expect(byId.get("close-account")?.handledBy).toBe("other-api");
    expect(ROOT_TASKS.filter((t) => t.handledBy === "root-sign-in").length).toBeGreaterThanOrEqual(5);
  });

  it("points rootsweep tasks at exactly apply, recover-password and unlock", () => {
    expect(rootsweepCommands()).toEqual(["apply", "recover-password", "unlock"]);
  });
});

describe("rootsweep root-tasks", () => {
  let help: string;
  let table: string;
  let json: { source: string; tasks: RootTask[] };

  beforeAll(async () => {
    const [h, t, j] = await Promise.all([cli(["--help"]), cli(["root-tasks"]), cli(["root-tasks", "--format", "json"])]);
    expect(t.code, t.stderr).toBe(0);
    expect(j.code, j.stderr).toBe(0);
    help = h.stdout;
    table = t.stdout;
    json = JSON.parse(j.stdout) as typeof json;
  });

  it("lists every command a rootsweep task names in `rootsweep --help`", () => {
    const commands = new Set([...help.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]));
    expect(commands).toContain("root-tasks");
    for (const command of rootsweepCommands()) expect(commands, `rootsweep ${command}`).toContain(command);
  });

  it("prints every task with its command and note, grouped by handler, citing the AWS page", () => {
    const flat = table.replace(/\s+/g, " ");
    expect(table.split("\n")[0]).toContain(ROOT_TASKS_SOURCE);
    for (const task of ROOT_TASKS) {
      expect(flat).toContain(task.task);
      expect(flat).toContain(task.how);
      expect(flat).toContain(task.note);
    }
    const rootsweepAt = table.indexOf("rootsweep does it, no root credentials");
    const otherAt = table.indexOf("Another AWS API does it");
    const signInAt = table.indexOf("Needs a root sign-in");
    expect(0 < rootsweepAt && rootsweepAt < otherAt && otherAt < signInAt).toBe(true);
    expect(table.indexOf("rootsweep unlock s3 ACCOUNT BUCKET")).toBeLessThan(otherAt);
    for (const line of table.split("\n").slice(1)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(table).not.toContain("\u001b[");
  });

  it("prints the same list as JSON", () => {
    expect(json.source).toBe(ROOT_TASKS_SOURCE);
    expect(json.tasks).toEqual(ROOT_TASKS);
  });

  it("filters with --handled-by", async () => {
    const result = await cli(["root-tasks", "--handled-by", "root-sign-in", "--format", "json"]);
    expect(result.code).toBe(0);
    const tasks = (JSON.parse(result.stdout) as { tasks: RootTask[] }).tasks;
    expect(tasks.map((t) => t.id)).toEqual(ROOT_TASKS.filter((t) => t.handledBy === "root-sign-in").map((t) => t.id));
  });

  it("writes to a file with -o and refuses an unknown handler or format with exit 2", async () => {
    const dir = tempDir();
    const [written, badHandler, badFormat] = await Promise.all([
      runCli(["root-tasks", "--format", "json", "-o", "tasks.json"], { env: ENV, cwd: dir }),
      cli(["root-tasks", "--handled-by", "someone"]),
      cli(["root-tasks", "--format", "csv"]),
    ]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "tasks.json"), "utf8"))).toEqual(json);
    expect(badHandler.code).toBe(2);
    expect(badHandler.stderr).toMatch(/expected one of rootsweep, other-api, root-sign-in, got "someone"/);
    expect(badFormat.code).toBe(2);
  });

  it("has help with examples, and docs that cite the AWS page", async () => {
    const result = await cli(["root-tasks", "--help"]);
    expect(result.stdout).toMatch(/Examples:\n {2}rootsweep root-tasks\n/);
    expect(readFileSync(join(import.meta.dirname, "../../docs/root-tasks.md"), "utf8")).toContain(ROOT_TASKS_SOURCE);
  });
});
