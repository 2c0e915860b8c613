/** Shapes of older api-versions for Azure ML workspaces (see versionShapes.ts). */

import { isJson, withoutProperties, type Json, type ShapeRule } from './versionShapeHelpers';

const stableBefore =
    (version: string) =>
    (v: string): boolean =>
        !v.endsWith('-preview') && v < version;

/** A workspace's user-assigned identities with their `tenantId`, as the older `UserAssignedIdentity` has it. */
function withIdentityTenants(item: Json): Json {
    const identity = isJson(item.identity) ? item.identity : undefined;
    const tenantId = isJson(item.properties) ? item.properties.tenantId : undefined;
    if (!identity || !isJson(identity.userAssignedIdentities) || typeof tenantId !== 'string') {
        return item;
    }
    const values = Object.entries(identity.userAssignedIdentities).map(([id, value]) => [
        id,
        isJson(value) ? { ...value, tenantId } : value,
    ]);
    return { ...item, identity: { ...identity, userAssignedIdentities: Object.fromEntries(values) } };
}

/**
 * `WorkspaceProperties` and `UserAssignedIdentity` in
 * …/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/{version}/machineLearningServices.json
 * (as Azure/bicep-types-az generates them per version): 2021-07-01 adds `mlFlowTrackingUri`, `publicNetworkAccess`
 * and `storageHnsEnabled`; 2022-05-01 adds `v1LegacyMode` and drops the identities' `tenantId`. Previews are not
 * reshaped: those between the stable versions were not compared.
 */
export const machineLearningRules: ShapeRule[] = [
    {
        namespace: 'microsoft.machinelearningservices',
        itemType: 'microsoft.machinelearningservices/workspaces',
        applies: stableBefore('2022-05-01'),
        response: (item) => withIdentityTenants(withoutProperties(item, ['v1LegacyMode'])),
    },
    {
        namespace: 'microsoft.machinelearningservices',
        itemType: 'microsoft.machinelearningservices/workspaces',
        applies: stableBefore('2021-07-01'),
        response: (item) => withoutProperties(item, ['mlFlowTrackingUri', 'publicNetworkAccess', 'storageHnsEnabled']),
    },
];
