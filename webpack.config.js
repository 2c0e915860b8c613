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
        // The webview bundle (dist/webview) is built by the other configuration, maybe at the same time.
        clean: { keep: /^webview[\\/]/ },
    },
    externals: { vscode: 'commonjs vscode' },
    resolve: { extensions: ['.ts', '.js'], mainFields: ['main', 'module'] },
    module: {
        rules: [
            {
                test: /\.ts$/,
                exclude: /node_modules/,
                use: [
                    {
                        loader: 'ts-loader',
                        options: {
                            transpileOnly: true,
                            compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true },
                        },
                    },
                ],
            },
        ],
    },
    optimization: {
        // The Azure utilities tell their errors apart by class name (`GoBackError` is the wizard's Back, the
        // effective id of a wizard step is its class name): minifying must keep class names.
        minimizeOptions: { javascript: { compress: { passes: 2 }, keep_classnames: true } },
    },
    infrastructureLogging: { level: 'warn' },
    performance: { hints: false },
    ignoreWarnings: [
        /Critical dependency: the request of a dependency is an expression/,
        /Can't resolve '(bufferutil|utf-8-validate)'/,
    ],
};

/**
 * Copies files next to the webview bundle as assets: the codicon font and stylesheet, and the pages' own CSS.
 * @param {Record<string, string>} files asset name -> source path
 */
class CopyAssetsPlugin {
    constructor(files) {
        this.files = files;
    }
    /** @param {import('webpack').Compiler} compiler */
    apply(compiler) {
        const { sources, Compilation } = compiler.webpack;
        compiler.hooks.thisCompilation.tap('CopyAssetsPlugin', (compilation) => {
            compilation.hooks.processAssets.tap(
                { name: 'CopyAssetsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
                () => {
                    for (const [name, source] of Object.entries(this.files)) {
                        compilation.fileDependencies.add(source);
                        compilation.emitAsset(name, new sources.RawSource(require('fs').readFileSync(source)));
                    }
                },
            );
        });
    }
}

/** The webview pages: browser code, no Node, no vscode; they talk to the extension only by messages. */
/** @type {import('webpack').Configuration} */
const webviewConfig = {
    name: 'webview',
    target: 'web',
    entry: {
        computePanel: './src/webview/computePanel/page/main.ts',
        clusterPanel: './src/webview/clusterPanel/page/main.ts',
    },
    output: { path: path.resolve(__dirname, 'dist', 'webview'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
        rules: [
            {
                test: /\.ts$/,
                exclude: /node_modules/,
                use: [
                    {
                        loader: 'ts-loader',
                        options: {
                            configFile: path.resolve(__dirname, 'src/webview/tsconfig.json'),
                            onlyCompileBundledFiles: true,
                            compilerOptions: { noEmit: false },
                        },
                    },
                ],
            },
        ],
    },
    plugins: [
        new CopyAssetsPlugin({
            'codicon.css': require.resolve('@vscode/codicons/dist/codicon.css'),
            'codicon.ttf': require.resolve('@vscode/codicons/dist/codicon.ttf'),
            'computePanel.css': path.resolve(__dirname, 'src/webview/computePanel/page/computePanel.css'),
            'sections.css': path.resolve(__dirname, 'src/webview/computePanel/page/sections.css'),
            'clusterPanel.css': path.resolve(__dirname, 'src/webview/clusterPanel/page/clusterPanel.css'),
        }),
    ],
    performance: { hints: false },
};

module.exports = (_env, argv) => {
    // Source maps help while developing; the package ships without them.
    const devtool = argv.mode === 'production' ? false : 'source-map';
    extensionConfig.devtool = devtool;
    webviewConfig.devtool = devtool;
    return [extensionConfig, webviewConfig];
};
