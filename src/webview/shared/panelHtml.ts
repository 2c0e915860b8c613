/** A panel's HTML: one nonce'd script from the bundle folder, a CSP without inline code, no remote content. */
import * as vscode from 'vscode';
import { ext } from '../../extensionVariables';
import { newNonce, pageDocument, type PageFiles } from './pageDocument';

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

export function pageHtml(webview: vscode.Webview, page: PageFiles): string {
    return pageDocument(
        {
            cspSource: webview.cspSource,
            bundleUri: (file) => webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot(), file)).toString(),
            nonce: newNonce(),
        },
        page,
    );
}
