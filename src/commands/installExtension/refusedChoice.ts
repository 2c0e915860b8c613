import type { IActionContext, IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { refusals, type ExtensionChoice, type Refusal } from '../../domain/extensionSettings';

/** The rule a choice would break for `setting`, if any (the CLI's validator, applied as the user chooses). */
export function refusalFor(choice: ExtensionChoice, setting: Refusal['setting']): Refusal | undefined {
    return refusals(choice).find((r) => r.setting === setting);
}

/** A refused option stays in the list, marked, with the reason; the reason is its detail. */
export function markRefused<T>(item: IAzureQuickPickItem<T>, refusal: Refusal | undefined): IAzureQuickPickItem<T> {
    return refusal
        ? {
              ...item,
              label: `$(circle-slash) ${item.label}`,
              detail: vscode.l10n.t('Not allowed: {0}', refusal.message),
          }
        : item;
}

/**
 * Asks until the answer is allowed: choosing a refused option says why (modal, with where the rule comes from) and
 * asks again.
 */
export async function pickAllowed<T>(
    context: IActionContext,
    pick: () => Promise<IAzureQuickPickItem<T>>,
    refusalOf: (answer: T) => Refusal | undefined,
): Promise<T> {
    for (;;) {
        const answer = (await pick()).data;
        const refusal = refusalOf(answer);
        if (!refusal) {
            return answer;
        }
        context.telemetry.properties.refusedSetting = refusal.setting;
        await context.ui.showWarningMessage(
            vscode.l10n.t('This combination is not allowed'),
            { modal: true, detail: `${refusal.message}\n\n${vscode.l10n.t('Rule: {0}', refusal.source)}` },
            { title: vscode.l10n.t('Choose Again') },
        );
    }
}
