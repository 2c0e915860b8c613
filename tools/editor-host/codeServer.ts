import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { editorEnv, type Editor } from './install';
import { freePort, log, run, waitForHttp } from './util';

export interface CodeServerOptions {
    editor: Editor;
    vsix?: string;
    /** More .vsix files installed next to `vsix` (e.g. the extension-host suite's test-runner extension). */
    extraVsix?: string[];
    settings?: Record<string, unknown>;
    env?: Record<string, string | undefined>;
    colorTheme?: string;
    port?: number;
    profileDir?: string;
    keepUserSettings?: boolean;
    folder?: string;
}

export interface CodeServer {
    url: string;
    port: number;
    userDataDir: string;
    extensionsDir: string;
    exited: Promise<void>;
    output(): string;
    collectLogs(destDir: string): void;
    stop(): Promise<void>;
}

export function quietSettings(colorTheme = 'Default Light Modern'): Record<string, unknown> {
    return {
        'workbench.colorTheme': colorTheme,
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.settings.enableNaturalLanguageSearch': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.layoutControl.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'telemetry.feedback.enabled': false,
        'chat.disableAIFeatures': true,
        'chat.agent.enabled': false,
        'chat.commandCenter.enabled': false,
        'chat.extensionUnification.enabled': false,
        'github.copilot.enable': { '*': false },
        'extensions.ignoreRecommendations': true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'update.showReleaseNotes': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'npm.fetchOnlinePackageInfo': false,
        'json.schemaDownload.enable': false,
        'typescript.disableAutomaticTypeAcquisition': true,
        'window.restoreWindows': 'none',
        'files.hotExit': 'off',
        'editor.minimap.enabled': false,
        'remote.autoForwardPorts': false,
    };
}

const live = new Set<ChildProcess>();
const running = new Set<CodeServer>();

export async function stopAllCodeServers(): Promise<void> {
    await Promise.all([...running].map((server) => server.stop()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
            process.kill(-child.pid, signal);
        } catch {
            // already gone
        }
    }
}

process.on('exit', () => live.forEach((child) => killGroup(child, 'SIGKILL')));

function serverEnv(editor: Editor, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
    const env = editorEnv(editor.nodeDir);
    for (const key of Object.keys(env)) {
        if (/^(AZURE_|VSCODE_|ELECTRON_)/.test(key) || key === 'NODE_OPTIONS') {
            delete env[key];
        }
    }
    for (const [key, value] of Object.entries(extra)) {
        if (value !== undefined) {
            env[key] = value;
        }
    }
    return env;
}

function writeSettings(
    userDataDir: string,
    defaults: Record<string, unknown>,
    settings: Record<string, unknown>,
    keep: boolean,
): void {
    const file = path.join(userDataDir, 'User', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let existing: Record<string, unknown> = {};
    if (keep && fs.existsSync(file)) {
        try {
            existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        } catch {
            fs.copyFileSync(file, `${file}.bak`);
            log(`could not parse ${file}; saved it as settings.json.bak and wrote a new one`);
        }
    }
    fs.writeFileSync(file, JSON.stringify({ ...defaults, ...existing, ...settings }, null, 4));
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
    const { editor } = options;
    const root = options.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-cs-'));
    const temporary = options.profileDir === undefined;
    const userDataDir = path.join(root, 'user-data');
    const extensionsDir = path.join(root, 'extensions');
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-tmp-'));
    const env = { ...serverEnv(editor, options.env ?? {}), TMPDIR: tmpDir };
    const configFile = path.join(root, 'config.yaml');
    fs.writeFileSync(configFile, 'auth: none\n');
    const dirs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    const vsixes = [...(options.vsix ? [options.vsix] : []), ...(options.extraVsix ?? [])];
    if (vsixes.length > 0) {
        const install = vsixes.flatMap((file) => ['--install-extension', file]);
        await run(editor.node, [editor.codeServerEntry, ...dirs, ...install, '--force'], { env });
    }
    writeSettings(
        userDataDir,
        quietSettings(options.colorTheme),
        options.settings ?? {},
        options.keepUserSettings ?? false,
    );

    const port = options.port ?? (await freePort());
    const args = [
        editor.codeServerEntry,
        ...dirs,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        ...(options.folder ? [options.folder] : []),
    ];
    const outputFile = path.join(root, 'code-server.log');
    const outputStream = fs.createWriteStream(outputFile);
    let output = '';
    const child = spawn(editor.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    exited.then(() => live.delete(child));
    for (const stream of [child.stdout!, child.stderr!]) {
        stream.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            outputStream.write(chunk);
        });
    }

    const url = `http://127.0.0.1:${port}`;
    let stopped = false;
    const server: CodeServer = {
        url,
        port,
        userDataDir,
        extensionsDir,
        exited,
        output: () => output,
        collectLogs(destDir: string) {
            fs.mkdirSync(destDir, { recursive: true });
            fs.writeFileSync(path.join(destDir, 'code-server.log'), output);
            const logs = path.join(userDataDir, 'logs');
            if (fs.existsSync(logs)) {
                fs.cpSync(logs, path.join(destDir, 'logs'), { recursive: true });
            }
        },
        async stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            running.delete(server);
            killGroup(child, 'SIGTERM');
            const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
            killGroup(child, 'SIGKILL');
            outputStream.end();
            fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
            if (temporary) {
                fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
            }
        },
    };
    running.add(server);
    try {
        await waitForHttp(`${url}/healthz`, 60_000, () => child.exitCode === null && child.signalCode === null);
    } catch (error) {
        await server.stop();
        throw new Error(`code-server did not start: ${(error as Error).message}\n${output.slice(-4000)}`);
    }
    log(`code-server ${url} (profile ${root})`);
    return server;
}
