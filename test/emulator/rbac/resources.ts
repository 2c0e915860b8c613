/** Role assignments and role definition ids as ARM shows them. */

import { classifyArmPath, nameOfId } from '../armPath';
import type { FixtureRoleAssignment, Json } from '../model';
import { roleAssignmentType } from './assignmentIndex';

/** The id of role definition `guid` as read at `scope`: ids carry the subscription they are read in, if any. */
export function roleDefinitionIdAt(scope: string, guid: string): string {
    const sub = classifyArmPath(scope)?.subscriptionId;
    return sub
        ? `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
        : `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** A role assignment of the fixture (or of a PUT) as the `Microsoft.Authorization/roleAssignments` resource stored. */
export function assignmentResource(a: FixtureRoleAssignment, when: string, createdBy: string): Json {
    const guid = nameOfId(a.roleDefinitionId);
    return {
        id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
        name: a.name,
        type: roleAssignmentType,
        properties: {
            roleDefinitionId: roleDefinitionIdAt(a.scope, guid),
            principalId: a.principalId,
            principalType: a.principalType ?? 'ServicePrincipal',
            scope: a.scope,
            condition: null,
            conditionVersion: null,
            description: a.description ?? null,
            createdOn: when,
            updatedOn: when,
            createdBy,
            updatedBy: createdBy,
            delegatedManagedIdentityResourceId: null,
        },
    };
}
