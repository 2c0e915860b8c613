/** The shapes of the emulated world: the fixture format (`fixtures/default.json`) and the records the state keeps. */

import type { RoleDefinitionRecord } from './builtinRoles';
import type { TenantRecord, UserRecord } from './directory';
import type { FaultConfig } from './faults';

export type Json = Record<string, unknown>;

export interface ArmResource extends Json {
    id: string;
    name: string;
    type: string;
    location?: string;
    properties?: Json;
    identity?: Json;
}

export interface SubscriptionRecord {
    subscriptionId: string;
    displayName: string;
    state?: string;
    tags?: Record<string, string>;
    /** The tenant the subscription trusts; the fixture's home tenant when absent. */
    tenantId?: string;
}

export interface ResourceGroupRecord {
    subscriptionId: string;
    name: string;
    location: string;
}

export interface FixtureRoleAssignment {
    /** GUID name of the assignment. */
    name: string;
    scope: string;
    /** Role GUID or full role definition id. */
    roleDefinitionId: string;
    principalId: string;
    principalType?: string;
    description?: string;
}

export interface Fixture {
    /** The home tenant: the service principal's, and the subscriptions' unless they name another. */
    tenant: TenantRecord;
    /** More tenants, for people who belong to several. */
    tenants?: TenantRecord[];
    servicePrincipal: { clientId: string; objectId: string; clientSecret: string; displayName?: string };
    /** People who sign in interactively (authorization code, refresh token). */
    users?: UserRecord[];
    principals?: { objectId: string; displayName?: string; type?: string }[];
    subscriptions: SubscriptionRecord[];
    resourceGroups?: ResourceGroupRecord[];
    roleDefinitions?: RoleDefinitionRecord[];
    roleAssignments?: FixtureRoleAssignment[];
    resources: Json[];
    /** Kubernetes namespaces per cluster ARM id. */
    namespaces?: Record<string, string[]>;
    /** Unhealthy AzureML extension pods per cluster ARM id (healthy pods follow from the extension). */
    podIssues?: Record<string, PodIssue[]>;
    /** InstanceType resources (`amlarc.azureml.com/v1alpha1`) per cluster ARM id: `{ metadata: { name }, spec }`. */
    instanceTypes?: Record<string, Json[]>;
    /** Kubernetes nodes (core/v1 Node) per cluster ARM id, instead of those its agent pools or node count give. */
    nodes?: Record<string, Json[]>;
    faults?: FaultConfig;
}

export interface Operation {
    id: string;
    kind: 'create' | 'update' | 'delete';
    resourceId: string;
    subscriptionId: string;
    location: string;
    status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
    startTime: string;
    endTime?: string;
    readyAt: number;
    error?: { code: string; message: string };
}

/** A cluster extension's long-running operation (providers/kubernetesConfigurationOperations.ts). */
export interface ExtensionOperation {
    id: string;
    kind: 'create' | 'update' | 'delete';
    extensionId: string;
    status: 'InProgress' | 'Succeeded' | 'Failed';
    startTime: string;
    endTime?: string;
    readyAt: number;
    /** The write carried protected settings (a PUT always does): the relay server reads them again. */
    protectedSettingsWritten?: boolean;
    /** The chart's health check item that failed (kubectlConfigMaps.ts reports it). */
    healthCheck?: { item: string; detail: string };
    error?: { code: string; message: string };
}

/** A pod of a cluster's AzureML extension that is not healthy (kubectlPods.ts), by pod name prefix. */
export interface PodIssue {
    /** The component (deployment) whose pod is affected, e.g. `aml-operator`. */
    component: string;
    reason: 'CrashLoopBackOff' | 'ImagePullBackOff' | 'Pending' | 'ContainerCreating';
    message: string;
    restartCount?: number;
    /** Last lines of the container's log. */
    logs?: string[];
    /** Warning events about the pod (reason, message). */
    events?: { reason: string; message: string; count?: number }[];
}

/** A stored InstanceType custom resource, as the Kubernetes API returns it. */
export interface InstanceTypeResource extends Json {
    apiVersion: string;
    kind: 'InstanceType';
    metadata: Json & { name: string; creationTimestamp: string };
    spec: Json;
}

export interface CommandRecord {
    id: string;
    clusterId: string;
    command: string;
    startedAt: string;
    readyAt: number;
    exitCode: number;
    logs: string;
}

/** A Trusted Access role binding's PUT or DELETE in progress. */
export interface BindingOperation {
    id: string;
    bindingId: string;
    subscriptionId: string;
    location: string;
    kind: 'write' | 'delete';
    startTime: string;
    readyAt: number;
    done: boolean;
}
