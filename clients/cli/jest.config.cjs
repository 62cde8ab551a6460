const path = require('node:path');

// The CLI tests spawn the built `saldo` (dist/main.js, on the built SDK): globalSetup builds both.
module.exports = {
  ...require('../../jest.base.cjs')(__dirname),
  globalSetup: path.join(__dirname, 'test', 'build.cjs'),
};
