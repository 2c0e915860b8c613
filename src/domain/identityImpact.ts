/** What changing a compute's identity does to the identities it has now. Pure. */
import { armIdsEqual } from './armId';
import type { IdentityInfo } from './models';
import type { AttachIdentity } from './attachPlan';

export interface IdentityImpact {
    /** The current system-assigned principal is deleted, with every role assignment made to it. */
    readonly deletesSystemPrincipal: boolean;
    /** A new system-assigned principal is created; it has no roles yet. */
    readonly createsSystemPrincipal: boolean;
    /** Names of user-assigned identities the compute stops using (they themselves stay). */
    readonly dropsUserAssigned: readonly string[];
}

export function identityImpact(current: IdentityInfo, next: AttachIdentity): IdentityImpact {
    const hadSystem = current.type.includes('SystemAssigned');
    const keepsSystem = next.type === 'SystemAssigned';
    const nextUserAssigned = next.type === 'UserAssigned' ? next.identityId : undefined;
    return {
        deletesSystemPrincipal: hadSystem && !keepsSystem,
        createsSystemPrincipal: !hadSystem && keepsSystem,
        dropsUserAssigned: current.userAssigned
            .filter((u) => !armIdsEqual(u.id, nextUserAssigned))
            .map((u) => u.id.split('/').pop() ?? u.id),
    };
}
