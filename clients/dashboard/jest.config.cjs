const base = require('../../jest.base.cjs')(__dirname);

// Browser tests start a whole stack and a real chromium: one file at a time, generous time.
module.exports = { ...base, maxWorkers: 1, testTimeout: 120_000 };
