import type { ProvisioningState } from './models';

const transitional: readonly ProvisioningState[] = ['Creating', 'Updating', 'Deleting'];

/** True while the service is still working on the compute, so its state should be followed. */
export function isTransitional(state: ProvisioningState): boolean {
    return transitional.includes(state);
}

export interface StateIcon {
    /** A codicon id, with `~spin` for states that are still changing. */
    readonly icon: string;
    /** A theme color id, when the state has one. */
    readonly color?: string;
}

export function stateIcon(state: ProvisioningState): StateIcon {
    switch (state) {
        case 'Creating':
        case 'Updating':
            return { icon: 'loading~spin' };
        case 'Deleting':
            return { icon: 'sync~spin', color: 'list.warningForeground' };
        case 'Succeeded':
            return { icon: 'pass', color: 'testing.iconPassed' };
        case 'Failed':
            return { icon: 'error', color: 'testing.iconFailed' };
        case 'Canceled':
            return { icon: 'circle-slash', color: 'disabledForeground' };
        default:
            return { icon: 'question' };
    }
}
