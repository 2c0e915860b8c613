import { spawn, type SpawnOptions } from 'child_process';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

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
