// One compliance framework file (frameworks/*.json): which of the framework's controls each check covers, in
// the shape of Prowler's compliance files. Parsed when rootsweep loads, so a bad edit fails on the first run
// (and in the tests) with the file and the field that is wrong, not later as a missing control in a report.
import { z } from "zod";

const text = z.string().trim().min(1);

const requirementSchema = z.strictObject({
  /** The control's id as the framework numbers it: "IAM.4", "1.4", "2.1.1", "AC-2(1)". */
  id: text,
  /** What the control asks for, in our words (the frameworks' own text is theirs). */
  description: text,
  /** rootsweep check ids (src/checks/<id>.ts) whose finding means this control fails. */
  checks: z.array(text).min(1),
  /** Why a check maps here when it is not obvious. */
  note: text.optional(),
});

export const frameworkFileSchema = z
  .strictObject({
    /** Name reports show, without the version: "CIS AWS Foundations Benchmark". */
    framework: text,
    /** Compact name for the terminal table: "CIS". */
    short: text,
    /** Full title. */
    name: text,
    /** As the publisher writes it ("3.0.0", "Rev. 5"); null when the framework has no versions. */
    version: text.nullable(),
    provider: z.literal("aws"),
    /** Where the control ids and the mapping were checked. */
    source: z.url(),
    requirements: z.array(requirementSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.requirements.forEach((requirement, i) => {
      if (seen.has(requirement.id)) ctx.addIssue({ code: "custom", path: ["requirements", i, "id"], message: `duplicate control id "${requirement.id}"` });
      seen.add(requirement.id);
      requirement.checks.forEach((check, j) => {
        if (requirement.checks.indexOf(check) !== j)
          ctx.addIssue({ code: "custom", path: ["requirements", i, "checks", j], message: `check "${check}" listed twice` });
      });
    });
  });

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

export interface Framework extends FrameworkFile {
  /** The file's name without ".json": a stable id for the framework and version. */
  id: string;
}

/** "requirements[2].checks[0]" */
function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "") || "(the whole file)"
  );
}

/** Validates one framework file's parsed JSON; `file` is its name, used as the id and in errors. */
export function parseFramework(file: string, data: unknown): Framework {
  const result = frameworkFileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
    throw new Error(`Compliance framework file ${file} is invalid: ${problems.join("; ")}`);
  }
  return { id: file.replace(/\.json$/, ""), ...result.data };
}
