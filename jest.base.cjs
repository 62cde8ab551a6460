// Shared jest settings: TypeScript through swc (keeps decorator metadata for
// type-graphql and MikroORM), workspace packages mapped to their sources.
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.sourceMaps = 'inline';

/** @param {string} rootDir @returns {import('jest').Config} */
module.exports = function jestConfig(rootDir) {
  return {
    rootDir,
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcrc] },
    moduleNameMapper: {
      '^@saldo/events$': path.join(__dirname, 'packages/events/src/index.ts'),
      '^@saldo/kit$': path.join(__dirname, 'subgraphs/kit/src/index.ts'),
      '^@saldo/kit/testing$': path.join(__dirname, 'subgraphs/kit/src/testing/index.ts'),
      '^@saldo/sdk$': path.join(__dirname, 'clients/sdk/src/index.ts'),
    },
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    setupFiles: [path.join(__dirname, 'jest.setup.cjs')],
    testTimeout: 30_000,
    maxWorkers: 2,
  };
};
