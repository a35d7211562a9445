// Every committed JSON Schema in docs/ is exactly what scripts/gen-schemas.ts generates from the code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, SCHEMA_DOCUMENTS, schemaPath } from "../../scripts/gen-schemas.js";

describe("docs/*.schema.json", () => {
  for (const document of SCHEMA_DOCUMENTS) {
    it(`docs/${document.file} is generated from the code's schema`, () => {
      expect(readFileSync(schemaPath(document), "utf8")).toBe(jsonSchemaText(document));
    });
  }
});
