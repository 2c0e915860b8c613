/**
 * One preflight check as a quick-pick row that reads as plain sentences: the label says what was checked, the
 * description its state (and, for a role, the identity it is for), the detail why it matters and what to do.
 * No vscode here: the caller passes `vscode.l10n.t` as `t`, so the texts are unit-tested as they are shown.
 */
import type { Localize } from '../../azure/errors';
import type { PreflightCheck } from '../../azure/preflight';
import { scopeLabel } from '../../domain/roleGuidance';
import type { RoleRequirement } from '../../domain/roleRequirements';
import { builtInRoles } from '../../domain/roles';
import { granteeLabel } from '../../ui/grantee';
import { limitRow, trustedAccessRow } from './limitText';

export interface CheckRow {
    readonly label: string;
    readonly description: string;
    readonly detail: string;
}

export type RoleCheck = Extract<PreflightCheck, { kind: 'role' }>;

const stateIcon = { passed: '$(pass)', failed: '$(error)', unknown: '$(question)' } as const;

export function describeCheck(check: PreflightCheck, t: Localize): CheckRow {
    const icon = stateIcon[check.state];
    switch (check.kind) {
        case 'extension':
            return { label: `${icon} ${t('AzureML extension on {0}', check.clusterName)}`, ...extensionText(check, t) };
        case 'role':
            return { label: `${icon} ${roleOnScope(check.requirement, t)}`, ...roleText(check, t) };
        case 'limit':
            return limitRow(check, t);
        case 'trustedAccess':
            return trustedAccessRow(check, t);
        case 'name':
            return check.state === 'passed'
                ? {
                      label: `${icon} ${t('Compute name {0}', check.name)}`,
                      description: t('free in {0}', check.workspaceName),
                      detail: t('No compute in {0} has this name yet.', check.workspaceName),
                  }
                : {
                      label: `${icon} ${t('Compute name {0}', check.name)}`,
                      description: t('taken in {0}', check.workspaceName),
                      detail: t('A compute of this name was made meanwhile: choose another name.'),
                  };
    }
}

/** "Reader on aks-research": the resource's name alone, so a row fits the quick pick's width. */
export function roleOnScope(requirement: RoleRequirement, t: Localize): string {
    return t(
        '{0} on {1}',
        requirement.role.name,
        requirement.scope ? scopeLabel(requirement.scope) : requirement.scopeLabel,
    );
}

/** The identity a role check is for: "workspace identity id-ws-nlp". */
export function roleCheckGrantee(check: RoleCheck, t: Localize): string {
    return granteeLabel({ kind: 'workspace', identityName: check.identityName }, t);
}

/** Which failure the role's absence causes, as a sentence (short: a quick-pick detail line holds about 85 characters). */
export function missingRoleConsequence(requirement: RoleRequirement, t: Localize): string {
    switch (requirement.role.id) {
        case builtInRoles.reader.id:
            return t('Without it the attach fails: the cluster cannot be read.');
        case builtInRoles.azureRelayOwner.id:
            return t("Without it Azure ML cannot reach the cluster's relay.");
        case builtInRoles.kubernetesExtensionContributor.id:
            return t('Without it the attach may fail: "extension not installed".');
        case builtInRoles.aksClusterAdmin.id:
            return t('Without it the attach may fail with an internal error.');
        case builtInRoles.contributor.id:
            return t('Without it Azure ML cannot use Trusted Access on this cluster.');
        default:
            return t('The documentation lists it for attaching a cluster.');
    }
}

function extensionText(check: Extract<PreflightCheck, { kind: 'extension' }>, t: Localize): Omit<CheckRow, 'label'> {
    const extension = check.extension;
    switch (extension.status) {
        case 'installed':
            return {
                description: t('installed'),
                detail: t('It is installed and Succeeded, as the attach needs.'),
            };
        case 'notInstalled':
            return {
                description: t('not installed'),
                detail: t('The attach fails without it. Install it here (or copy the command), then check again.'),
            };
        case 'notReady':
            return {
                description: extension.provisioningState,
                detail: t('The attach fails until it is Succeeded. Wait for it or reinstall it, then check again.'),
            };
        case 'unknown':
            return {
                description: t('not checked'),
                detail: t("The cluster's extensions could not be read: {0}", sentence(extension.reason)),
            };
    }
}

function roleText(check: RoleCheck, t: Localize): Omit<CheckRow, 'label'> {
    const { requirement, status } = check;
    const who = roleCheckGrantee(check, t);
    switch (status.state) {
        case 'granted':
            return {
                description: t('granted to {0}', who),
                detail: status.inherited
                    ? t('It comes with {0} on {1}.', status.roleName, scopeLabel(status.scope))
                    : requirement.source === 'attachPrerequisite'
                      ? t('The attach needs it for a workspace with a user-assigned identity.')
                      : t('The current documentation asks for it.'),
            };
        case 'missing':
            return {
                description: t('missing for {0}', who),
                detail: `${missingRoleConsequence(requirement, t)} ${
                    check.canGrant ? t('You may assign it.') : t('Ask an admin for it.')
                }`,
            };
        case 'unknown':
            return {
                description: t('not checked for {0}', who),
                detail: requirement.scope
                    ? sentence(status.reason)
                    : t('Its scope is not known yet: the AzureML extension records it once installed.'),
            };
    }
}

/** A reason from Azure as a sentence: capitalised, ending with a full stop. */
function sentence(text: string): string {
    const trimmed = text.trim();
    if (!trimmed) {
        return trimmed;
    }
    const capitalised = trimmed[0].toUpperCase() + trimmed.slice(1);
    return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
