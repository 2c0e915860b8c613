/** Does nothing: what VS Code spends activating it is its own share of any extension's activation. */
export function activate(): Record<string, never> {
    return {};
}

export function deactivate(): void {}
