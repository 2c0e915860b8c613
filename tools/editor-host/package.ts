import * as fs from 'fs';
import * as path from 'path';
import { log, repoRoot, run } from './util';

export interface PackageOptions {
    extensionDir?: string;
    out?: string;
}

export async function packageExtension(options: PackageOptions = {}): Promise<string> {
    const extensionDir = options.extensionDir ?? repoRoot;
    const out = options.out ?? path.join(repoRoot, 'out', 'e2e', 'azureml-k8s.vsix');
    const ownIgnore = path.join(extensionDir, '.vscodeignore');
    const ignoreFile = fs.existsSync(ownIgnore)
        ? ownIgnore
        : path.join(repoRoot, 'tools', 'editor-host', 'vscodeignore');
    const main = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')).main as
        string | undefined;
    if (
        main &&
        !fs.existsSync(path.resolve(extensionDir, main)) &&
        !fs.existsSync(path.resolve(extensionDir, `${main}.js`))
    ) {
        throw new Error(`${main} is missing in ${extensionDir}: run "npm run build" first`);
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    await run(
        process.execPath,
        [
            vsce,
            'package',
            '--no-dependencies',
            '--allow-missing-repository',
            '--skip-license',
            '--ignoreFile',
            ignoreFile,
            '--out',
            out,
        ],
        { cwd: extensionDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    log(`packaged ${out} (${Math.round(fs.statSync(out).size / 1024)} KiB)`);
    return out;
}

if (require.main === module) {
    packageExtension().then(
        (file) => console.log(file),
        (error) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        },
    );
}
