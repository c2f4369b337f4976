"""Read replicas: public reads go to a replica, staff and reads after a write to the primary."""

import pytest
from django.conf import settings

from directory.models import Partner
from partners_site import routers
from tests.live_servers import development_environment, run_in_project


@pytest.fixture
def two_replicas(monkeypatch):
    monkeypatch.setattr(routers, "replicas", lambda: ["replica1", "replica2"])


def read_database():
    return routers.PrimaryReplicaRouter().db_for_read(Partner)


def test_without_replicas_everything_uses_the_primary():
    assert routers.PrimaryReplicaRouter().db_for_read(Partner) == "default"
    assert routers.PrimaryReplicaRouter().db_for_write(Partner) == "default"


def test_anonymous_reads_go_to_a_replica_and_writes_to_the_primary(two_replicas, rf):
    seen = []
    middleware = routers.PrimaryForStaffMiddleware(lambda request: seen.append(read_database()))
    for _ in range(20):
        middleware(rf.get("/en/partners/"))
    assert set(seen) <= {"replica1", "replica2"} and len(seen) == 20
    assert routers.PrimaryReplicaRouter().db_for_write(Partner) == "default"


def test_staff_read_from_the_primary(two_replicas, rf):
    seen = []
    middleware = routers.PrimaryForStaffMiddleware(lambda request: seen.append(read_database()))
    staff = rf.get("/en/admin/")
    staff.COOKIES[settings.SESSION_COOKIE_NAME] = "session"
    middleware(staff)
    middleware(rf.post("/en/admin/login/"))
    assert seen == ["default", "default"]


def test_reads_after_a_write_see_the_write(two_replicas, rf, make_partner):
    partner = make_partner()
    seen = []

    def view(request):
        seen.append(read_database())
        partner.save()
        seen.append(read_database())

    routers.PrimaryForStaffMiddleware(view)(rf.get("/en/partners/"))
    assert seen[0].startswith("replica")
    assert seen[1] == "default"
    # The next request starts afresh.
    routers.PrimaryForStaffMiddleware(lambda request: seen.append(read_database()))(
        rf.get("/en/partners/")
    )
    assert seen[2].startswith("replica")


def test_replica_urls_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASES['replica2']['HOST'])"
    )
    replicas = "postgres://reader@replica-a/partners, postgres://reader@replica-b/partners"
    result = run_in_project(["-c", code], development_environment(DATABASE_REPLICA_URLS=replicas))
    assert result.stdout.split() == ["['default',", "'replica1',", "'replica2']", "replica-b"]
