// type-graphql and MikroORM read decorator metadata through the Reflect polyfill.
const path = require('node:path');
require(require.resolve('reflect-metadata', { paths: [path.join(__dirname, 'subgraphs/kit')] }));
