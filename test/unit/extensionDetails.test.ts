/** The AzureML extension as the cluster panel shows it (src/webview/clusterPanel/clusterSections.ts extensionView). */
import * as assert from 'assert';
import { toExtensionDetails } from '../../src/azure/extensionOperations';
import { visibleSettings } from '../../src/domain/extensionDetails';
import { extensionView } from '../../src/webview/clusterPanel/clusterSections';

describe('AzureML extension in the cluster panel', () => {
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

    it('keeps the state, versions, release train, auto-upgrade, namespace and the error line by line', () => {
        const details = toExtensionDetails({
            id: '/x/extensions/azureml',
            name: 'azureml',
            extensionType: 'microsoft.azureml.kubernetes',
            currentVersion: '1.1.64',
            releaseTrain: 'stable',
            autoUpgradeMinorVersion: true,
            scope: { cluster: { releaseNamespace: 'azureml' } },
            configurationSettings: { enableInference: 'True' },
            statuses: [{ code: 'InstallationFailed', level: 'Error', message: 'helm failed' }],
        });
        assert.ok(details);
        const view = extensionView({
            ...details,
            provisioningState: 'Failed',
            error: 'ExtensionOperationFailed: The extension operation failed\nInner: Timed out\npods not ready',
        });
        assert.strictEqual(view.provisioningState, 'Failed');
        assert.strictEqual(view.currentVersion, '1.1.64');
        assert.strictEqual(view.releaseTrain, 'stable');
        assert.strictEqual(view.autoUpgradeMinorVersion, true);
        assert.strictEqual(view.releaseNamespace, 'azureml');
        assert.deepStrictEqual(
            view.errors.map((e) => e.message),
            ['ExtensionOperationFailed: The extension operation failed', 'Inner: Timed out', 'pods not ready'],
        );
        assert.deepStrictEqual(view.statuses, [{ code: 'Error', message: 'helm failed' }]);
    });

    it('never carries a protected setting, only its name, and redacts a secret an error echoes', () => {
        const details = toExtensionDetails({
            id: '/x/extensions/azureml',
            name: 'azureml',
            configurationSettings: {},
            configurationProtectedSettings: {
                'relay.connectionString': 'Endpoint=sb://r/;SharedAccessKey=SECRETVALUE',
            },
        });
        assert.ok(details);
        const view = extensionView({
            ...details,
            error: 'Bad: could not use Endpoint=sb://r/;SharedAccessKeyName=k;SharedAccessKey=SECRETVALUE',
        });
        assert.doesNotMatch(JSON.stringify(view), /SECRETVALUE/);
        assert.deepStrictEqual(view.hiddenSettings, ['relay.connectionString']);
    });
});
