import * as assert from 'assert';
import { defaultWorld } from '../emulator/defaultWorld';
import { chooseNextSteps, failureKind, planInstallExtension } from '../../src/webview/computePanel/failedActions';

const CLUSTER = '/subscriptions/1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-cpu-noext';

/** The provisioning errors the service (and the emulator, after it) gives a Failed Kubernetes compute. */
const errors = {
    notInstalled: {
        code: 'AzureMLExtensionNotInstalled',
        message: `The AzureML extension (extension type 'Microsoft.AzureML.Kubernetes') is not installed on cluster '${CLUSTER}'. Deploy the AzureML extension to the cluster, then attach it again.`,
    },
    notReady: {
        code: 'AzureMLExtensionNotReady',
        message: `The AzureML extension 'azureml' on cluster '${CLUSTER}' is in provisioning state 'Failed'; it must be 'Succeeded' before the cluster can be attached.`,
    },
    helm: {
        code: 'ExtensionOperationFailed',
        message: 'The extension operation failed with the following error: Helm installation failed : Timed out',
    },
    workspaceReader: {
        code: 'UserAssignedIdentityMissingRole',
        message: `The workspace's user-assigned identity '/subscriptions/1/.../id-ws-nlp' (principal 'p') does not have the 'Reader' role on cluster '${CLUSTER}'. Grant it Reader on the cluster, then attach again.`,
    },
    computeRole: {
        code: 'AuthorizationFailed',
        message:
            "The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read'.",
    },
    identityGone: {
        code: 'InvalidIdentity',
        message: "The user-assigned identity '/subscriptions/1/.../id-training' of the compute was not found.",
    },
    clusterGone: { code: 'ClusterNotFound', message: `The Kubernetes cluster '${CLUSTER}' was not found.` },
    unknown: { code: 'InternalServerError', message: 'Something went wrong. Please try again later.' },
};

describe('Failed compute panel: next steps chosen from the error', () => {
    const withAll = { hasCluster: true, hasRoleRows: true };

    it('classifies the errors the service gives', () => {
        assert.strictEqual(failureKind(errors.notInstalled), 'extension');
        assert.strictEqual(failureKind(errors.notReady), 'extension');
        assert.strictEqual(failureKind(errors.helm), 'extension');
        assert.strictEqual(failureKind(errors.workspaceReader), 'roles');
        assert.strictEqual(failureKind(errors.computeRole), 'roles');
        assert.strictEqual(failureKind(errors.identityGone), 'identity');
        assert.strictEqual(failureKind(errors.clusterGone), 'cluster');
        assert.strictEqual(failureKind(errors.unknown), 'other');
        assert.strictEqual(failureKind({ message: '' }), 'other');
    });

    it('an extension error offers its install first, then Detach and the guide', () => {
        for (const error of [errors.notInstalled, errors.notReady, errors.helm]) {
            assert.deepStrictEqual(chooseNextSteps({ errors: [error], ...withAll }), [
                'installExtension',
                'detach',
                'troubleshoot',
            ]);
        }
    });

    it("a role the workspace's identity lacks offers the role rows, not Edit Identity (the compute's identity is not the fix)", () => {
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.workspaceReader], ...withAll }), [
            'showRoles',
            'detach',
            'troubleshoot',
        ]);
    });

    it("any other missing role offers the role rows and Edit Identity; the compute's identity Edit Identity first", () => {
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.computeRole], ...withAll }), [
            'showRoles',
            'editIdentity',
            'detach',
            'troubleshoot',
        ]);
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.identityGone], ...withAll }), [
            'editIdentity',
            'showRoles',
            'detach',
            'troubleshoot',
        ]);
    });

    it('a cluster that is gone offers Detach first', () => {
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.clusterGone], ...withAll }), [
            'detach',
            'troubleshoot',
        ]);
    });

    it('a documented limit of the cluster offers Detach first (fix the cluster, attach again); a private endpoint Edit Identity', () => {
        const limits = [
            {
                code: 'TrustedAccessRoleBindingNotFound',
                message:
                    "Cluster 'c' has local accounts disabled, so Azure Machine Learning reaches it through AKS Trusted Access, and it has no 'Microsoft.MachineLearningServices/workspaces/mlworkload' role binding for workspace 'w'.",
            },
            {
                code: 'CrossSubscriptionAksNotSupported',
                message: "Azure Machine Learning doesn't support attaching an AKS cluster cross subscription.",
            },
            { code: 'AksServicePrincipalNotSupported', message: 'The AKS cluster uses a service principal.' },
        ];
        for (const error of limits) {
            assert.strictEqual(failureKind(error), 'limit', error.code);
            assert.deepStrictEqual(chooseNextSteps({ errors: [error], ...withAll }), ['detach', 'troubleshoot']);
        }
        const privateEndpoint = {
            code: 'ManagedIdentityNotSupportedWithPrivateEndpoint',
            message: 'A managed identity on the compute is not supported for a workspace with a private endpoint.',
        };
        assert.strictEqual(chooseNextSteps({ errors: [privateEndpoint], ...withAll })[0], 'editIdentity');
        const contributor = {
            code: 'BadRequest',
            message:
                "AKS role check failed for user assigned identity. Please check the role assignment. The workspace's user-assigned identity 'u' needs Contributor on cluster 'c', which uses Trusted Access.",
        };
        assert.deepStrictEqual(chooseNextSteps({ errors: [contributor], ...withAll }).slice(0, 1), ['showRoles']);
    });

    it('an unknown error, or none, offers the guide first, then every fix', () => {
        const expected = ['troubleshoot', 'installExtension', 'editIdentity', 'detach'];
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.unknown], ...withAll }), expected);
        assert.deepStrictEqual(chooseNextSteps({ errors: [], ...withAll }), expected);
    });

    it('several errors: each one’s fixes in turn, each step once', () => {
        assert.deepStrictEqual(chooseNextSteps({ errors: [errors.notInstalled, errors.workspaceReader], ...withAll }), [
            'installExtension',
            'showRoles',
            'detach',
            'troubleshoot',
        ]);
    });

    it('leaves out what cannot be done: no install without a cluster, no role rows when there are none', () => {
        assert.deepStrictEqual(
            chooseNextSteps({ errors: [errors.notInstalled], hasCluster: false, hasRoleRows: true }),
            ['detach', 'troubleshoot'],
        );
        assert.deepStrictEqual(
            chooseNextSteps({ errors: [errors.workspaceReader], hasCluster: true, hasRoleRows: false }),
            ['detach', 'troubleshoot'],
        );
    });
});

describe('the installExtension next step', () => {
    const dev = defaultWorld.subscriptions.dev.id;
    const aks = defaultWorld.clusters.aksCpuNoExt.id;
    const arc = defaultWorld.clusters.arcEdgeLab.id;
    /** The subscriptions the signed-in account can use, as the session answers them (their own spelling). */
    const session = (...ids: string[]) => {
        const asked: string[] = [];
        const find = async (id: string) => {
            asked.push(id);
            return ids.find((s) => s.toLowerCase() === id.toLowerCase());
        };
        return { find, asked };
    };

    it('runs Install AzureML Extension... on the compute’s cluster, AKS or Arc, in the cluster’s own subscription', async () => {
        const { find, asked } = session(dev, defaultWorld.subscriptions.prod.id);
        assert.deepStrictEqual(await planInstallExtension(aks, find), {
            kind: 'run',
            command: 'azuremlK8s.installExtension',
            argument: { subscriptionId: dev, clusterId: aks },
        });
        assert.deepStrictEqual(await planInstallExtension(arc, find), {
            kind: 'run',
            command: 'azuremlK8s.installExtension',
            argument: { subscriptionId: dev, clusterId: arc },
        });
        assert.deepStrictEqual(asked, [dev, dev]);
    });

    it('copies the install command only where the cluster cannot be resolved here', async () => {
        const other = aks.replace(dev, '99999999-9999-4999-8999-999999999999');
        assert.deepStrictEqual(await planInstallExtension(other, session(dev).find), {
            kind: 'copy',
            clusterId: other,
            why: 'subscriptionNotUsable',
        });
        const signedOut = async () => {
            throw new Error('Not signed in.');
        };
        assert.strictEqual((await planInstallExtension(aks, signedOut)).kind, 'copy');
        const workspace = defaultWorld.workspaces.vision.id;
        for (const id of [workspace, `${aks}/agentPools/nodepool1`, 'aks-cpu-noext']) {
            const { find, asked } = session(dev);
            assert.deepStrictEqual(await planInstallExtension(id, find), {
                kind: 'copy',
                clusterId: id,
                why: 'notACluster',
            });
            assert.deepStrictEqual(asked, [], 'no subscription looked up for a non-cluster id');
        }
    });
});
