/**
 * A panel's HTML document: one script, from the bundle folder, with a fresh nonce; a CSP that allows nothing else
 * (no inline code, no eval, no remote content; styles, fonts and images only from the webview's own resources).
 * Pure, so the unit tests read the CSP; panelHtml.ts fills in the webview's URIs.
 */
export interface PageDocumentInput {
    /** `webview.cspSource`: the origin the webview's local resources are served from. */
    readonly cspSource: string;
    /** The webview URI of a file in the bundle folder (dist/webview). */
    readonly bundleUri: (file: string) => string;
    /** A fresh random value for this document. */
    readonly nonce: string;
}

/** Which page: its bundle (dist/webview/<script>), its stylesheets (in order) and its title. */
export interface PageFiles {
    readonly script: string;
    readonly stylesheets: readonly string[];
    readonly title: string;
}

/** The compute details page. */
export const computePage: PageFiles = {
    script: 'computePanel.js',
    stylesheets: ['computePanel.css', 'sections.css'],
    title: 'Compute details',
};

/** The cluster details page: the compute page's look, and its own few rules. */
export const clusterPage: PageFiles = {
    script: 'clusterPanel.js',
    stylesheets: ['computePanel.css', 'sections.css', 'clusterPanel.css'],
    title: 'Cluster details',
};

/**
 * 18 random bytes in hex (144 bits, 36 letters and digits): a fresh nonce for each document. (Base64 with its signs
 * stripped was sometimes shorter than the 128 bits the CSP wants, and failed the unit test now and then.)
 */
export function newNonce(): string {
    const bytes = new Uint8Array(18);
    globalThis.crypto.getRandomValues(bytes);
    return Buffer.from(bytes).toString('hex');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `img-src ${cspSource}`,
    ].join('; ');
}

export function pageDocument(
    { cspSource, bundleUri, nonce }: PageDocumentInput,
    { script, stylesheets, title }: PageFiles = computePage,
): string {
    const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(bundleUri('codicon.css'))}" id="vscode-codicon-stylesheet">
${stylesheets.map((file) => `<link rel="stylesheet" href="${attr(bundleUri(file))}">`).join('\n')}
<title>${attr(title)}</title>
</head>
<body>
<main id="root" aria-busy="true"></main>
<script nonce="${attr(nonce)}" src="${attr(bundleUri(script))}"></script>
</body>
</html>`;
}
