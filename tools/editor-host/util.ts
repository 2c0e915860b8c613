import { spawn, type SpawnOptions } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function log(message: string): void {
    process.stderr.write(`[e2e] ${message}\n`);
}

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
        let output = '';
        child.stdout?.on('data', (chunk) => (output += chunk));
        child.stderr?.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => {
            if (code === 0) {
                resolve(output);
            } else {
                const tail = output.split('\n').slice(-40).join('\n');
                reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${tail}`));
            }
        });
    });
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export function isPortFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.unref();
        server.on('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}

function httpStatus(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = http.get(url, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.setTimeout(2000, () => req.destroy(new Error('timeout')));
        req.on('error', reject);
    });
}

export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
        if (!alive()) {
            throw new Error(`process exited before ${url} answered`);
        }
        try {
            const status = await httpStatus(url);
            if (status > 0 && status < 500) {
                return;
            }
            lastError = `HTTP ${status}`;
        } catch (error) {
            lastError = String(error);
        }
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

interface LockOwner {
    pid: number;
    /** The owner's start time (field 22 of /proc/<pid>/stat), so a reused pid is not taken for the owner. */
    started?: string;
    host: string;
}

function processStarted(pid: number): string | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
        return stat
            .slice(stat.lastIndexOf(')') + 2)
            .split(' ')
            .at(22 - 3);
    } catch {
        return undefined;
    }
}

/** False only when the owner is known to be gone: a lock taken on another host is never judged stale. */
export function lockOwnerAlive(owner: LockOwner): boolean {
    if (owner.host !== os.hostname()) {
        return true;
    }
    try {
        process.kill(owner.pid, 0);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
            return false;
        }
    }
    const started = processStarted(owner.pid);
    return owner.started === undefined || started === undefined || started === owner.started;
}

function readOwner(file: string): { text: string; owner?: LockOwner } | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return undefined;
        }
        throw error;
    }
    try {
        const owner = JSON.parse(text) as LockOwner;
        return { text, owner: Number.isInteger(owner.pid) ? owner : undefined };
    } catch {
        return { text };
    }
}

/**
 * Removes a lock whose owner is gone. The lock is first renamed to a name of our own and read again, so that a
 * lock another process took in the meantime is put back instead of removed.
 */
function breakStaleLock(file: string, staleText: string): void {
    const moved = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    try {
        fs.renameSync(file, moved);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return; // someone else removed it
        }
        throw error;
    }
    if (fs.readFileSync(moved, 'utf8') !== staleText) {
        try {
            fs.linkSync(moved, file);
        } catch {
            // a third process holds the lock now; the one we moved belongs to a process that will find it gone
        }
    }
    fs.rmSync(moved, { force: true });
}

export interface LockOptions {
    /** What the holder does, for the "waiting" line. */
    what: string;
    /** How long to wait for a live holder before giving up (default 30 minutes). */
    timeoutMs?: number;
    pollMs?: number;
}

/**
 * Runs `fn` while holding `file` as a lock: the lock file, holding our pid, appears atomically (hard link of a
 * complete file), a live holder is waited for, and a lock left by a process that died (pid gone, or reused by
 * another process) is removed. The lock is released when `fn` settles, and on process.exit.
 */
export async function withLock<T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
    const owner: LockOwner = { pid: process.pid, started: processStarted(process.pid), host: os.hostname() };
    const text = JSON.stringify(owner);
    const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, text);
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    let waitingFor: number | undefined;
    try {
        for (;;) {
            try {
                fs.linkSync(tmp, file);
                break;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
                    throw error;
                }
            }
            const held = readOwner(file);
            if (held === undefined) {
                continue;
            }
            if (held.owner === undefined || !lockOwnerAlive(held.owner)) {
                log(`removing a stale lock ${file} (${held.owner ? `pid ${held.owner.pid} is gone` : 'unreadable'})`);
                breakStaleLock(file, held.text);
                continue;
            }
            if (Date.now() > deadline) {
                throw new Error(
                    `${file} is still held by pid ${held.owner.pid}; remove it if that process is not ${options.what}`,
                );
            }
            if (waitingFor !== held.owner.pid) {
                waitingFor = held.owner.pid;
                log(`waiting for pid ${held.owner.pid}, which is ${options.what} (lock ${file})`);
            }
            await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
        }
    } finally {
        fs.rmSync(tmp, { force: true });
    }
    const release = () => {
        if (readOwner(file)?.text === text) {
            fs.rmSync(file, { force: true });
        }
    };
    process.on('exit', release);
    try {
        return await fn();
    } finally {
        process.off('exit', release);
        release();
    }
}
