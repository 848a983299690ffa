/**
 * Jest: TypeScript through ts-jest (CommonJS output; dynamic import() kept for ESM-only execa, hence
 * --experimental-vm-modules in `npm test`).
 *
 * Two projects:
 * - unit: pure logic (test/<module>/...), no processes beyond what a module under test itself runs;
 * - integration: everything under test/integration and test/e2e, against the real testbed. Its global setup starts
 *   one shared cluster + OCI registry, and jest runs it only when at least one integration test is selected.
 * Each project's global setup creates the run's temp root (test/harness/temp.ts) and its teardown removes it.
 */
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }] };
module.exports = {
  testTimeout: 180000,
  maxWorkers: 2,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/integration/", "<rootDir>/test/e2e/"],
      transform,
      globalSetup: "<rootDir>/test/unit-setup.ts",
      globalTeardown: "<rootDir>/test/unit-teardown.ts",
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      roots: ["<rootDir>/test/integration", "<rootDir>/test/e2e"],
      testMatch: ["**/*.test.ts"],
      transform,
      globalSetup: "<rootDir>/test/global-setup.ts",
      globalTeardown: "<rootDir>/test/global-teardown.ts",
    },
  ],
};
