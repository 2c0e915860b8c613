/**
 * Whom a role is granted to, named the way a person recognises it ("workspace identity id-ws-nlp", "compute
 * k8s-gpu's system-assigned identity"), so the preflight's rows, the confirmation and the notification that ends a
 * grant all name it alike. No vscode here: callers pass `vscode.l10n.t` as `t`.
 */
import type { Localize } from '../azure/errors';
import { systemAssignedDisplayName, type GuidancePrincipal } from '../domain/roleGuidance';

export type Grantee =
    /** A workspace's user-assigned identity (the attach prerequisites are its roles). */
    | { readonly kind: 'workspace'; readonly identityName: string }
    /** A compute's identity: its system-assigned one, or the user-assigned one named. */
    | {
          readonly kind: 'compute';
          readonly workspaceName: string;
          readonly computeName: string;
          readonly userAssignedName?: string;
      };

export function granteeLabel(grantee: Grantee, t: Localize): string {
    if (grantee.kind === 'workspace') {
        return t('workspace identity {0}', grantee.identityName);
    }
    return grantee.userAssignedName
        ? t("compute {0}'s user-assigned identity {1}", grantee.computeName, grantee.userAssignedName)
        : t("compute {0}'s system-assigned identity", grantee.computeName);
}

/** The name Entra ID and the portal list the identity under. */
export function granteeDirectoryName(grantee: Grantee): string {
    if (grantee.kind === 'workspace') {
        return grantee.identityName;
    }
    return grantee.userAssignedName ?? systemAssignedDisplayName(grantee.workspaceName, grantee.computeName);
}

/** A compute's identity as the compute panel's role rows know it. */
export function computeGrantee(
    compute: { readonly workspaceName: string; readonly name: string },
    principal: GuidancePrincipal,
): Grantee {
    return {
        kind: 'compute',
        workspaceName: compute.workspaceName,
        computeName: compute.name,
        userAssignedName: principal.identityId ? principal.name : undefined,
    };
}
