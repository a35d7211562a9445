// rootsweep as a user's project has it: a fresh directory whose node_modules/rootsweep is this package (a
// symlink to the repository, so its package.json "exports" map `rootsweep` to dist/index.js and
// `rootsweep/sandbox` to dist/sandbox/index.js, and its own dependencies resolve from its node_modules, as
// after `npm install`). Code run there imports the built package through its public entry points only;
// nothing reaches into src/ or dist/ by path. (A package self-reference would resolve the same files, but only
// for code inside the package itself, which no user's code is; importing dist/index.js by path would skip the
// "exports" map that users depend on.)
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const exec = promisify(execFile);

/** A new project directory with rootsweep installed (and @types/node, for type-checking examples). */
export function installedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "rootsweep-library-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/rootsweep"), "dir");
  symlinkSync(join(ROOT, "node_modules/@types"), join(dir, "node_modules/@types"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "library-user", private: true, type: "module" }));
  return dir;
}

/**
 * Only what a user's shell would hold: PATH, a HOME without AWS config files, and the given variables (the
 * sandbox's). The AWS SDK's notice that it will soon need Node 22 (on older Node) is turned off with the
 * SDK's own switch: it is the SDK's, not ours, and any other output on stderr fails the tests that check it.
 */
export function userEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-aws-credentials"),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file of the project with tsx, as `npx tsx FILE` would. */
export async function runTs(dir: string, file: string, env: NodeJS.ProcessEnv): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(TSX, [file], { cwd: dir, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}

/** Runs JavaScript with plain node in the project (no loader): `node --input-type=module -e CODE`. */
export async function runNode(dir: string, code: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const { stdout, stderr } = await exec(process.execPath, ["--input-type=module", "-e", code], { cwd: dir, env, timeout: 60_000 });
  return { code: 0, stdout, stderr };
}

/** Declares `caught(e)`: what a call threw, as plain data (code, exit code and message of a RootsweepError). */
export const CAUGHT =
  "const caught = (e: unknown) => e instanceof lib.RootsweepError ? { code: e.code, exitCode: e.exitCode, message: e.message } : { other: String(e) };";

/** Runs `body` as a script of the project, with `lib` the package (`import * as lib from "rootsweep"`). */
export async function runScript(dir: string, env: NodeJS.ProcessEnv, body: string): Promise<Run> {
  const file = `case-${Math.random().toString(36).slice(2)}.ts`;
  writeFileSync(join(dir, file), `import * as lib from "rootsweep";\n${body}\n`);
  return runTs(dir, file, env);
}
