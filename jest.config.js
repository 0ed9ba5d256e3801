// Tests are compiled by `tsc -b` with the rest of the code (type-graphql needs real decorator
// metadata, which only tsc emits), and jest runs the compiled files.
/** @type {import('jest').Config} */
module.exports = {
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/tools', '<rootDir>/tests'],
  testMatch: ['**/dist/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/dist/global-setup.js',
  globalTeardown: '<rootDir>/tests/dist/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
