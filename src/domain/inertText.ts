/**
 * Text that came from Azure (names, tags, error and provisioning messages) made safe for the places in VS Code that
 * interpret text. A notification renders `[label](command:...)` as a link that runs the command when clicked, so
 * that pattern is broken up; bidirectional controls and invisible characters are shown as escapes, so they cannot
 * reverse or hide part of a message; very long text is cut. Ordinary text comes back unchanged. Pure.
 */
export function inertText(text: string, max = 1000): string {
    const shown = text
        .replace(
            // eslint-disable-next-line no-control-regex -- control characters are what this finds
            /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
            (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
        )
        .replace(/\]\(/g, '] (');
    return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
