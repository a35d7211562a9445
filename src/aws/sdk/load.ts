// The AWS SDK's packages are CommonJS. Imported from ESM, each of their files went through Node's ESM loader
// on top of its CommonJS one: lexed for its exports, parsed once more to tell its format, and its source kept
// twice. Loaded with require, they take the CommonJS loader's path alone (docs/performance.md, "Start-up").
// The modules beside this one give rootsweep's code the packages' own names, typed from the packages.
import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

/** A package of the AWS SDK (or a subpath of one), loaded with require; `Module` is `typeof import(name)`. */
export function requireSdk<Module>(name: string): Module {
  return requireHere(name) as Module;
}
