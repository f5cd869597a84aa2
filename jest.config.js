// The test tiers, named once: each is a jest project, selected with `jest --selectProjects NAME`.
// scripts/test.sh runs them (and what each needs around it: the provider mirror, OpenTofu, the Kafka rig, the
// loopback-only network namespace); the npm scripts test, test:unit, test:terraform, test:integration and
// test:rehearsal call scripts/test.sh. A single file still runs with `npx jest PATH`.
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-cdktf.ts'],
};

/** Tiers that need more than Node: a directory of their own under test/. */
const TIERS = {
  // the real aliyun/alicloud provider with terraform (and OpenTofu), inside `unshare -n`
  terraform: '<rootDir>/test/terraform',
  // the Kafka rig on 127.0.0.1 (ZooKeeper, Kafka 3.9, SASL, 4.1 KRaft; Kafka 2.6 and MirrorMaker 2 started by tests)
  integration: '<rootDir>/test/integration',
  // terraform apply against the AliKafka control-plane stand-in, inside a loopback-only network namespace
  rehearsal: '<rootDir>/test/rehearsal',
};

/** @type {import('jest').Config} */
module.exports = {
  // a global option (jest 29 refuses it inside a project)
  testTimeout: 60000,
  // one temporary directory per run, removed at its end (test/jest/global-setup.js)
  globalSetup: '<rootDir>/test/jest/global-setup.js',
  globalTeardown: '<rootDir>/test/jest/global-teardown.js',
  projects: [
    // everything else: Node only, no network, no provider (test/review's plan-summary runs terraform_data)
    {
      ...base,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', ...Object.keys(TIERS).map((t) => `/test/${t}/`)],
    },
    ...Object.entries(TIERS).map(([name, root]) => ({ ...base, displayName: name, roots: [root] })),
  ],
};
