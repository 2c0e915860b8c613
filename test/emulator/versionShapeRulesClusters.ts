/**
 * Shapes of older api-versions for cluster extensions, managed clusters and user-assigned identities (see
 * versionShapes.ts).
 */

import {
    before,
    isJson,
    only,
    onlyProperties,
    without,
    withoutProperties,
    type Json,
    type ShapeRule,
} from './versionShapeHelpers';

const extensionType = 'microsoft.kubernetesconfiguration/extensions';

/**
 * 2020-07-01-preview's `ExtensionInstance` (…/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/preview/2020-07-01-preview/extensions.json):
 * `installState` (Pending, Installed, Failed) where later versions have `provisioningState`, `creationTime` and
 * `lastModifiedTime` in the properties, `errorInfo` as `{ code, message }`, the identity beside the properties; the
 * list's `ExtensionInstanceForList` has no settings and no statuses.
 */
function extensionInstance(item: Json, inList: boolean): Json {
    const props = isJson(item.properties) ? item.properties : {};
    const systemData = isJson(item.systemData) ? item.systemData : {};
    const state = String(props.provisioningState ?? '');
    const installState = state === 'Succeeded' ? 'Installed' : state === 'Failed' ? 'Failed' : 'Pending';
    const error = isJson(props.errorInfo) ? { code: props.errorInfo.code, message: props.errorInfo.message } : null;
    const settings = inList
        ? {}
        : {
              configurationSettings: props.configurationSettings,
              configurationProtectedSettings: props.configurationProtectedSettings,
              statuses: props.statuses,
          };
    return {
        ...without(item, ['properties']),
        properties: {
            extensionType: props.extensionType,
            autoUpgradeMinorVersion: props.autoUpgradeMinorVersion,
            releaseTrain: props.releaseTrain,
            version: props.version,
            scope: props.scope,
            ...settings,
            installState,
            creationTime: systemData.createdAt ?? null,
            lastModifiedTime: systemData.lastModifiedAt ?? null,
            lastStatusTime: systemData.lastModifiedAt ?? null,
            errorInfo: error,
        },
    };
}

/** Microsoft.KubernetesConfiguration `Extension` in …/Microsoft.KubernetesConfiguration/{stable|preview}/{version}/extensions.json. */
export const extensionRules: ShapeRule[] = [
    {
        namespace: 'microsoft.kubernetesconfiguration',
        itemType: extensionType,
        applies: only('2020-07-01-preview'),
        response: (item, _version, inList) => extensionInstance(item, inList),
        // `ExtensionInstanceUpdate`: a PATCH changes autoUpgradeMinorVersion, releaseTrain and version only.
        request: (body, method) =>
            method === 'PATCH' ? onlyProperties(body, ['autoUpgradeMinorVersion', 'releaseTrain', 'version']) : body,
    },
    {
        // 2021-09-01 adds `aksAssignedIdentity` (2021-05-01-preview has none).
        namespace: 'microsoft.kubernetesconfiguration',
        itemType: extensionType,
        applies: (v) => v > '2020-07-01-preview' && v < '2021-09-01',
        response: (item) => withoutProperties(item, ['aksAssignedIdentity']),
    },
    {
        // `currentVersion` and `isSystemExtension` come with 2022-11-01/2023-05-01 (@azure/arm-kubernetesconfiguration
        // 6.0.0's changelog: "Extension no longer has parameter installedVersion"); 2022-03-01 names the installed
        // version `installedVersion`; 2021-05-01-preview, 2021-09-01, 2021-10-01-preview and 2022-04-01 have neither.
        namespace: 'microsoft.kubernetesconfiguration',
        itemType: extensionType,
        applies: (v) => v > '2020-07-01-preview' && v < '2022-11-01',
        response: (item, version) => {
            const props = isJson(item.properties) ? item.properties : {};
            const shaped = withoutProperties(item, ['currentVersion', 'isSystemExtension']);
            return version === '2022-03-01'
                ? {
                      ...shaped,
                      properties: { ...(shaped.properties as Json), installedVersion: props.currentVersion ?? null },
                  }
                : shaped;
        },
    },
];

/**
 * The version that added each `ManagedCluster` field we serve
 * (…/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/{version}/managedClusters.json, compared
 * from 2018-03-31 on): an earlier version leaves the field out.
 */
const managedClusterFields: readonly [version: string, field: string][] = [
    ['2019-04-01', 'maxAgentPools'],
    ['2019-11-01', 'identityProfile'],
    ['2020-09-01', 'powerState'],
    ['2021-02-01', 'azurePortalFQDN'],
    ['2021-03-01', 'disableLocalAccounts'],
    ['2021-07-01', 'securityProfile'],
    ['2022-04-01', 'storageProfile'],
];
const managedClusterTopFields: readonly [version: string, field: string][] = [
    ['2019-04-01', 'identity'],
    ['2020-03-01', 'sku'],
    ['2022-02-01', 'systemData'],
];
// `ManagedClusterAADProfile`: 2020-03-01 adds managed and adminGroupObjectIDs, 2020-06-01 enableAzureRBAC.
const aadProfileFields: readonly [version: string, field: string][] = [
    ['2020-03-01', 'managed'],
    ['2020-03-01', 'adminGroupObjectIDs'],
    ['2020-06-01', 'enableAzureRBAC'],
];

const absentAt = (fields: readonly [string, string][], version: string): string[] =>
    fields.filter(([since]) => version < since).map(([, field]) => field);

export const containerServiceRules: ShapeRule[] = [
    {
        namespace: 'microsoft.containerservice',
        itemType: 'microsoft.containerservice/managedclusters',
        applies: before('2022-04-01'),
        response: (item, version) => {
            const shaped = withoutProperties(
                without(item, absentAt(managedClusterTopFields, version)),
                absentAt(managedClusterFields, version),
            );
            const props = shaped.properties as Json | undefined;
            if (!props || !isJson(props.aadProfile)) {
                return shaped;
            }
            return {
                ...shaped,
                properties: { ...props, aadProfile: without(props.aadProfile, absentAt(aadProfileFields, version)) },
            };
        },
    },
];

/**
 * `ConnectedClusterProperties` in …/hybridkubernetes/resource-manager/Microsoft.Kubernetes/HybridKubernetes/stable/{version}/connectedClusters.json
 * (as Azure/bicep-types-az generates them per version): the stable 2021-03-01 and 2021-10-01 have no private link
 * fields, 2024-01-01 has `privateLinkScopeResourceId` and `privateLinkState`. Previews were not compared.
 */
export const connectedClusterRules: ShapeRule[] = [
    {
        namespace: 'microsoft.kubernetes',
        itemType: 'microsoft.kubernetes/connectedclusters',
        applies: (v) => !v.endsWith('-preview') && v < '2024-01-01',
        response: (item) => withoutProperties(item, ['privateLinkScopeResourceId', 'privateLinkState']),
    },
];

/**
 * `UserAssignedIdentityProperties` in …/msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/{stable|preview}/{version}/ManagedIdentity.json:
 * `isolationScope` is in 2024-11-30, not in 2023-01-31 or before (2015-08-31-preview already has tenantId).
 */
export const managedIdentityRules: ShapeRule[] = [
    {
        namespace: 'microsoft.managedidentity',
        itemType: 'microsoft.managedidentity/userassignedidentities',
        applies: (v) => v <= '2023-01-31',
        response: (item) => withoutProperties(item, ['isolationScope']),
    },
];
