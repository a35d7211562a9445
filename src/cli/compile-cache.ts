// Node 22.1 and later can keep V8's compiled code for the modules a process loads, so that the next start
// does not compile them again: a third of rootsweep's start-up (the AWS SDK is most of what it loads), about
// 0.2 s of CPU and of waiting at every command.
//
// V8 runs what it finds in that cache, so it is kept only in a directory of the user's own that no one else
// can write to: `rootsweep/compile-cache` under XDG_CACHE_HOME, else ~/.cache, made by rootsweep with mode
// 0700 and refused if it turns out to be a link, another user's, or writable by others. rootsweep also makes
// the directory itself before handing it to Node: given a directory it could not create (a path under
// /proc, in a test), Node 22.23 spun at full CPU for ever instead of failing. Nothing is cached on a Node without the feature, on Windows, when NODE_DISABLE_COMPILE_CACHE is set,
// or when the directory cannot be made safely. NODE_COMPILE_CACHE, Node's own setting, still chooses
// another directory (Node then enables the cache itself, before rootsweep starts).
import { lstatSync, mkdirSync } from "node:fs";
import module from "node:module";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

interface CompileCacheApi {
  enableCompileCache?: (directory?: string) => { status: number; directory?: string };
  constants?: { compileCacheStatus?: { ENABLED: number } };
}

/** The private directory for the cache, made if needed, or undefined when it cannot be made safely. */
export function compileCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === "win32" || typeof process.getuid !== "function") return undefined;
  try {
    // The XDG rule: a relative XDG_CACHE_HOME is ignored.
    const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), ".cache");
    const directory = join(base, "rootsweep", "compile-cache");
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const found = lstatSync(directory);
    if (!found.isDirectory() || found.uid !== process.getuid() || (found.mode & 0o022) !== 0) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

/** Turns Node's compile cache on for this process, where it can be had safely; returns its directory. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const api = module as unknown as CompileCacheApi;
  if (typeof api.enableCompileCache !== "function" || env.NODE_DISABLE_COMPILE_CACHE || env.NODE_COMPILE_CACHE) return undefined;
  const directory = compileCacheDirectory(env);
  if (!directory) return undefined;
  const { status } = api.enableCompileCache(directory);
  return status === api.constants?.compileCacheStatus?.ENABLED ? directory : undefined;
}
