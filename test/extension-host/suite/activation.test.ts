import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, fixture } from './host';

/** Modules in the extension host's module cache that belong to `dir`. */
function loadedUnder(dir: string): string[] {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    return Object.keys(require.cache).filter((file) => file.startsWith(prefix));
}

const sdkModule = /[\\/]node_modules[\\/](@azure[\\/](arm-|identity|core-)|@microsoft[\\/]vscode-azext-)/;

describe('activation', () => {
    let activationMs = -1;

    it('is not activated at start-up, and activate() is fast', async () => {
        const ext = extension();
        assert.strictEqual(ext.isActive, false, `${ext.id} was activated before anything asked for it`);
        const started = performance.now();
        const api = await ext.activate();
        activationMs = performance.now() - started;
        assert.ok(ext.isActive);
        assert.ok(api?.workspacesTree && api.clustersTree, 'activate() returns { workspacesTree, clustersTree }');
        assert.ok(activationMs < 2000, `activate() took ${Math.round(activationMs)} ms`);
        console.log(`      activate() took ${Math.round(activationMs)} ms`);
    });

    it('loads only the main bundle: no SDK chunk or Azure SDK module yet', () => {
        const ext = extension();
        const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
        // The bundle itself being in require.cache proves this is the cache the extension was loaded into.
        assert.ok(
            require.cache[bundle],
            `${bundle} is not in require.cache: ${loadedUnder(ext.extensionPath).join(', ')}`,
        );
        assert.deepStrictEqual(
            loadedUnder(path.join(ext.extensionPath, 'dist', 'chunks')),
            [],
            'webpack chunks loaded at activation',
        );
        assert.deepStrictEqual(
            Object.keys(require.cache).filter((file) => sdkModule.test(file)),
            [],
            'Azure SDK modules loaded at activation',
        );
    });

    it('registers every azuremlK8s.* command of package.json', async () => {
        const ext = extension();
        const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
        assert.ok(contributed.length >= 7, `package.json lists ${contributed.length} commands`);
        assert.ok(contributed.every((id) => id.startsWith('azuremlK8s.')));
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepStrictEqual(
            contributed.filter((id) => !registered.has(id)),
            [],
            'contributed but not registered',
        );
    });

    it('loads the SDK chunks on first use (the check above can fail)', async () => {
        const ext = extension();
        const roots = await ext.exports.workspacesTree.getChildren();
        assert.ok(roots && roots.length > 0, 'no roots');
        const subs = await Promise.all(roots.map((node) => ext.exports.workspacesTree.getTreeItem(node)));
        assert.ok(subs.some((item) => item.label === fixture.subscriptions.dev.name));
        assert.notDeepStrictEqual(loadedUnder(path.join(ext.extensionPath, 'dist', 'chunks')), []);
    });
});
