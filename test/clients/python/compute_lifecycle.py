"""A client of the published ARM API other than the extension: Debian's python3-azure (azure-identity 1.13.0b2,
azure-mgmt-machinelearningservices 2.0.0b1, azure-mgmt-msi, azure-mgmt-resource) lists, attaches, changes the identity
of and detaches a Kubernetes compute against the emulator. Prints each step; exits non-zero on the first failure.

Usage (REQUESTS_CA_BUNDLE = the emulator's CA): /usr/bin/python3 compute_lifecycle.py <config.json>
config: { url, tenantId, clientId, clientSecret, subscriptionId, resourceGroup, workspace, clusterId, identityId,
          computeName, apiVersion }
"""

import json
import sys

from azure.identity import ClientSecretCredential
from azure.mgmt.machinelearningservices import MachineLearningServicesMgmtClient
from azure.mgmt.machinelearningservices.models import (
    ComputeResource,
    Kubernetes,
    KubernetesProperties,
    ManagedServiceIdentity,
    UserAssignedIdentity,
)
from azure.mgmt.msi import ManagedServiceIdentityClient
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient


def step(text):
    print(f"STEP {text}", flush=True)


def main(config_path):
    with open(config_path, encoding="utf-8") as f:
        c = json.load(f)
    url = c["url"]
    # 1.13.0b2 names the switch `instance_discovery=False` (1.13.0 renamed it `disable_instance_discovery=True`).
    credential = ClientSecretCredential(
        c["tenantId"], c["clientId"], c["clientSecret"], authority=url, instance_discovery=False
    )
    common = {"base_url": url, "credential_scopes": [f"{url}/.default"]}
    subs = [s.subscription_id for s in SubscriptionClient(credential, **common).subscriptions.list()]
    step(f"subscriptions (azure-mgmt-resource default api-version): {len(subs)}")
    assert c["subscriptionId"] in subs, subs
    groups = [g.name for g in ResourceManagementClient(credential, c["subscriptionId"], **common).resource_groups.list()]
    step(f"resource groups: {', '.join(groups)}")
    msi = ManagedServiceIdentityClient(credential, c["subscriptionId"], **common)
    identities = [i.id for i in msi.user_assigned_identities.list_by_subscription()]
    step(f"user-assigned identities: {len(identities)}")
    assert any(i.lower() == c["identityId"].lower() for i in identities), identities

    ml = MachineLearningServicesMgmtClient(credential, c["subscriptionId"], api_version=c["apiVersion"], **common)
    rg, ws, name = c["resourceGroup"], c["workspace"], c["computeName"]
    workspace = ml.workspaces.get(rg, ws)
    computes = [x.name for x in ml.compute.list(rg, ws)]
    step(f"computes of {ws} at {c['apiVersion']}: {', '.join(computes)}")
    assert name not in computes, f"{name} exists already"

    attach = ComputeResource(
        location=workspace.location,
        identity=ManagedServiceIdentity(type="SystemAssigned"),
        properties=Kubernetes(
            compute_location=workspace.location,
            resource_id=c["clusterId"],
            properties=KubernetesProperties(namespace="default"),
        ),
    )
    created = ml.compute.begin_create_or_update(rg, ws, name, attach).result()
    step(f"attached {created.name}: {created.properties.provisioning_state}, identity {created.identity.type}")
    assert created.properties.provisioning_state == "Succeeded", created.properties.provisioning_state

    current = ml.compute.get(rg, ws, name)
    current.identity = ManagedServiceIdentity(
        type="UserAssigned", user_assigned_identities={c["identityId"]: UserAssignedIdentity()}
    )
    changed = ml.compute.begin_create_or_update(rg, ws, name, current).result()
    assigned = list((changed.identity.user_assigned_identities or {}).keys())
    step(f"identity changed: {changed.identity.type} {assigned}")
    assert changed.identity.type == "UserAssigned" and [a.lower() for a in assigned] == [c["identityId"].lower()]
    assert changed.properties.properties.namespace == "default", "the rest of the compute is kept"

    ml.compute.begin_delete(rg, ws, name, underlying_resource_action="Detach").result()
    left = [x.name for x in ml.compute.list(rg, ws)]
    step(f"detached; computes now: {', '.join(left)}")
    assert name not in left
    print("OK", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
