/** The panel's HTML: one nonce'd script from the bundle folder, a CSP without inline code, no remote content. */
import * as vscode from 'vscode';
import { ext } from '../../extensionVariables';

export function bundleRoot(): vscode.Uri {
    return vscode.Uri.joinPath(ext.context.extensionUri, 'dist', 'webview');
}

export function webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
        enableScripts: true,
        localResourceRoots: [bundleRoot()],
        retainContextWhenHidden: false,
        enableFindWidget: true,
    };
}

function nonce(): string {
    const bytes = new Uint8Array(18);
    globalThis.crypto.getRandomValues(bytes);
    return Buffer.from(bytes)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, '');
}

export function pageHtml(webview: vscode.Webview): string {
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot(), file)).toString();
    const n = nonce();
    const csp = [
        "default-src 'none'",
        `script-src 'nonce-${n}'`,
        `style-src ${webview.cspSource}`,
        `font-src ${webview.cspSource}`,
        `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${uri('computePanel.css')}">
<title>Compute details</title>
</head>
<body>
<main id="root" aria-busy="true"></main>
<script nonce="${n}" src="${uri('computePanel.js')}"></script>
</body>
</html>`;
}
