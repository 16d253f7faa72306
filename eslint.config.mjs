// Lint: typescript-eslint's type-aware recommended rules over everything we ship and test.
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".demo/**", ".bench/**", "bench/emulators/pra/contract.generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A caught error is `unknown`: passing it on as it came is right, wrapping it would hide its type.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      // node's http servers take a listener whose promise nobody awaits; each of ours catches its own errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      // The provider stub and the offline engine load built modules by a path known at run time;
      // everything known at compile time is an `import`.
      "@typescript-eslint/no-require-imports": "off",
      // String(x) of a value typed `unknown` is how we print what a product or a file sent us.
      "@typescript-eslint/no-base-to-string": ["error", { checkUnknown: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Providers implement an async interface: an async method turns a throw into a rejection,
      // which the SDK reports against the resource; dropping `async` where nothing is awaited would not.
      "@typescript-eslint/require-await": "off",
      // node:test's test() and describe() return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it", "suite", "before", "after", "beforeEach", "afterEach"] },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers from the emulators and the engine as they come: untyped by nature.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
      // Tests hand methods of fixtures and fakes around as plain functions.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", process: "readonly", console: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
