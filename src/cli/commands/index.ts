// The registry of commands, in the order `rootsweep --help` lists them.
import { defineApply } from "./apply.js";
import { defineAudit } from "./audit.js";
import { defineDemo } from "./demo.js";
import { defineDoctor } from "./doctor.js";
import { defineEnable } from "./enable.js";
import { defineGuardrail } from "./guardrail.js";
import { definePermissions } from "./permissions.js";
import { definePlan } from "./plan.js";
import { defineRecoverPassword } from "./recover-password.js";
import { defineReport } from "./report.js";
import { defineRootTasks } from "./root-tasks.js";
import { defineSandbox } from "./sandbox.js";
import { defineUnlock } from "./unlock.js";
import { defineUsage } from "./usage.js";
import type { DefineCommand } from "./types.js";

export const COMMANDS: DefineCommand[] = [
  defineDoctor,
  defineEnable,
  defineAudit,
  defineReport,
  definePlan,
  defineApply,
  defineRecoverPassword,
  defineUnlock,
  defineUsage,
  defineGuardrail,
  definePermissions,
  defineRootTasks,
  defineSandbox,
  defineDemo,
];
