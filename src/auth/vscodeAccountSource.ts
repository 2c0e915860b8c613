import type { VSCodeAzureSubscriptionProvider } from '@microsoft/vscode-azext-azureauth';
import type { CloudEndpoints } from '../azure/cloud';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ext } from '../extensionVariables';
import { SignInRequiredError, type SubscriptionSource } from './subscriptionSource';

/** VS Code's Microsoft account, through @microsoft/vscode-azext-azureauth (which reads the same cloud settings). */
export class VSCodeAccountSource implements SubscriptionSource {
    private provider: Promise<VSCodeAzureSubscriptionProvider> | undefined;

    constructor(private readonly cloud: CloudEndpoints) {}

    private getProvider(): Promise<VSCodeAzureSubscriptionProvider> {
        this.provider ??= import('@microsoft/vscode-azext-azureauth').then((m) => {
            const provider = new m.VSCodeAzureSubscriptionProvider(ext.outputChannel);
            ext.context.subscriptions.push(provider);
            return provider;
        });
        return this.provider;
    }

    async isSignedIn(): Promise<boolean> {
        return (await this.getProvider()).isSignedIn();
    }

    async signIn(): Promise<boolean> {
        return (await this.getProvider()).signIn();
    }

    async listSubscriptions(): Promise<SubscriptionContext[]> {
        const provider = await this.getProvider();
        if (!(await provider.isSignedIn())) {
            throw new SignInRequiredError();
        }
        const subscriptions = await provider.getSubscriptions(false);
        return subscriptions.map((s) => ({
            subscriptionId: s.subscriptionId,
            name: s.name,
            tenantId: s.tenantId,
            credential: s.credential,
            cloud: this.cloud,
        }));
    }
}
