// Chart.js is bundled into every report (its UMD build, read from the installed package), so the file
// draws its charts offline and from disk, with nothing fetched.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

export function chartJsSource(): string {
  if (cached !== undefined) return cached;
  // The package exports only its module builds; the UMD file sits beside the CommonJS entry point.
  const entry = createRequire(import.meta.url).resolve("chart.js");
  const source = readFileSync(join(dirname(entry), "chart.umd.min.js"), "utf8");
  if (/<\/script/i.test(source)) throw new Error("the bundled Chart.js build contains </script> and cannot be inlined");
  cached = source;
  return source;
}
