import type { Workbench } from './workbench';

/** The attach command as the palette lists it. */
export const ATTACH = 'Azure ML Kubernetes: Attach Kubernetes Cluster to Workspace...';

/** The attach wizard's questions up to its checks, each known by its title or placeholder. */
export const attachSteps = {
    workspace: /Select the Azure Machine Learning workspace/,
    cluster: /Select the AKS or Azure Arc-enabled Kubernetes cluster/,
    name: /Name of the new compute target/,
    namespace: /Kubernetes namespace/,
    identity: /Managed identity for the compute/,
} as const;

export interface AttachAnswers {
    /** Left out where the wizard knows it already (started from a workspace or a cluster) and does not ask. */
    readonly workspace?: string;
    readonly cluster?: string;
    readonly name: string;
    /** `default` unless given. */
    readonly namespace?: string;
    /** Left out to stop at the identity question. */
    readonly identity?: string;
}

/**
 * Answers the attach wizard's questions as a person does, from the palette (or, `fromPalette: false`, in the wizard
 * something else opened), up to the checks or, without an identity, to the identity question.
 */
export async function answerAttach(
    wb: Workbench,
    answers: AttachAnswers,
    { fromPalette = true }: { fromPalette?: boolean } = {},
): Promise<void> {
    if (fromPalette) {
        await wb.runCommand(ATTACH);
    }
    if (answers.workspace) {
        await wb.pickItem(answers.workspace, attachSteps.workspace);
    }
    if (answers.cluster) {
        await wb.pickItem(answers.cluster, attachSteps.cluster);
    }
    // The question names the workspace the compute goes into (workspace names are letters, digits, - and _).
    const nameStep = answers.workspace
        ? new RegExp(`${attachSteps.name.source} in ${answers.workspace}`)
        : attachSteps.name;
    await wb.typeInInput(answers.name, { placeholderOrTitle: nameStep });
    await wb.typeInInput(answers.namespace ?? 'default', { placeholderOrTitle: attachSteps.namespace });
    if (answers.identity) {
        await wb.pickItem(answers.identity, attachSteps.identity);
    }
}
