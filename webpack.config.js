// @ts-check
'use strict';

const path = require('path');

/** The extension host bundle. SDKs are reached through dynamic import() and land in their own lazily loaded chunks. */
/** @type {import('webpack').Configuration} */
const extensionConfig = {
    name: 'extension',
    target: 'node',
    entry: { extension: './src/extension.ts' },
    output: {
        path: path.resolve(__dirname, 'dist'),
        filename: '[name].js',
        chunkFilename: 'chunks/[name].js',
        libraryTarget: 'commonjs2',
        clean: true,
    },
    externals: { vscode: 'commonjs vscode' },
    resolve: { extensions: ['.ts', '.js'], mainFields: ['main', 'module'] },
    module: {
        rules: [
            {
                test: /\.ts$/,
                exclude: /node_modules/,
                use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true } } }],
            },
        ],
    },
    infrastructureLogging: { level: 'log' },
    performance: { hints: false },
    ignoreWarnings: [/Critical dependency: the request of a dependency is an expression/, /Can't resolve '(bufferutil|utf-8-validate)'/],
};

module.exports = (_env, argv) => {
    // Source maps help while developing; the package ships without them.
    extensionConfig.devtool = argv.mode === 'production' ? false : 'source-map';
    return [extensionConfig];
};
