// Runs `rootsweep guardrail lint`: every file is read before any is linted, so an unreadable one is a usage
// error (exit 2) rather than half a report.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { EXIT, UsageError } from "../../../core/errors.js";
import { lintPolicy } from "../../../core/policy/lint.js";
import { type FileLintResult, lintReport, lintSummaryLine, renderLintJson, renderLintText } from "../../../report/lint.js";
import { colorEnabled, type CliIo, writeLine } from "../../io.js";

export interface GuardrailLintFlags {
  type?: "scp" | "identity";
  format: "text" | "json";
  strict: boolean;
}

async function expand(args: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      throw new UsageError("RS_UNREADABLE_FILE", `${arg}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    if (!isDirectory) {
      files.push(arg);
      continue;
    }
    const entries = (await readdir(path)).filter((name) => name.toLowerCase().endsWith(".json")).sort();
    if (entries.length === 0) throw new UsageError("RS_NO_POLICY_FILES", `${arg}: the directory has no .json files`);
    files.push(...entries.map((name) => relative(cwd, join(path, name)) || name));
  }
  return files;
}

async function readAll(files: string[], cwd: string): Promise<Array<{ file: string; text: string }>> {
  return Promise.all(
    files.map(async (file) => {
      const path = resolve(cwd, file);
      try {
        return { file, text: await readFile(path, "utf8") };
      } catch (error) {
        throw new UsageError("RS_UNREADABLE_FILE", `${file}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
    }),
  );
}

export async function runGuardrailLint(args: string[], flags: GuardrailLintFlags, io: CliIo): Promise<number> {
  const inputs = await readAll(await expand(args, io.cwd), io.cwd);
  const results: FileLintResult[] = inputs.map(({ file, text }) => {
    const result = lintPolicy(text, { fileName: file, ...(flags.type ? { kind: flags.type } : {}) });
    const out: FileLintResult = { file, type: result.kind, typeGuessed: result.kindGuessed, findings: result.findings };
    if (result.kindReason) out.typeReason = result.kindReason;
    return out;
  });
  const report = lintReport(results);
  if (flags.format === "json") {
    io.stdout.write(renderLintJson(report));
  } else {
    for (const r of results) {
      if (!r.typeGuessed) continue;
      const other = r.type === "scp" ? "identity" : "scp";
      writeLine(
        io.stderr,
        `${r.file}: note: linted as ${r.type === "scp" ? "an SCP" : "an identity policy"} because ${r.typeReason}; pass --type ${other} if it is not.`,
      );
    }
    io.stdout.write(renderLintText(report, { color: colorEnabled(io) }));
    writeLine(io.stderr, lintSummaryLine(report));
  }
  const { errors, warnings } = report.summary;
  return errors > 0 || (flags.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
}
