import type { RunningEmulator } from '../emulator/server';
import type { Editor } from '../../tools/editor-host/install';

export interface E2EContext {
    editor: Editor;
    vsix: string;
    emulator: RunningEmulator;
    resultsRoot: string;
    /** Added by the emulator to every request (E2E_EMULATOR_LATENCY_MS); each describe starts with it. */
    latencyMs: number;
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
