// Repository-level tests (docker-compose.yml, README); packages have their own.
const config = require('./jest.base.cjs')(__dirname);
module.exports = { ...config, testMatch: ['<rootDir>/test/**/*.test.ts'] };
