/**
 * Bad input, table-driven, for every value a person can type or the page can send: the compute name, the Kubernetes
 * namespace, a cluster's and a user-assigned identity's resource id (the "Enter a resource id..." prompts), the
 * resources "Add a resource..." keeps, and the compute panel's messages. Each invalid value is refused with a message
 * that names the rule; each valid but surprising one (odd case, another subscription, a pasted BOM) is accepted.
 *
 * "Nothing sent": these validators are pure and VS Code runs them on every keystroke, before anything else. On Enter
 * the input box also runs the step's asyncValidationTask (which asks Azure) even when validateInput refused the value;
 * ComputeNameStep and ClusterListStep check the rule again first and send nothing for an invalid value. The E2E
 * scenario test/e2e/scenarios/badInput.test.ts presses Enter on invalid names and ids and finds no request for them in
 * the emulator's request log.
 */
import * as assert from 'assert';
import { addedResourceKind } from '../../src/domain/roleGuidance';
import {
    validateClusterResourceId,
    validateComputeName,
    validateNamespace,
    validateUserAssignedIdentityId,
} from '../../src/domain/validation';
import { validateToExtensionMessage } from '../../src/webview/computePanel/contract';
import { hostileStrings } from '../fixtures/hostileStrings';
import { defaultWorld } from '../emulator/defaultWorld';

const DEV = defaultWorld.subscriptions.dev.id;
const PROD = defaultWorld.subscriptions.prod.id;
const AKS = defaultWorld.clusters.aksGpuDev.id;
const ARC = defaultWorld.clusters.arcOnprem.id;
const UAI = defaultWorld.identities.training.id;
const WS = defaultWorld.workspaces.vision.id;
const ACR = defaultWorld.registries.vision.id;
const STORAGE = defaultWorld.storageAccounts.vision.id;
const OWNER = defaultWorld.roles.owner.id;

type Validator = (value: string) => string | undefined;
/** [what it is, the input, a fragment of the message that names the rule] */
type Invalid = [string, string, RegExp];
/** [what it is, the input] */
type Valid = [string, string];

const computeNameRule = /3 to 16 characters: letters, digits and hyphens, starting with a letter/;
const namespaceRule = /at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit/;
const clusterRule =
    /Expected the resource id of an AKS or Azure Arc-enabled Kubernetes cluster, like \/subscriptions\//;
const identityRule = /Expected the resource id of a user-assigned managed identity, like \/subscriptions\//;

const label = (value: string) => {
    const shown = JSON.stringify(value);
    return shown.length > 70 ? `${shown.slice(0, 60)}…(${value.length} chars)` : shown;
};

/** Look-alikes and invisible characters placed into an otherwise valid value. */
function unicodeCases(valid: string, at: string): Invalid[] {
    const i = valid.indexOf(at);
    const swap = (replacement: string) => valid.slice(0, i) + replacement + valid.slice(i + at.length);
    return [
        ['Cyrillic а for a', swap(at.replace('a', '\u0430')), /U\+0430 \(а\), which looks like "a" but is not ASCII/],
        ['Cyrillic е for e', swap(at.replace('e', '\u0435')), /U\+0435 \(е\), which looks like "e" but is not ASCII/],
        [
            'fullwidth ｇ for g',
            swap(at.replace('g', '\uff47')),
            /U\+FF47 \(ｇ\), which looks like "g" but is not ASCII/,
        ],
        ['zero-width space', swap(`${at}\u200b`), /U\+200B, an invisible or text-direction character/],
        ['right-to-left override', swap(`\u202e${at}`), /U\+202E, an invisible or text-direction character/],
        ['zero-width joiner', swap(at.replace('-', '\u200d-')), /U\+200D, an invisible/],
        ['accented ü', swap(at.replace('u', '\u00fc')), /U\+00FC \(ü\), which is not an ASCII letter, digit or sign/],
        ['emoji', swap(`${at}\u{1f680}`), /U\+1F680/],
    ];
}

const computeNames: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ['empty', '', /^Enter a compute name \(3 to 16 characters/],
        ['spaces only', '   ', /^Enter a compute name/],
        ['tab and newline only', '\t\n', /^Enter a compute name/],
        ['too short', 'ab', /^"ab" has 2 characters; a compute name has 3 to 16/],
        ['one too long', 'a'.repeat(17), /has 17 characters/],
        ['very long', 'a'.repeat(10_000), /^"a{39}…" has 10000 characters/],
        ['leading digit', '1gpu', /^"1gpu" is not allowed; a compute name/],
        ['leading hyphen', '-gpu', /^"-gpu" is not allowed;/],
        ['trailing hyphen', 'gpu-', /^"gpu-" is not allowed;/],
        ['underscore', 'gpu_pool', /is not allowed;/],
        ['inner space', 'gpu pool', /is not allowed;/],
        ['dot', 'gpu.pool', /is not allowed;/],
        ['slash', 'gpu/pool', /is not allowed;/],
        ['path traversal', '../../x', /is not allowed;/],
        ['percent-encoded slash', 'gpu%2Fx', /is not allowed;/],
        ['tab inside', 'gpu\tpool', /U\+0009, an invisible/],
        ['non-breaking space inside', 'gpu\u00a0pool', /U\+00A0, an invisible/],
        ...unicodeCases('gpu-team', 'gpu-team'),
    ],
    valid: [
        ['uppercase (compute names allow it)', 'GPU-Pool-01'],
        ['surrounding spaces (trimmed)', '  gpu-pool  '],
        ['pasted with a BOM (trimmed)', '\ufeffgpu-pool'],
        ['exactly 16', 'a'.repeat(16)],
        ['exactly 3', 'k8s'],
        ['a word that is a JavaScript value', 'null'],
        ['another one', 'undefined'],
    ],
};

const namespaces: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ['empty', '', /^Enter a Kubernetes namespace \(at most 63/],
        ['spaces only', '  ', /^Enter a Kubernetes namespace/],
        ['uppercase', 'Team', /^"Team" is not a valid Kubernetes namespace: use at most 63 lowercase/],
        ['uppercase and underscore', 'Team_A', /is not a valid Kubernetes namespace: use at most 63/],
        ['underscore', 'team_a', /is not a valid Kubernetes namespace/],
        ['leading hyphen', '-team', /is not a valid Kubernetes namespace/],
        ['trailing hyphen', 'team-', /is not a valid Kubernetes namespace/],
        ['dot', 'team.a', /is not a valid Kubernetes namespace/],
        ['slash', 'team/a', /is not a valid Kubernetes namespace/],
        ['inner space', 'team a', /is not a valid Kubernetes namespace/],
        ['shell', 'a;rm -rf', /is not a valid Kubernetes namespace/],
        ['64 characters', 'a'.repeat(64), /^The namespace has 64 characters; a Kubernetes namespace has at most 63/],
        ['very long', 'a'.repeat(10_000), /^The namespace has 10000 characters/],
        ...unicodeCases('gpu-team', 'gpu-team'),
        ['fullwidth ｔ for t', '\uff54eam', /U\+FF54 \(ｔ\), which looks like "t" but is not ASCII/],
    ],
    valid: [
        ['one digit', '0'],
        ['63 characters', 'a'.repeat(63)],
        ['surrounding spaces (trimmed)', ' team-a '],
        ['a system namespace (valid; the wizard does not forbid it)', 'kube-system'],
    ],
};

/** Invalid resource ids shared by both id prompts, built from a valid id. */
function idCases(valid: string, name: string, rule: RegExp): Invalid[] {
    const sub = /\/subscriptions\/([^/]+)/.exec(valid)![1];
    const rg = /\/resourceGroups\/([^/]+)/.exec(valid)![1];
    const withName = (n: string) => valid.replace(new RegExp(`/${name}$`), `/${n}`);
    return [
        ['empty', '', rule],
        ['spaces only', '   ', rule],
        ['trailing slash', `${valid}/`, /^Remove the trailing "\/"/],
        ['two trailing slashes', `${valid}//`, /^Remove the trailing "\/"/],
        ['double slash inside', valid.replace('/resourceGroups/', '//resourceGroups/'), /empty part \("\/\/"\)/],
        ['double leading slash', `/${valid}`, /empty part/],
        [
            'subscription not a GUID',
            valid.replace(sub, 'not-a-guid'),
            /^"not-a-guid" is not a subscription id \(a GUID\)/,
        ],
        ['subscription GUID cut short', valid.replace(sub, sub.slice(0, -1)), /is not a subscription id/],
        [
            'subscription only',
            `/subscriptions/${sub}`,
            /^This is not a resource id: it needs the subscription, resource group/,
        ],
        ['resource group only', `/subscriptions/${sub}/resourceGroups/${rg}`, /^This is not a resource id/],
        ['no resource group', valid.replace(`/resourceGroups/${rg}`, ''), /^This is not a resource id/],
        ['type without a name', valid.replace(new RegExp(`/${name}$`), ''), /^This is not a resource id/],
        ['just a name', name, /^This is not a resource id/],
        ['very long junk', 'x'.repeat(10_000), /^This is not a resource id/],
        ['a portal address', `https://portal.azure.com/#@contoso/resource${valid}/overview`, /^This is a web address/],
        ['inner space', valid.replace(`/${name}`, `/${name} x`), /^A resource id has no spaces/],
        ['newline inside', valid.replace('/providers', '\n/providers'), /^A resource id has no spaces/],
        ['illegal character in the name', withName(`${name}$x`), /characters Azure does not allow/],
        ['markup in the name', withName('<script>'), /characters Azure does not allow/],
        ['query string', `${valid}?api-version=2024-01-01`, /characters Azure does not allow/],
        ['fragment', `${valid}#x`, /characters Azure does not allow/],
        ['name ".."', withName('..'), /cannot start or end with "\."/],
        ['name "."', withName('.'), /cannot start or end with "\."/],
        ['resource group ending with "."', valid.replace(`/${rg}/`, `/${rg}./`), /cannot start or end with "\."/],
        [
            'resource group of 91',
            valid.replace(`/${rg}/`, `/${'g'.repeat(91)}/`),
            /has 91 characters; Azure allows at most 90/,
        ],
        [
            'Cyrillic ѕ in "subscriptions"',
            valid.replace('subscriptions', '\u0455ubscriptions'),
            /U\+0455 \(ѕ\), which looks like "s"/,
        ],
        ['fullwidth slash', valid.replace('/providers', '\uff0fproviders'), /U\+FF0F \(／\), which looks like "\/"/],
        ['right-to-left override in the name', withName(`\u202e${name}`), /U\+202E, an invisible/],
        ['zero-width space at the end', `${valid}\u200b`, /U\+200B, an invisible/],
        [
            'Cyrillic о in the resource group',
            valid.replace(`/${rg}/`, `/${rg}\u043e/`),
            /U\+043E \(о\), which looks like "o"/,
        ],
    ];
}

const clusterIds: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ...idCases(AKS, 'aks-gpu-dev', clusterRule),
        ...idCases(ARC, 'arc-onprem-01', clusterRule),
        [
            'a user-assigned identity',
            UAI,
            /^This is the id of a Microsoft.ManagedIdentity\/userAssignedIdentities, not of an AKS/,
        ],
        ['a workspace', WS, /This is the id of a Microsoft.MachineLearningServices\/workspaces, not of an AKS/],
        [
            'a compute',
            `${WS}/computes/k8s-gpu`,
            /Microsoft.MachineLearningServices\/workspaces\/computes, not of an AKS/,
        ],
        [
            'a node pool',
            `${AKS}/agentPools/nodepool1`,
            /Microsoft.ContainerService\/managedClusters\/agentPools, not of/,
        ],
        [
            'the AzureML extension',
            `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
            /not of an AKS/,
        ],
        ['a fleet', AKS.replace('managedClusters', 'fleets'), /Microsoft.ContainerService\/fleets, not of an AKS/],
        ['singular type', AKS.replace('managedClusters', 'managedCluster'), /managedCluster, not of an AKS/],
        [
            'an AKS name of 64',
            AKS.replace('aks-gpu-dev', 'a'.repeat(64)),
            /The name has 64 characters; Azure allows at most 63/,
        ],
        [
            'an AKS name of 10000',
            AKS.replace('aks-gpu-dev', 'a'.repeat(10_000)),
            /has 10000 characters; Azure allows at most 63/,
        ],
        [
            'an Arc name of 261',
            ARC.replace('arc-onprem-01', 'a'.repeat(261)),
            /has 261 characters; Azure allows at most 260/,
        ],
    ],
    valid: [
        ['upper case (ARM ids are case-insensitive)', AKS.toUpperCase()],
        ['lower case', ARC.toLowerCase()],
        ['odd case keywords', AKS.replace('resourceGroups', 'RESOURCEGROUPS').replace('providers', 'Providers')],
        [
            'odd case provider and type',
            AKS.replace('Microsoft.ContainerService/managedClusters', 'microsoft.containerservice/MANAGEDCLUSTERS'),
        ],
        ['without the leading slash (as az prints some)', AKS.slice(1)],
        ['pasted with spaces and a newline around it', `  ${AKS}\n`],
        ['pasted with a BOM', `\ufeff${AKS}`],
        ['a cluster in another subscription than the workspace', ARC],
        ['AKS in another subscription', AKS.replace(DEV, PROD)],
        ['a resource group with parentheses and dots', AKS.replace('rg-aks-dev', 'rg.(aks)_dev')],
        ['a name of 63', AKS.replace('aks-gpu-dev', 'a'.repeat(63))],
    ],
};

const identityIds: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ...idCases(UAI, 'id-training', identityRule),
        ['a cluster', AKS, /^This is the id of a Microsoft.ContainerService\/managedClusters, not of a user-assigned/],
        [
            'a system-assigned identity',
            `${AKS}/providers/Microsoft.ManagedIdentity/identities/default`,
            /not of a user-assigned/,
        ],
        ['a workspace', WS, /not of a user-assigned managed identity/],
        [
            'a federated credential',
            `${UAI}/federatedIdentityCredentials/gh`,
            /userAssignedIdentities\/federatedIdentityCredentials, not of/,
        ],
        ['a name of 129', UAI.replace('id-training', 'i'.repeat(129)), /has 129 characters; Azure allows at most 128/],
    ],
    valid: [
        ['upper case', UAI.toUpperCase()],
        ['without the leading slash', UAI.slice(1)],
        // The identity prompt accepts it; the service decides whether the workspace may use it (same tenant).
        ['an identity in another subscription', UAI.replace(DEV, PROD)],
    ],
};

/** "Add a resource..." keeps registry and storage account ids only (it is a pick list; the ids are re-read on load). */
const addedResource: Validator = (id) =>
    addedResourceKind(id) ? undefined : 'Only a container registry or a storage account can be added.';
const addedResources: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ['empty', '', /Only a container registry or a storage account/],
        ['a cluster', AKS, /Only a container registry/],
        ['a workspace', WS, /Only a container registry/],
        ['a subscription (a scope Owner could be asked on)', `/subscriptions/${DEV}`, /Only a container registry/],
        ['a resource group', defaultWorld.workspaces.vision.resourceGroupId, /Only a container registry/],
        ['a blob container', `${STORAGE}/blobServices/default/containers/data`, /Only a container registry/],
        ['a registry with a trailing slash', `${ACR}/`, /Only a container registry/],
        ['a registry with a double slash', ACR.replace('/providers', '//providers'), /Only a container registry/],
        [
            'a role definition',
            `/subscriptions/${DEV}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
            /Only a container registry/,
        ],
    ],
    valid: [
        ['a registry in odd case', ACR.toUpperCase()],
        ['a storage account in another subscription', STORAGE.replace(DEV, PROD)],
    ],
};

/** What the page may send; anything else is dropped (and logged by ComputePanel). */
const panelMessage: Validator = (raw) =>
    validateToExtensionMessage(JSON.parse(raw)) ? undefined : 'dropped: not a message the page sends';
const panelMessages: { invalid: Invalid[]; valid: Valid[] } = {
    invalid: [
        ['assign naming a role', JSON.stringify({ type: 'assign', rowId: 'r', roleId: OWNER }), /dropped/],
        [
            'assign naming a scope',
            JSON.stringify({ type: 'assign', rowId: 'r', scope: `/subscriptions/${DEV}` }),
            /dropped/,
        ],
        ['assign without a row', JSON.stringify({ type: 'assign' }), /dropped/],
        ['assign with a 2001-character row id', JSON.stringify({ type: 'assign', rowId: 'r'.repeat(2001) }), /dropped/],
        [
            'a grant message',
            JSON.stringify({ type: 'grant', roleId: OWNER, scope: `/subscriptions/${DEV}` }),
            /dropped/,
        ],
        ['open a URL', JSON.stringify({ type: 'openInPortal', target: 'javascript:alert(1)' }), /dropped/],
        ['copy something not offered', JSON.stringify({ type: 'copy', kind: 'relayConnectionString' }), /dropped/],
        ['run a command', JSON.stringify({ type: 'command', command: 'workbench.action.quit' }), /dropped/],
        ['prototype pollution', '{"type":"refresh","__proto__":{"canAssign":true}}', /dropped/],
        ['an array', '[{"type":"refresh"}]', /dropped/],
        ['null', 'null', /dropped/],
    ],
    valid: [
        [
            'a row id holding markup (kept as a lookup key only)',
            JSON.stringify({ type: 'assign', rowId: '<img src=x onerror=alert(1)>' }),
        ],
    ],
};

/** [prompt, validator, cases, what every message of this prompt says (the whole rule)] */
const suites: [string, Validator, { invalid: Invalid[]; valid: Valid[] }, RegExp][] = [
    ['compute name', validateComputeName, computeNames, computeNameRule],
    ['Kubernetes namespace', validateNamespace, namespaces, namespaceRule],
    ['cluster resource id', validateClusterResourceId, clusterIds, clusterRule],
    ['user-assigned identity resource id', validateUserAssignedIdentityId, identityIds, identityRule],
    ['"Add a resource..." id', addedResource, addedResources, /./],
    ['compute panel message', panelMessage, panelMessages, /./],
];

/** Every hostile string is refused by every typed prompt (except "null" and "undefined", fine names and namespaces). */
const typedPrompts = suites.slice(0, 4);
const hostileValidNames = new Set(['null', 'undefined']);

describe('bad input', () => {
    let rejected = 0;
    let accepted = 0;

    after(() => {
        console.log(
            `      bad-input suite: ${rejected} invalid inputs rejected with their message, ${accepted} surprising valid inputs accepted`,
        );
    });

    for (const [prompt, validate, { invalid, valid }, rule] of suites) {
        describe(prompt, () => {
            for (const [what, input, message] of invalid) {
                it(`refuses ${what}: ${label(input)}`, () => {
                    const error = validate(input);
                    assert.ok(error, `accepted ${label(input)}`);
                    assert.match(error, message);
                    assert.match(error, rule, 'the message says the whole rule');
                    assert.ok(error.length < 1200, `the message stays short (${error.length})`);
                    assert.ok(!/[\u200b\u202e]/.test(error), 'the message shows invisible characters escaped');
                    rejected++;
                });
            }
            for (const [what, input] of valid) {
                it(`accepts ${what}: ${label(input)}`, () => {
                    assert.strictEqual(validate(input), undefined);
                    accepted++;
                });
            }
        });
    }

    describe('hostile strings in every typed prompt', () => {
        for (const [prompt, validate, , rule] of typedPrompts) {
            for (const { id, value } of hostileStrings) {
                const validName = /compute name|namespace/.test(prompt) && hostileValidNames.has(value);
                it(`${prompt}: ${validName ? 'accepts' : 'refuses'} ${id}`, () => {
                    if (validName) {
                        assert.strictEqual(validate(value), undefined);
                        accepted++;
                        return;
                    }
                    const error = validate(value);
                    assert.ok(error, `accepted ${label(value)}`);
                    assert.match(error, rule);
                    assert.ok(error.length < 1200, `the message stays short (${error.length})`);
                    rejected++;
                });
            }
        }
    });
});
