"""Provisions and deprovisions people through the SCIM API with a third-party client library.

Uses python-scim's scim2-client (discovery, typed resources, PatchOp) and runs scim2-tester's RFC
checks against the server. Run by test/server/scim/pythonClient.test.ts against a server started for
the test; prints one JSON object per line and a final summary, and exits non-zero on any failure.

    .cache/scim-client/bin/python scripts/scim/provision.py --url http://127.0.0.1:PORT/scim/v2 --token scim_...
"""

import argparse
import json
import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import Email, Group, GroupMember, PatchOp, PatchOperation, SearchRequest, User


def report(step, ok, **data):
    print(json.dumps({"step": step, "ok": ok, **data}, default=str), flush=True)
    return ok


def provision(scim, user_name):
    """Create, find, replace, group, deactivate and delete one person; returns the failures."""
    failures = 0
    user = scim.create(User(user_name=user_name, display_name="Client Library Person",
                            emails=[Email(value=user_name, type="work", primary=True)], active=True))
    failures += not report("create user", bool(user.id), id=user.id)

    found = scim.query(User, query_parameters=SearchRequest(filter=f'userName eq "{user_name.upper()}"'))
    failures += not report("filter userName eq (any case)", found.total_results == 1, total=found.total_results)

    user.title = "Water engineer"
    replaced = scim.replace(user)
    failures += not report("replace user", replaced.title == "Water engineer", title=replaced.title)

    group = scim.create(Group(display_name="mayors", members=[GroupMember(value=user.id)]))
    failures += not report("create group with member", len(group.members or []) == 1, id=group.id)

    patch = PatchOp[User](operations=[PatchOperation[User](op=PatchOperation.Op.replace_, path="active", value=False)])
    patched = scim.modify(User, user.id, patch)
    active = patched.active if patched is not None else scim.query(User, user.id).active
    failures += not report("deactivate by PATCH", active is False, active=active)

    scim.delete(Group, group.id)
    scim.delete(User, user.id)
    gone = scim.query(User, query_parameters=SearchRequest(filter=f'userName eq "{user_name}"'))
    failures += not report("delete user", gone.total_results == 0, total=gone.total_results)
    return failures


def conformance(scim):
    """scim2-tester's checks (discovery and CRUD of every resource type); returns the failures."""
    from scim2_tester import Status, check_server

    results = check_server(scim, raise_exceptions=False)
    failed = [r for r in results if r.status in (Status.ERROR, Status.CRITICAL)]
    for result in results:
        report(f"scim2-tester: {result.title}", result not in failed, status=result.status.name,
               reason=result.reason)
    return len(failed), len(results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--user", default="library.person@lyon.example")
    args = parser.parse_args()
    http = Client(base_url=args.url, headers={"Authorization": f"Bearer {args.token}"}, timeout=30)
    scim = SyncSCIMClient(http)
    scim.discover()
    report("discover", True, resources=[r.name for r in scim.resource_types or []])
    failures = provision(scim, args.user)
    failed, total = conformance(scim)
    print(json.dumps({"summary": True, "provisioningFailures": failures, "checks": total,
                      "checkFailures": failed}), flush=True)
    sys.exit(1 if failures or failed else 0)


if __name__ == "__main__":
    main()
