// The AWS operations product code can call: every `XxxCommand` and `paginateXxx` it imports from an
// @aws-sdk/client-* package or from its bridge in src/aws/sdk (which loads the package with require), read
// from the sources of src/ outside src/sandbox.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const SRC = resolve(import.meta.dirname, "../../src");

/** Product sources: every .ts file under src/ except the sandbox (the fake AWS, not a client of it). */
export function productSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative(SRC, path) !== "sandbox") walk(path);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
    }
  };
  walk(SRC);
  return out.sort();
}

/** SDK package name (client-xxx) to SigV4 signing name, for the packages the product uses. */
const SIGNING_NAME: Readonly<Record<string, string>> = {
  "client-sts": "sts",
  "client-iam": "iam",
  "client-organizations": "organizations",
  "client-s3": "s3",
  "client-sqs": "sqs",
  "client-cloudtrail": "cloudtrail",
  "client-guardduty": "guardduty",
  "client-account": "account",
};

const IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["'](?:@aws-sdk\/|(?:\.{1,2}\/)+(?:aws\/)?sdk\/)(client-[a-z0-9-]+)(?:\.js)?["']/g;

/** "service:Operation" for every operation product code imports a command or paginator for. */
export function productOperations(): Map<string, string[]> {
  const operations = new Map<string, string[]>();
  for (const file of productSources()) {
    const text = readFileSync(file, "utf8");
    for (const [, names = "", pkg = ""] of text.matchAll(IMPORT)) {
      for (const raw of names.split(",")) {
        const name = raw
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]!;
        const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (!operation) continue;
        const service = SIGNING_NAME[pkg];
        if (!service) throw new Error(`${relative(SRC, file)} imports ${name} from @aws-sdk/${pkg}, which the conformance suite does not map to a service`);
        const key = `${service}:${operation}`;
        operations.set(key, [...(operations.get(key) ?? []), relative(SRC, file)]);
      }
    }
  }
  return operations;
}
