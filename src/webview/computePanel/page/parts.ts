/** The compute page's own pieces: a value's Copy and Portal buttons (the shared ones are in shared/page/blocks.ts). */
import type { CopyKind, PortalTarget } from '../contract';
import { send } from './api';
import { smallButton } from '../../shared/page/dom';

export function copyButton(kind: CopyKind, what: string): HTMLElement {
    return smallButton('copy', 'Copy', `Copy ${what}`, () => send({ type: 'copy', kind }), `copy-${kind}`);
}

export function portalButton(target: PortalTarget, what: string): HTMLElement {
    return smallButton(
        'link-external',
        'Portal',
        `Open ${what} in the portal`,
        () => send({ type: 'openInPortal', target }),
        `portal-${target}`,
    );
}
