/** What the Microsoft.MachineLearningServices routes share: resource types, the api-version, ARM's 400 answer. */

import { armError, type Ctx } from '../../http';
import type { Json } from '../../model';

export const computeType = 'Microsoft.MachineLearningServices/workspaces/computes';
export const opStatusType = 'Microsoft.MachineLearningServices/locations/computeOperationsStatus';
export const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';
export const connectedClusterType = 'Microsoft.Kubernetes/connectedClusters';
/** The api-version the status URLs carry. */
export const apiVersion = '2022-10-01';

export function bad(ctx: Ctx, message: string, code = 'BadArgument'): void {
    armError(ctx, 400, code, message);
}

/**
 * Records a write on a stored compute, as the service does on every PUT, PATCH and DELETE: `properties.modifiedOn` and
 * ARM's `systemData.lastModified*` (who wrote it, and when). Clients that guard against lost updates compare them.
 */
export function recordWrite(compute: Json, ctx: Ctx, now: string): void {
    (compute.properties as Json).modifiedOn = now;
    compute.systemData = {
        ...((compute.systemData ?? {}) as Json),
        lastModifiedAt: now,
        lastModifiedBy: ctx.caller?.name,
        lastModifiedByType: ctx.caller?.isUser ? 'User' : 'Application',
    };
}
