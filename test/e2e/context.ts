import type { RunningEmulator } from '../emulator/server';
import type { Editor } from './host/install';

export interface E2EContext {
    editor: Editor;
    vsix: string;
    emulator: RunningEmulator;
    resultsRoot: string;
}

let current: E2EContext | undefined;

export function setContext(context: E2EContext | undefined): void {
    current = context;
}

export function e2eContext(): E2EContext {
    if (!current) {
        throw new Error(
            'E2E scenarios run through "npm run test:e2e" (out/test/e2e/run.js), which starts the editor and the emulator.',
        );
    }
    return current;
}
