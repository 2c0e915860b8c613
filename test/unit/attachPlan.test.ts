import * as assert from 'assert';
import {
    attachRequestBody,
    attachYaml,
    azAttachCommand,
    suggestComputeName,
    type AttachPlan,
} from '../../src/domain/attachPlan';
import { validateComputeName } from '../../src/domain/validation';
import { defaultWorld } from '../emulator/defaultWorld';

const arcId = defaultWorld.clusters.arcOnprem.id;
const uai = defaultWorld.identities.prodTraining.id;

const plan: AttachPlan = {
    workspace: {
        id: defaultWorld.workspaces.forecast.id,
        name: 'ws-forecast',
        resourceGroup: 'rg-ml-prod',
        location: 'eastus2',
    },
    cluster: { id: arcId, kind: 'arc' },
    computeName: 'arc-train',
    namespace: 'forecast',
    identity: { type: 'UserAssigned', identityId: uai },
};

describe('attach plan', () => {
    it('builds the PUT body the CLI sends for a Kubernetes compute', () => {
        assert.deepStrictEqual(attachRequestBody(plan), {
            location: 'eastus2',
            identity: { type: 'UserAssigned', userAssignedIdentities: { [uai]: {} } },
            properties: {
                computeType: 'Kubernetes',
                computeLocation: 'eastus2',
                resourceId: arcId,
                properties: { namespace: 'forecast' },
            },
        });
        assert.deepStrictEqual(attachRequestBody({ ...plan, identity: { type: 'None' } }).identity, { type: 'None' });
    });

    it('writes the equivalent az command', () => {
        const command = azAttachCommand(plan);
        assert.match(command, /^az ml compute attach/);
        assert.match(command, /--type Kubernetes/);
        assert.match(command, new RegExp(`--resource-id ${arcId.replace(/\//g, '\\/')}`));
        assert.match(command, /--identity-type UserAssigned \\\n {2}--user-assigned-identities \/subscriptions/);
        assert.match(command, /--namespace forecast/);
        assert.match(command, /--no-wait$/);
    });

    it('writes the YAML az ml compute attach --file accepts, with the schema the CLI documents', () => {
        assert.strictEqual(
            attachYaml(plan),
            [
                '$schema: https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json',
                'type: kubernetes',
                'name: arc-train',
                `resource_id: ${arcId}`,
                'namespace: forecast',
                'identity:',
                '  type: user_assigned',
                '  user_assigned_identities:',
                `    - resource_id: ${uai}`,
                '',
            ].join('\n'),
        );
        assert.match(
            attachYaml({ ...plan, identity: { type: 'SystemAssigned' }, namespace: 'yes' }),
            /namespace: "yes"\nidentity:\n {2}type: system_assigned/,
        );
    });

    it('suggests a valid, free name from the cluster name', () => {
        assert.strictEqual(suggestComputeName(arcId), 'arc-onprem-01');
        assert.strictEqual(suggestComputeName(arcId, ['ARC-ONPREM-01']), 'arc-onprem-01-2');
        const long = arcId.replace('arc-onprem-01', '01_My.Very-Long-Cluster-Name');
        const suggestion = suggestComputeName(long);
        assert.strictEqual(validateComputeName(suggestion), undefined, suggestion);
        assert.strictEqual(validateComputeName(suggestComputeName(arcId.replace('arc-onprem-01', '9'))), undefined);
    });
});
