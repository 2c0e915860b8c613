/**
 * The AzureML extension's pods on an AKS cluster, read through run-command (kubectl.ts), and the diagnostics a
 * support request wants. Secrets that kubectl output may carry (tokens, connection strings, keys) are redacted.
 */
import { diagnosticCommands, healthCommands, podHealth, type PodHealth } from '../domain/podHealth';
import { redactSecrets } from './errors';
import { runKubectl } from './kubectl';
import type { SubscriptionContext } from './subscriptionContext';

/** The pods of the namespace with their last events; throws with kubectl's output when it fails. */
export async function readPodHealth(
    sub: SubscriptionContext,
    clusterId: string,
    namespace?: string,
): Promise<PodHealth[]> {
    const [podsCommand, eventsCommand] = healthCommands(namespace);
    const pods = await runKubectl(sub, clusterId, podsCommand);
    if (pods.exitCode !== 0) {
        throw new Error(redactSecrets(pods.logs.trim()) || `kubectl exited with ${pods.exitCode}`);
    }
    // Without events the pods still tell their reasons.
    const events = await runKubectl(sub, clusterId, eventsCommand).catch(() => undefined);
    return podHealth(pods.logs, events?.exitCode === 0 ? events.logs : undefined);
}

/**
 * Runs the diagnostic commands one after the other and returns one text: each command, its exit code and its output,
 * redacted. A command that fails is recorded and the others still run.
 */
export async function collectDiagnostics(
    sub: SubscriptionContext,
    clusterId: string,
    unhealthyPods: readonly string[],
    header: readonly string[],
    namespace?: string,
): Promise<string> {
    const parts: string[] = [...header, ''];
    for (const command of diagnosticCommands(unhealthyPods, namespace)) {
        parts.push(`$ ${command}`);
        try {
            const result = await runKubectl(sub, clusterId, command);
            parts.push(result.logs.trimEnd(), `(exit code ${result.exitCode})`, '');
        } catch (error) {
            parts.push(`(failed: ${error instanceof Error ? error.message : String(error)})`, '');
        }
    }
    return redactSecrets(parts.join('\n'));
}
