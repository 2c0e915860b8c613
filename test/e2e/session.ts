import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, sampleFolder, type EditorBrowser } from '../../tools/editor-host/browser';
import { type CodeServer, startCodeServer } from '../../tools/editor-host/codeServer';
import { e2eContext } from './context';
import { Workbench } from './pages/workbench';
import { emulatedMicrosoftAuthVsix, vscodeSignInSettings } from '../../tools/editor-host/microsoftAuth';
import type { RunningEmulator } from '../emulator/server';

export interface SessionOptions {
    /**
     * How the extension signs in. `environment` (default): the emulator's service principal in code-server's
     * environment (unless `signedIn` is false). `vscode`: VS Code's Microsoft account, from the test-only
     * microsoft-auth-extension (the emulator's people in its account picker), and no service principal.
     */
    signIn?: 'environment' | 'vscode';
    /** For `signIn: 'environment'`: false starts code-server without the service principal's variables. */
    signedIn?: boolean;
    /** Over the emulator's settings; a function for settings that name the emulator (its URL changes per run). */
    settings?: Record<string, unknown> | ((emulator: RunningEmulator) => Record<string, unknown>);
    colorTheme?: string;
    folder?: string;
}

export interface Session {
    workbench: Workbench;
    emulator: RunningEmulator;
    server: CodeServer;
    browser: EditorBrowser;
    resultsDir: string;
}

/** Settings and environment for the sign-in a describe asks for. */
async function signInSetup(options: SessionOptions, emulator: RunningEmulator) {
    const { NODE_EXTRA_CA_CERTS, AZURE_AUTHORITY_HOST, ...credentials } = emulator.env;
    if (options.signIn === 'vscode') {
        return {
            extraVsix: [await emulatedMicrosoftAuthVsix()],
            settings: vscodeSignInSettings(emulator.url),
            env: { NODE_EXTRA_CA_CERTS, AZURE_AUTHORITY_HOST },
        };
    }
    return {
        extraVsix: [],
        settings: {},
        env: { NODE_EXTRA_CA_CERTS, AZURE_AUTHORITY_HOST, ...(options.signedIn === false ? {} : credentials) },
    };
}

const slug = (text: string) =>
    text
        .replace(/[^\w.-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80);

export function useEditor(options: SessionOptions = {}): Session {
    const session = {} as Session;
    let server: CodeServer | undefined;
    let browser: EditorBrowser | undefined;

    before(async function () {
        const { editor, vsix, emulator, resultsRoot, latencyMs } = e2eContext();
        const suite = this.test?.parent?.fullTitle() ?? 'suite';
        const resultsDir = path.join(resultsRoot, slug(suite));
        emulator.admin.reset();
        emulator.admin.setOptions({ latencyMs });
        const signIn = await signInSetup(options, emulator);
        server = await startCodeServer({
            editor,
            vsix,
            extraVsix: signIn.extraVsix,
            colorTheme: options.colorTheme,
            settings: {
                ...emulator.settings,
                ...signIn.settings,
                ...(typeof options.settings === 'function' ? options.settings(emulator) : options.settings),
            },
            env: signIn.env,
        });
        try {
            browser = await openWorkbench(server.url, {
                folder: options.folder ?? sampleFolder(),
                colorScheme: /dark/i.test(options.colorTheme ?? '') ? 'dark' : 'light',
            });
        } catch (error) {
            server.collectLogs(path.join(resultsDir, 'startup-logs'));
            throw error;
        }
        Object.assign(session, {
            workbench: new Workbench(browser.page, resultsDir),
            emulator,
            server,
            browser,
            resultsDir,
        });
    });

    afterEach(async function () {
        const test = this.currentTest;
        if (!test || !session.workbench) {
            return;
        }
        const name = slug(test.title);
        if (test.state === 'failed') {
            await session.workbench.screenshot(`FAILED-${name}`).catch(() => undefined);
            const logs = path.join(session.resultsDir, `logs-${name}`);
            server?.collectLogs(logs);
            fs.writeFileSync(path.join(logs, 'browser-console.log'), browser?.console.join('\n') ?? '');
        } else {
            await session.workbench.screenshot(name).catch(() => undefined);
        }
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    return session;
}
