import type { TokenCredential } from '@azure/core-auth';
import type { CloudEndpoints } from '../domain/cloud';
import type { GraphScope } from '../azure/resourceGraph';
import { keepAlivePolicy } from '../azure/clients';
import { listSubscriptionsOf } from '../azure/subscriptionListing';
import { coalescedCredential } from './coalescedCredential';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import type { SubscriptionListing, SubscriptionSource } from './subscriptionSource';

/**
 * Sign-in through @azure/identity: the Azure CLI's login, or a service principal from the standard environment
 * variables. Both honour the configured cloud (authority host and ARM endpoint).
 */
export class CredentialSource implements SubscriptionSource {
    private credential: Promise<TokenCredential> | undefined;

    constructor(
        private readonly mode: 'azureCli' | 'environment',
        private readonly cloud: CloudEndpoints,
        private readonly env: NodeJS.ProcessEnv = process.env,
        /** Resource Graph could not list the subscriptions, so ARM did (for the log). */
        private readonly onGraphFailure?: (error: unknown) => void,
    ) {}

    private getCredential(): Promise<TokenCredential> {
        this.credential ??= import('@azure/identity').then((identity) => {
            if (this.mode === 'azureCli') {
                return coalescedCredential(new identity.AzureCliCredential());
            }
            // EnvironmentCredential forwards these options to the credential it builds from the variables; its
            // requests to Entra (discovery, then the token) share a connection as the ARM clients' do.
            return coalescedCredential(
                new identity.EnvironmentCredential({
                    authorityHost: this.cloud.activeDirectoryEndpointUrl,
                    disableInstanceDiscovery: this.cloud.isCustom,
                    additionalPolicies: [{ policy: keepAlivePolicy, position: 'perCall' }],
                } as ConstructorParameters<typeof identity.EnvironmentCredential>[0]),
            );
        });
        return this.credential;
    }

    /** Environment mode: the variables are set. CLI mode: always worth a try (the CLI knows). */
    isSignedIn(): Promise<boolean> {
        return Promise.resolve(this.mode === 'azureCli' || missingEnvironmentVariables(this.env).length === 0);
    }

    /** Nothing interactive here: sign-in is proven by listing subscriptions. */
    async signIn(): Promise<boolean> {
        await this.listSubscriptions();
        return true;
    }

    /** One credential for every subscription: the graph can be asked over all it can read before they are listed. */
    async graphScopesBeforeListing(): Promise<GraphScope[]> {
        return [{ credential: await this.getCredential(), cloud: this.cloud }];
    }

    async listSubscriptions(): Promise<SubscriptionListing> {
        const credential = await this.getCredential();
        const subscriptions = await listSubscriptionsOf(credential, this.cloud, this.onGraphFailure);
        const contexts: SubscriptionContext[] = subscriptions
            .map((s) => ({
                subscriptionId: s.subscriptionId,
                name: s.displayName,
                tenantId: s.tenantId ?? '',
                credential,
                cloud: this.cloud,
            }))
            .sort((a, b) => a.name.localeCompare(b.name));
        return { subscriptions: contexts, tenantProblems: [] };
    }
}

/** The service-principal variables EnvironmentCredential needs that are not set. */
export function missingEnvironmentVariables(env: NodeJS.ProcessEnv): string[] {
    const missing = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((name) => !env[name]);
    if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH && !env.AZURE_USERNAME) {
        missing.push('AZURE_CLIENT_SECRET');
    }
    return missing;
}
