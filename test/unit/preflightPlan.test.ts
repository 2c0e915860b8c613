import * as assert from 'assert';
import type { Localize } from '../../src/azure/errors';
import type { PreflightCheck } from '../../src/azure/preflight';
import { describeCheck, type RoleCheck } from '../../src/commands/attachCluster/describeCheck';
import {
    assignableRoles,
    isBlocker,
    orderChecks,
    preflightActions,
    preflightPlan,
    preselected,
    type PlanEntry,
} from '../../src/commands/attachCluster/preflightPlan';
import { grantsClusterAdmin, workspaceIdentityRequirements } from '../../src/domain/roleRequirements';
import { builtInRoles } from '../../src/domain/roles';
import { granteeDirectoryName, granteeLabel } from '../../src/ui/grantee';
import { defaultWorld } from '../emulator/defaultWorld';

const t: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const sub = defaultWorld.subscriptions.research.id;
const aks = defaultWorld.clusters.aksResearch.id;
const arc = `/subscriptions/${sub}/resourceGroups/rg-arc/providers/Microsoft.Kubernetes/connectedClusters/arc-01`;
const principalId = defaultWorld.identities.wsNlp.principalId;
const [reader, extensionContributor, clusterAdmin] = workspaceIdentityRequirements({ id: aks, kind: 'aks' });

const extension = (status: 'installed' | 'notInstalled' | 'failed'): PreflightCheck => ({
    kind: 'extension',
    state: status === 'installed' ? 'passed' : 'failed',
    extension:
        status === 'installed'
            ? { status: 'installed', name: 'azureml' }
            : status === 'notInstalled'
              ? { status: 'notInstalled' }
              : { status: 'notReady', name: 'azureml', provisioningState: 'Failed' },
    clusterName: 'aks-research',
});
const name = (taken = false): PreflightCheck => ({
    kind: 'name',
    state: taken ? 'failed' : 'passed',
    name: 'research-nlp',
    workspaceName: 'ws-nlp',
});
const role = (
    requirement: RoleCheck['requirement'],
    state: 'granted' | 'missing',
    canGrant = state === 'missing',
): RoleCheck => ({
    kind: 'role',
    state: state === 'granted' ? 'passed' : 'failed',
    requirement,
    status:
        state === 'granted'
            ? { state: 'granted', roleName: requirement.role.name, scope: requirement.scope!, inherited: false }
            : { state: 'missing' },
    principalId,
    identityName: 'id-ws-nlp',
    canGrant,
});

/** The first item a person can pick: what the quick pick focuses. */
const firstAction = (entries: PlanEntry[]) => entries.find((e) => e.kind !== 'heading');

describe('preflight plan: blockers first, then roles', () => {
    it('a missing or failed extension and a taken name are blockers; a missing role is not', () => {
        assert.strictEqual(isBlocker(extension('notInstalled')), true);
        assert.strictEqual(isBlocker(extension('failed')), true);
        assert.strictEqual(isBlocker(name(true)), true);
        assert.strictEqual(isBlocker(role(reader, 'missing')), false);
        assert.strictEqual(isBlocker(extension('installed')), false);
    });

    it('with a blocker, its fix is the first item and its row follows; assigning is never first', () => {
        const checks = [extension('notInstalled'), role(reader, 'missing'), role(clusterAdmin, 'missing'), name()];
        const plan = preflightPlan(checks);
        assert.deepStrictEqual(firstAction(plan), { kind: 'action', action: 'fixExtension' });
        assert.deepStrictEqual(plan.slice(0, 4), [
            { kind: 'heading', heading: 'blockers' },
            { kind: 'action', action: 'fixExtension' },
            { kind: 'action', action: 'copyExtensionCommand' },
            { kind: 'check', check: checks[0], fix: 'fixExtension' },
        ]);
        const actions = preflightActions(checks);
        assert.deepStrictEqual(actions, ['copyCommands', 'assignRoles', 'recheck', 'continue', 'cancel']);
    });

    it('a name taken meanwhile offers another name first, and no Continue', () => {
        const plan = preflightPlan([extension('installed'), name(true)]);
        assert.deepStrictEqual(firstAction(plan), { kind: 'action', action: 'rename' });
        assert.ok(!preflightActions([extension('installed'), name(true)]).includes('continue'));
    });

    it('assigning comes first only when it can make every failed check pass', () => {
        const allAssignable = [extension('installed'), role(reader, 'missing'), role(extensionContributor, 'missing')];
        assert.deepStrictEqual(firstAction(preflightPlan(allAssignable)), { kind: 'action', action: 'assignRoles' });
        const oneForAnAdministrator = [...allAssignable, role(clusterAdmin, 'missing', false)];
        assert.deepStrictEqual(preflightActions(oneForAnAdministrator).slice(0, 2), ['copyCommands', 'assignRoles']);
        const noneAssignable = [extension('installed'), role(reader, 'missing', false)];
        assert.ok(!preflightActions(noneAssignable).includes('assignRoles'));
        assert.deepStrictEqual(preflightActions([extension('installed'), name()]), ['continue']);
    });

    it('orders the checks: blockers, missing, not checked, passed (stable within each)', () => {
        const relay = workspaceIdentityRequirements({ id: arc, kind: 'arc' })[1];
        const unknown: RoleCheck = {
            ...role(relay, 'missing'),
            state: 'unknown',
            status: { state: 'unknown', reason: 'x' },
        };
        const checks = [
            extension('installed'),
            role(reader, 'granted'),
            unknown,
            role(extensionContributor, 'missing'),
            name(true),
        ];
        assert.deepStrictEqual(orderChecks(checks), [checks[4], checks[3], checks[2], checks[0], checks[1]]);
    });

    it('offers every missing role the user may assign, and checks all of them but a cluster-admin role', () => {
        const checks = [role(reader, 'missing'), role(extensionContributor, 'missing'), role(clusterAdmin, 'missing')];
        const assignable = assignableRoles([...checks, role(reader, 'granted'), role(reader, 'missing', false)]);
        assert.deepStrictEqual(assignable, checks);
        assert.deepStrictEqual(
            assignable.map((c) => preselected(c)),
            [true, true, false],
        );
    });

    it('knows the cluster-admin roles by id and by name', () => {
        assert.strictEqual(grantsClusterAdmin(builtInRoles.aksClusterAdmin), true);
        assert.strictEqual(grantsClusterAdmin({ id: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', name: 'x' }), true);
        assert.strictEqual(grantsClusterAdmin({ id: 'x', name: 'Contoso Cluster Admin' }), true);
        assert.strictEqual(grantsClusterAdmin(builtInRoles.reader), false);
        assert.strictEqual(grantsClusterAdmin(builtInRoles.kubernetesExtensionContributor), false);
    });
});

describe('preflight rows read as sentences and name their identity', () => {
    it('a missing extension: what, its state, why and what to do', () => {
        assert.deepStrictEqual(describeCheck(extension('notInstalled'), t), {
            label: '$(error) AzureML extension on aks-research',
            description: 'not installed',
            detail: 'The attach fails without it. Install it here (or copy the command), then check again.',
        });
        assert.strictEqual(describeCheck(extension('failed'), t).description, 'Failed');
    });

    it('a missing role names the identity, the failure it causes and who may assign it', () => {
        assert.deepStrictEqual(describeCheck(role(reader, 'missing'), t), {
            label: '$(error) Reader on aks-research',
            description: 'missing for workspace identity id-ws-nlp',
            detail: 'Without it the attach fails: the cluster cannot be read. You may assign it.',
        });
        assert.match(
            describeCheck(role(clusterAdmin, 'missing', false), t).detail,
            /internal error\. Ask an admin for it\.$/,
        );
    });

    it('a role granted higher up says through what', () => {
        const inherited: RoleCheck = {
            ...role(reader, 'granted'),
            status: { state: 'granted', roleName: 'Owner', scope: `/subscriptions/${sub}`, inherited: true },
        };
        assert.deepStrictEqual(describeCheck(inherited, t), {
            label: '$(pass) Reader on aks-research',
            description: 'granted to workspace identity id-ws-nlp',
            detail: `It comes with Owner on subscription ${sub}.`,
        });
    });

    it("an Arc cluster's unknown relay is not a riddle", () => {
        const relay = workspaceIdentityRequirements({ id: arc, kind: 'arc' })[1];
        const row = describeCheck(
            {
                ...role(relay, 'missing'),
                state: 'unknown',
                status: { state: 'unknown', reason: 'not known' },
            },
            t,
        );
        assert.deepStrictEqual(row, {
            label: '$(question) Azure Relay Owner on Azure Relay of arc-01',
            description: 'not checked for workspace identity id-ws-nlp',
            detail: 'Its scope is not known yet: the AzureML extension records it once installed.',
        });
    });

    it('the name row', () => {
        assert.deepStrictEqual(describeCheck(name(true), t), {
            label: '$(error) Compute name research-nlp',
            description: 'taken in ws-nlp',
            detail: 'A compute of this name was made meanwhile: choose another name.',
        });
    });

    it('names identities the way a person knows them', () => {
        const ws = { kind: 'workspace', identityName: 'id-ws-nlp' } as const;
        const system = { kind: 'compute', workspaceName: 'ws-vision', computeName: 'k8s-gpu' } as const;
        const user = { ...system, userAssignedName: 'id-training' };
        assert.strictEqual(granteeLabel(ws, t), 'workspace identity id-ws-nlp');
        assert.strictEqual(granteeLabel(system, t), "compute k8s-gpu's system-assigned identity");
        assert.strictEqual(granteeLabel(user, t), "compute k8s-gpu's user-assigned identity id-training");
        assert.strictEqual(granteeDirectoryName(system), 'ws-vision/computes/k8s-gpu');
        assert.strictEqual(granteeDirectoryName(user), 'id-training');
    });
});
