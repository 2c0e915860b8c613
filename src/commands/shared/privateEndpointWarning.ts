import * as vscode from 'vscode';
import { privateEndpointIdentityConflict } from '../../domain/clusterLimits';
import type { IdentityType, WorkspaceInfo } from '../../domain/models';

/** The warning an identity choice carries when the workspace has a private endpoint; undefined when none applies. */
export function privateEndpointWarning(
    workspace: Pick<WorkspaceInfo, 'name' | 'privateEndpoint'> | undefined,
    identityType: IdentityType,
): string | undefined {
    if (!workspace || !privateEndpointIdentityConflict(workspace, identityType)) {
        return undefined;
    }
    return vscode.l10n.t("$(warning) not supported behind {0}'s private endpoint", workspace.name);
}
