import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './systemPackages';

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
];

const open = new Set<EditorBrowser>();

export async function closeAllBrowsers(): Promise<void> {
    await Promise.all([...open].map((browser) => browser.close()));
}

export interface EditorBrowser {
    browser: Browser;
    context: BrowserContext;
    page: Page;
    console: string[];
    close(): Promise<void>;
}

export interface OpenOptions {
    folder?: string;
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    timeoutMs?: number;
}

export function workbenchUrl(serverUrl: string, folder?: string): string {
    return folder ? `${serverUrl}/?folder=${encodeURIComponent(folder)}` : `${serverUrl}/`;
}

export async function openWorkbench(serverUrl: string, options: OpenOptions = {}): Promise<EditorBrowser> {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-chromium-'));
    const browser = await chromium.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: CHROMIUM_ARGS,
        env: { ...process.env, TMPDIR: tmpDir },
    });
    const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1400, height: 900 },
        colorScheme: options.colorScheme ?? 'light',
        permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (msg) => messages.push(`[${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (error) => messages.push(`[pageerror] ${error.message}`));
    const close = async () => {
        open.delete(editorBrowser);
        await context.close().catch(() => undefined);
        await browser.close().catch(() => undefined);
        fs.rmSync(tmpDir, { recursive: true, force: true });
    };
    const editorBrowser: EditorBrowser = { browser, context, page, console: messages, close };
    open.add(editorBrowser);
    try {
        await page.goto(workbenchUrl(serverUrl, options.folder), { waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').waitFor({ timeout: options.timeoutMs ?? 60_000 });
        await page
            .locator('.part.activitybar .action-item')
            .first()
            .waitFor({ timeout: options.timeoutMs ?? 60_000 });
    } catch (error) {
        await close();
        throw error;
    }
    return editorBrowser;
}

export function sampleFolder(dir = path.join(os.tmpdir(), 'azureml-k8s-sample')): string {
    fs.mkdirSync(dir, { recursive: true });
    const readme = path.join(dir, 'README.md');
    if (!fs.existsSync(readme)) {
        fs.writeFileSync(readme, '# Sample workspace\n\nOpen the Azure ML Kubernetes view in the activity bar.\n');
    }
    return dir;
}
