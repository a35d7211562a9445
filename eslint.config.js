// Lint runs in `npm test`; type-aware rules catch floating promises, which matter in a tool that deletes things.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "bench/results/", "test-output/", "coverage/", "scratch/", "rootsweep-demo/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "no-restricted-imports": "off",
    },
  },
  {
    // Product code never reaches into the sandbox; only the sandbox and demo commands start it, lazily. It takes
    // the AWS SDK's values through src/aws/sdk, which loads the SDK with require (see src/aws/sdk/load.ts): an
    // import of one of its CommonJS packages from here would put it through Node's ESM loader again.
    files: ["src/**/*.ts"],
    ignores: ["src/sandbox/**", "src/cli/run/sandbox.ts", "src/cli/run/demo.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/sandbox/**", "**/sandbox/*"], message: "Product code must not import the sandbox." },
            {
              group: ["@aws-sdk/*", "@smithy/*"],
              allowTypeImports: true,
              message: "Import the SDK's values from src/aws/sdk (loaded with require); `import type` from the package is fine.",
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox is a fake AWS; it must not lean on the AWS SDK clients it is meant to test.
    files: ["src/sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@aws-sdk/client-*"], message: "The sandbox must not use AWS SDK clients." }] }],
    },
  },
  {
    files: ["**/*.js", "bin/**"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["bin/**"],
    languageOptions: { globals: { process: "readonly" } },
  },
);
