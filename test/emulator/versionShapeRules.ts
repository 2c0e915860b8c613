/** Shapes of older api-versions for Microsoft.Resources and Microsoft.Authorization (see versionShapes.ts). */

import {
    before,
    isJson,
    onlyProperties,
    without,
    withoutProperties,
    type Json,
    type ShapeRule,
} from './versionShapeHelpers';

const subscriptionRule = (version: string, fields: string[]): ShapeRule => ({
    namespace: 'microsoft.resources',
    itemType: 'microsoft.resources/subscriptions',
    applies: before(version),
    response: (item) => without(item, fields),
});

const tenantRule = (version: string, fields: string[]): ShapeRule => ({
    namespace: 'microsoft.resources',
    itemType: 'microsoft.resources/tenants',
    applies: before(version),
    response: (item) => without(item, fields),
});

/** Microsoft.Resources: `Subscription` and `TenantIdDescription` in …/resources/resource-manager/Microsoft.Resources/subscriptions/stable/{version}/subscriptions.json. */
export const resourcesRules: ShapeRule[] = [
    // 2019-11-01 adds `tags`; 2019-06-01 `managedByTenants`; 2018-06-01 `tenantId`.
    subscriptionRule('2019-11-01', ['tags']),
    subscriptionRule('2019-06-01', ['managedByTenants']),
    subscriptionRule('2018-06-01', ['tenantId']),
    // 2015-11-01 has neither `authorizationSource` nor `subscriptionPolicies.spendingLimit` (2016-06-01 adds both).
    {
        ...subscriptionRule('2016-06-01', ['authorizationSource']),
        response: (item) => {
            const policies = isJson(item.subscriptionPolicies)
                ? without(item.subscriptionPolicies, ['spendingLimit'])
                : undefined;
            return {
                ...without(item, ['authorizationSource']),
                ...(policies ? { subscriptionPolicies: policies } : {}),
            };
        },
    },
    // 2020-01-01 adds `defaultDomain`, `tenantType`, `tenantBrandingLogoUrl`; 2019-06-01 `tenantCategory`; 2018-06-01
    // `country`, `countryCode`, `displayName`, `domains` (2016-06-01 and 2015-11-01: `id` and `tenantId` only).
    tenantRule('2020-01-01', ['defaultDomain', 'tenantType', 'tenantBrandingLogoUrl']),
    tenantRule('2019-06-01', ['tenantCategory']),
    tenantRule('2018-06-01', ['country', 'countryCode', 'displayName', 'domains']),
    {
        // `ResourceGroup` in …/Microsoft.Resources/resources/stable/{version}/resources.json: `type` from 2018-05-01.
        namespace: 'microsoft.resources',
        itemType: 'microsoft.resources/resourcegroups',
        applies: before('2018-05-01'),
        response: (item) => without(item, ['type']),
    },
];

const assignmentType = 'microsoft.authorization/roleassignments';

// 2018-01-01-preview adds dataActions and notDataActions to `Permission` (2015-07-01: actions, notActions).
const withoutDataActions = (p: Json): Json => without(p, ['dataActions', 'notDataActions']);

/**
 * Microsoft.Authorization: `RoleAssignment`, `RoleAssignmentProperties` (the PUT body) and `Permission` in
 * …/authorization/resource-manager/Microsoft.Authorization/Authorization/{stable|preview}/{version}/authorization-RoleAssignmentsCalls.json
 * and authorization-RoleDefinitionsCalls.json.
 */
export const authorizationRules: ShapeRule[] = [
    {
        // 2020-04-01-preview adds description, condition, conditionVersion, createdOn/By, updatedOn/By and
        // delegatedManagedIdentityResourceId; before it a PUT's description and condition are not part of the body.
        namespace: 'microsoft.authorization',
        itemType: assignmentType,
        applies: before('2020-04-01-preview'),
        response: (item) =>
            withoutProperties(item, [
                'condition',
                'conditionVersion',
                'description',
                'createdOn',
                'updatedOn',
                'createdBy',
                'updatedBy',
                'delegatedManagedIdentityResourceId',
            ]),
        request: (body) => onlyProperties(body, ['roleDefinitionId', 'principalId', 'principalType', 'canDelegate']),
    },
    {
        // 2018-09-01-preview adds principalType (2015-07-01: roleDefinitionId, principalId and scope only), so an
        // older PUT's principalType is not read: the principal must be found in the directory.
        namespace: 'microsoft.authorization',
        itemType: assignmentType,
        applies: before('2018-09-01-preview'),
        response: (item) => withoutProperties(item, ['principalType']),
        request: (body) => onlyProperties(body, ['roleDefinitionId', 'principalId', 'canDelegate']),
    },
    {
        namespace: 'microsoft.authorization',
        itemType: 'microsoft.authorization/roledefinitions',
        applies: before('2018-01-01-preview'),
        response: (item) => {
            const props = isJson(item.properties) ? item.properties : {};
            const permissions = Array.isArray(props.permissions) ? props.permissions : [];
            return {
                ...item,
                properties: { ...props, permissions: permissions.map((p) => (isJson(p) ? withoutDataActions(p) : p)) },
            };
        },
    },
    {
        // GET {scope}/providers/Microsoft.Authorization/permissions: the same `Permission` objects.
        namespace: 'microsoft.authorization',
        itemType: 'microsoft.authorization/permissions',
        applies: before('2018-01-01-preview'),
        response: (item) => withoutDataActions(item),
    },
];
