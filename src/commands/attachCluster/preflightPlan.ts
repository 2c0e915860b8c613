/**
 * What the preflight shows and offers, in which order. A failed check that no role assignment can fix (the AzureML
 * extension missing or not Succeeded, the name taken meanwhile) is a blocker: it comes first, with its own fix as
 * the first (focused) action. Roles come after, assigned one by one or as a chosen set; assigning is the first action
 * only when it can make every failed check pass. A role that makes its holder a cluster admin is never chosen for the
 * user. No vscode here: PreflightStep turns the plan into quick-pick items.
 */
import type { PreflightCheck } from '../../azure/preflight';
import { grantsClusterAdmin } from '../../domain/roleRequirements';
import { grantRefusal } from '../../domain/roles';
import type { RoleCheck } from './describeCheck';

export type PreflightAction =
    /** The blocker's fix for a missing or failed AzureML extension: install it from the editor. */
    | 'fixExtension'
    /** Its second choice: copy the `az k8s-extension create` command. */
    | 'copyExtensionCommand'
    /** The blocker's fix for a name taken meanwhile: ask for another. */
    | 'rename'
    /** AKS in another subscription: copy the documented route (connect it to Azure Arc in the workspace's). */
    | 'copyArcRoute'
    /** A limit with no fix here (a service principal, no Trusted Access in this cloud): open the documentation. */
    | 'openLimitsDoc'
    /** Local accounts disabled: create the workspace's mlworkload trusted access role binding, after confirmation. */
    | 'createBinding'
    /** The same, for someone who may: copy the `az aks trustedaccess rolebinding create` command. */
    | 'copyBindingCommand'
    /** Choose missing roles to assign, then confirm. */
    | 'assignRoles'
    /** Copy the `az role assignment create` commands for an administrator. */
    | 'copyCommands'
    | 'recheck'
    | 'continue'
    | 'cancel';

export type PlanEntry =
    | { readonly kind: 'heading'; readonly heading: 'blockers' | 'actions' | 'checks' }
    | { readonly kind: 'action'; readonly action: PreflightAction }
    | { readonly kind: 'check'; readonly check: PreflightCheck; readonly fix?: PreflightAction };

/** A failed check that no role assignment can make pass. */
export function isBlocker(check: PreflightCheck): boolean {
    return check.state === 'failed' && check.kind !== 'role';
}

/** The action that fixes a blocker. */
export function blockerFix(check: PreflightCheck): PreflightAction | undefined {
    if (!isBlocker(check)) {
        return undefined;
    }
    switch (check.kind) {
        case 'extension':
            return 'fixExtension';
        case 'name':
            return 'rename';
        case 'limit':
            return check.limit.kind === 'aksOtherSubscription' ? 'copyArcRoute' : 'openLimitsDoc';
        case 'trustedAccess':
            return check.canCreate ? 'createBinding' : 'copyBindingCommand';
        default:
            return undefined;
    }
}

/** Missing roles the user may assign here, and that this extension grants at all. */
export function assignableRoles(checks: readonly PreflightCheck[]): RoleCheck[] {
    return checks.filter(
        (c): c is RoleCheck =>
            c.kind === 'role' &&
            c.state === 'failed' &&
            c.canGrant &&
            !!c.requirement.scope &&
            !grantRefusal(c.requirement.role.id, c.requirement.scope),
    );
}

/** Missing roles with a scope: each has an `az role assignment create` command for an administrator. */
export function rolesForAdministrator(checks: readonly PreflightCheck[]): RoleCheck[] {
    return checks.filter((c): c is RoleCheck => c.kind === 'role' && c.state === 'failed' && !!c.requirement.scope);
}

/** Checked for the user in the role picker: every assignable role but one that makes its holder a cluster admin. */
export function preselected(check: RoleCheck): boolean {
    return !grantsClusterAdmin(check.requirement.role);
}

const rank = (check: PreflightCheck): number =>
    isBlocker(check) ? 0 : check.state === 'failed' ? 1 : check.state === 'unknown' ? 2 : 3;

/** The checks as they are read: blockers, then missing roles, then what could not be checked, then what passed. */
export function orderChecks(checks: readonly PreflightCheck[]): PreflightCheck[] {
    return checks
        .map((check, index) => ({ check, index }))
        .sort((a, b) => rank(a.check) - rank(b.check) || a.index - b.index)
        .map((e) => e.check);
}

/** The actions other than the blockers' fixes, the one to do first at the top. */
export function preflightActions(checks: readonly PreflightCheck[]): PreflightAction[] {
    if (checks.every((c) => c.state === 'passed')) {
        return ['continue'];
    }
    const assignable = assignableRoles(checks);
    const forAdministrator = rolesForAdministrator(checks);
    const blocked = checks.some(isBlocker);
    // Assigning first only when it leaves nothing failed: no blocker, and no missing role left for an administrator.
    const assigningFixesAll = !blocked && assignable.length > 0 && assignable.length === forAdministrator.length;
    const actions: PreflightAction[] = [];
    if (assigningFixesAll) {
        actions.push('assignRoles');
    }
    if (forAdministrator.length > 0) {
        actions.push('copyCommands');
    }
    if (!assigningFixesAll && assignable.length > 0) {
        actions.push('assignRoles');
    }
    actions.push('recheck');
    if (!checks.some((c) => c.kind === 'name' && c.state === 'failed')) {
        actions.push('continue');
    }
    actions.push('cancel');
    return actions;
}

/**
 * The whole list: with blockers, a "fix first" section (each blocker's fix, then its row), the other actions, then
 * the other checks; without, the actions and then every check.
 */
export function preflightPlan(checks: readonly PreflightCheck[]): PlanEntry[] {
    const ordered = orderChecks(checks);
    const blockers = ordered.filter(isBlocker);
    const rest = ordered.filter((c) => !isBlocker(c));
    const entries: PlanEntry[] = [];
    if (blockers.length > 0) {
        entries.push({ kind: 'heading', heading: 'blockers' });
        for (const check of blockers) {
            const fix = blockerFix(check);
            if (fix) {
                entries.push({ kind: 'action', action: fix });
            }
            if (fix === 'fixExtension') {
                entries.push({ kind: 'action', action: 'copyExtensionCommand' });
            }
            entries.push({ kind: 'check', check, fix });
        }
        entries.push({ kind: 'heading', heading: 'actions' });
    }
    entries.push(...preflightActions(checks).map((action) => ({ kind: 'action' as const, action })));
    entries.push({ kind: 'heading', heading: 'checks' });
    entries.push(
        ...rest.map((check) => ({
            kind: 'check' as const,
            check,
            fix: assignableRoles([check]).length > 0 ? ('assignRoles' as const) : undefined,
        })),
    );
    return entries;
}
