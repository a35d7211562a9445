// `guardrail export --format json`: the export's model as is (docs/guardrail.md documents its shape).
import type { GuardrailExport } from "../../core/guardrail-export.js";

export function renderGuardrailExportJson(data: GuardrailExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
