/** What the Microsoft.MachineLearningServices routes share: resource types, the api-version, ARM's 400 answer. */

import { armError, type Ctx } from '../../http';

export const computeType = 'Microsoft.MachineLearningServices/workspaces/computes';
export const opStatusType = 'Microsoft.MachineLearningServices/locations/computeOperationsStatus';
export const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';
export const connectedClusterType = 'Microsoft.Kubernetes/connectedClusters';
/** The api-version the status URLs carry. */
export const apiVersion = '2022-10-01';

export function bad(ctx: Ctx, message: string, code = 'BadArgument'): void {
    armError(ctx, 400, code, message);
}
