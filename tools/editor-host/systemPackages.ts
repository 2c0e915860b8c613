/** The Debian packages the editor host needs, and getting them: apt as root or through passwordless sudo, else one line. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { log, run } from './util';

/** Debian's Python, where python3-azure lives (not a pyenv or venv python that may be first on PATH). */
export const PYTHON = '/usr/bin/python3';

export function chromiumPath(): string {
    return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

const KERBEROS_HEADER = '/usr/include/gssapi/gssapi.h';

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
