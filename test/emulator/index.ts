/**
 * The local Azure emulator as a package (the `main` of test/emulator/package.json): start it in-process, the ids of
 * its default world for the tests, and the benchmark's scale world. See README.md.
 */

export * from './server';
export * from './defaultWorld';
export { scaleFixture, type ScaleOptions } from './scale';
