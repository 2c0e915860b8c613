/**
 * The compute panel's instance types: the compute's own (as Azure reports them), and on AKS the cluster's read through
 * run-command and checked against its nodes; apply a new or changed type, make one the default, or (Arc) copy what
 * does it. Rules: src/domain/instanceTypes.ts and instanceTypeFit.ts; cluster access: src/azure/instanceTypes.ts.
 */
import * as vscode from 'vscode';
import { getAzureMlExtension } from '../../azure/extensionOperations';
import { getCluster } from '../../azure/inventory';
import {
    applyInstanceType,
    computeInstanceTypes,
    readInstanceTypeFits,
    setDefaultInstanceType,
} from '../../azure/instanceTypes';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { clusterKindFromId, nameFromId, parseArmId } from '../../domain/armId';
import { kubectlApplyCommand } from '../../domain/azCommands';
import type { InstanceTypeFit, WorkloadContext } from '../../domain/instanceTypeFit';
import { defaultInstanceTypeName, validateInstanceType, type InstanceType } from '../../domain/instanceTypes';
import { instanceTypeYaml } from '../../domain/instanceTypeYaml';
import { choiceFromSettings } from '../../domain/extensionSettings';
import type { ComputeInfo } from '../../domain/models';
import { explainError } from '../../ui/errorText';
import type { InitialState } from './contract';
import {
    draftInstanceType,
    rowDraft,
    type InstanceTypeDraft,
    type InstanceTypeRow,
    type InstanceTypesSection,
} from './instanceTypesContract';

export interface InstanceTypesHost {
    readonly subscription: SubscriptionContext | undefined;
    readonly compute: ComputeInfo | undefined;
    readonly state: InitialState;
    setState(state: InitialState): void;
    notice(text: string): void;
    /** Reads the compute from Azure again (not the cache) and shows it; undefined when it could not be read. */
    readComputeAgain(): Promise<ComputeInfo | undefined>;
}

function row(type: InstanceType, fit?: InstanceTypeFit): InstanceTypeRow {
    return {
        name: type.name,
        isDefault: type.isDefault,
        source: type.source,
        nodeSelector: type.nodeSelector,
        requests: type.requests,
        limits: type.limits,
        ...(fit ? { fit: { fits: fit.fittingNodes.length > 0, summary: fit.summary } } : {}),
    };
}

/** Who submits: a job of this compute tolerates the amlarc taints naming its resource group, workspace and compute. */
function workloadOf(compute: ComputeInfo, extensionNodeSelector: Record<string, string>): WorkloadContext {
    return {
        resourceGroup: parseArmId(compute.id)?.resourceGroup,
        workspaceName: compute.workspaceName,
        computeName: compute.name,
        extensionNodeSelector,
    };
}

/** The section as the compute shows it; what a check against the cluster found stays until the next check. */
export function instanceTypesOf(compute: ComputeInfo, previous?: InstanceTypesSection): InstanceTypesSection {
    const kind = compute.clusterId ? clusterKindFromId(compute.clusterId) : undefined;
    if (previous?.readFrom === 'cluster') {
        return previous;
    }
    return {
        rows: computeInstanceTypes(compute).map((type) => row(type)),
        readFrom: 'compute',
        clusterKind: kind,
        clusterName: compute.clusterId ? nameFromId(compute.clusterId) : undefined,
        extensionNodeSelector: previous?.extensionNodeSelector,
        lastChange: previous?.lastChange,
    };
}

export class PanelInstanceTypes {
    constructor(private readonly host: InstanceTypesHost) {}

    private get section(): InstanceTypesSection | undefined {
        return this.host.state.instanceTypes;
    }

    private show(section: InstanceTypesSection): void {
        this.host.setState({ ...this.host.state, instanceTypes: section });
    }

    /** AKS: the cluster's types and nodes through run-command, each type said to fit or not, and why. */
    async check(lastChange?: string): Promise<void> {
        const { subscription: sub, compute } = this.host;
        const section = this.section;
        if (!sub || !compute?.clusterId || !section || section.clusterKind !== 'aks') {
            return;
        }
        this.show({ ...section, checking: true, checkError: undefined, lastChange });
        try {
            const extensionNodeSelector = await this.extensionNodeSelector(sub, compute);
            const read = await readInstanceTypeFits(sub, compute.clusterId, workloadOf(compute, extensionNodeSelector));
            this.show({
                ...section,
                rows: read.types.map((type) => row(type, read.fits.get(type.name))),
                readFrom: 'cluster',
                checking: false,
                checkError: undefined,
                checkedAt: new Date().toISOString(),
                nodeCount: read.nodes.length,
                extensionNodeSelector,
                lastChange,
            });
        } catch (error) {
            const detail = explainError(
                error,
                vscode.l10n.t('Could not read the instance types of {0}', section.clusterName ?? ''),
            ).detail;
            this.show({ ...section, checking: false, checkError: detail, lastChange });
        }
    }

    /** AKS: kubectl apply of the form's type, after a confirmation that shows its YAML; then everything read again. */
    async apply(draft: InstanceTypeDraft): Promise<void> {
        const { subscription: sub, compute } = this.host;
        const type = draftInstanceType(draft);
        if (!sub || !compute?.clusterId || this.section?.clusterKind !== 'aks' || !this.valid(type)) {
            return;
        }
        const cluster = nameFromId(compute.clusterId);
        const apply = vscode.l10n.t('Apply');
        const answer = await vscode.window.showInformationMessage(
            vscode.l10n.t('Apply instance type {0} on {1}?', type.name, cluster),
            {
                modal: true,
                detail: vscode.l10n.t(
                    'kubectl apply -f instancetype.yaml, through Azure:\n\n{0}',
                    instanceTypeYaml(type),
                ),
            },
            apply,
        );
        if (answer !== apply) {
            return;
        }
        await this.write(sub, compute, type, type.name === defaultInstanceTypeName);
    }

    /** AKS: the named type's spec written as `defaultinstancetype`, after a confirmation. */
    async setDefault(name: string): Promise<void> {
        const { subscription: sub, compute } = this.host;
        const chosen = this.section?.rows.find((r) => r.name === name);
        if (!sub || !compute?.clusterId || !chosen || this.section?.clusterKind !== 'aks') {
            return;
        }
        const cluster = nameFromId(compute.clusterId);
        const set = vscode.l10n.t('Set as Default');
        const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Make {0} the default instance type of {1}?', name, cluster),
            {
                modal: true,
                detail: vscode.l10n.t(
                    'Jobs and deployments on {0} that name no instance type will get its resources and node selector: it is written as {1}, which the AzureML extension takes as the default. Every compute that attaches {0} shares it.',
                    cluster,
                    defaultInstanceTypeName,
                ),
            },
            set,
        );
        if (answer !== set) {
            return;
        }
        await this.write(sub, compute, draftInstanceType(rowDraft(chosen)), true);
    }

    /** The form's YAML, or the kubectl command that applies it (for Arc, where run-command does not reach). */
    async copy(draft: InstanceTypeDraft, what: 'yaml' | 'command'): Promise<void> {
        const yaml = instanceTypeYaml(draftInstanceType(draft));
        await vscode.env.clipboard.writeText(what === 'yaml' ? yaml : kubectlApplyCommand(yaml));
        this.host.notice(
            what === 'yaml'
                ? vscode.l10n.t('Copied the YAML of instance type {0}.', draft.name)
                : vscode.l10n.t('Copied the kubectl apply command of instance type {0}.', draft.name),
        );
    }

    private valid(type: InstanceType): boolean {
        const problems = validateInstanceType(type, { extensionNodeSelector: this.section?.extensionNodeSelector });
        if (problems.length > 0) {
            this.host.notice(problems.map((p) => p.reason).join(' '));
        }
        return problems.length === 0;
    }

    /**
     * Applies the type (as `defaultinstancetype` for Set as Default), reads the cluster again, and says what the
     * compute in Azure now reports. The instance-types doc's flow is apply, then submit, with no re-attach; it does
     * not say when the compute's own list in Azure follows, so the panel reads it and says what it found.
     */
    private async write(sub: SubscriptionContext, compute: ComputeInfo, type: InstanceType, asDefault: boolean) {
        const clusterId = compute.clusterId ?? '';
        const cluster = nameFromId(clusterId);
        try {
            const outcome = asDefault
                ? await setDefaultInstanceType(sub, clusterId, type)
                : await applyInstanceType(sub, clusterId, type);
            const written = asDefault ? defaultInstanceTypeName : type.name;
            const now = await this.host.readComputeAgain();
            const reported = now?.instanceTypes?.some((t) => t.name === written) ?? false;
            const said = [
                asDefault
                    ? vscode.l10n.t(
                          '{0} is now the default of {1} ({2}, written as {3}): jobs that name no instance type get its resources.',
                          type.name,
                          cluster,
                          outcome,
                          defaultInstanceTypeName,
                      )
                    : vscode.l10n.t('{0} on {1}: {2}. Jobs can name it now.', type.name, cluster, outcome),
                vscode.l10n.t('The instance-types documentation has no re-attach step after a change.'),
                reported
                    ? vscode.l10n.t('The compute in Azure reports {0} already.', written)
                    : vscode.l10n.t(
                          'The compute in Azure does not report {0} yet; the documentation does not say when it does.',
                          written,
                      ),
            ].join(' ');
            await this.check(said);
        } catch (error) {
            const title = vscode.l10n.t('Could not apply instance type {0} on {1}', type.name, cluster);
            void vscode.window.showErrorMessage(explainError(error, title).detail);
        }
    }

    private async extensionNodeSelector(
        sub: SubscriptionContext,
        compute: ComputeInfo,
    ): Promise<Record<string, string>> {
        const cluster = await getCluster(sub, compute.clusterId ?? '').catch(() => undefined);
        const extension = cluster ? await getAzureMlExtension(sub, cluster).catch(() => undefined) : undefined;
        return { ...choiceFromSettings(extension?.configurationSettings ?? {}).nodeSelector };
    }
}
