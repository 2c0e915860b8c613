/** The AzureML extension as the cluster panel shows it (src/azure/extensionDetails.ts, src/domain/extensionDetails.ts). */
import * as assert from 'assert';
import { toExtensionDetails } from '../../src/azure/extensionDetails';
import { visibleSettings } from '../../src/domain/extensionDetails';

describe('AzureML extension details', () => {
    it('shows the plain settings, sorted, and leaves out the ones whose names say they hold secrets', () => {
        const { settings, hiddenSettings } = visibleSettings({
            enableTraining: 'True',
            allowInsecureConnections: 'False',
            sslKeyPemFile: '-----BEGIN PRIVATE KEY-----x',
            'relayserver.hybridConnectionResourceID':
                '/subscriptions/s/resourceGroups/g/providers/Microsoft.Relay/namespaces/n/hybridConnections/h',
            'relay.connectionString': 'Endpoint=sb://x/;SharedAccessKey=abc',
            clientSecret: 's3cret',
        });
        assert.deepStrictEqual(
            settings.map((s) => s.name),
            ['allowInsecureConnections', 'enableTraining', 'relayserver.hybridConnectionResourceID'],
        );
        assert.deepStrictEqual(hiddenSettings.sort(), ['clientSecret', 'relay.connectionString', 'sslKeyPemFile']);
    });

    it('keeps the state, versions, release train, auto-upgrade, namespace and every nested error', () => {
        const details = toExtensionDetails({
            id: '/x/extensions/azureml',
            name: 'azureml',
            extensionType: 'microsoft.azureml.kubernetes',
            provisioningState: 'Failed',
            currentVersion: '1.1.64',
            version: null,
            releaseTrain: 'stable',
            autoUpgradeMinorVersion: true,
            scope: { cluster: { releaseNamespace: 'azureml' } },
            configurationSettings: { enableInference: 'True' },
            statuses: [{ code: 'InstallationFailed', level: 'Error', message: 'helm failed' }],
            errorInfo: {
                code: 'ExtensionOperationFailed',
                message: 'The extension operation failed',
                details: [{ code: 'Inner', message: 'Timed out', details: [{ message: 'pods not ready' }] }],
            },
        });
        assert.strictEqual(details.provisioningState, 'Failed');
        assert.strictEqual(details.currentVersion, '1.1.64');
        assert.strictEqual(details.version, undefined);
        assert.strictEqual(details.releaseTrain, 'stable');
        assert.strictEqual(details.autoUpgradeMinorVersion, true);
        assert.strictEqual(details.releaseNamespace, 'azureml');
        assert.strictEqual(details.error?.code, 'ExtensionOperationFailed');
        assert.deepStrictEqual(
            details.error?.details.map((d) => d.message),
            ['Timed out', 'pods not ready'],
        );
    });

    it('never carries the protected settings, and redacts a secret an error message echoes', () => {
        const details = toExtensionDetails({
            configurationSettings: {},
            configurationProtectedSettings: {
                'relay.connectionString': 'Endpoint=sb://r/;SharedAccessKey=SECRETVALUE',
            },
            errorInfo: {
                code: 'Bad',
                message: 'could not use Endpoint=sb://r/;SharedAccessKeyName=k;SharedAccessKey=SECRETVALUE',
            },
        } as Parameters<typeof toExtensionDetails>[0]);
        assert.doesNotMatch(JSON.stringify(details), /SECRETVALUE/);
    });
});
