"""deploy/k8s: every overlay builds with kustomize, every manifest it makes is valid against the
Kubernetes schemas (offline, `kubernetes-validate`), and the manifests keep what the generated
README promises: non-root, read-only, probed, drained on stop, secrets only by reference
(the network policy and the metrics port: test_network.py).

One project per database (the manifests differ by database, for oidc by auth, and by redis:
one of them has it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest

from .. import kubernetes_manifests as k8s


def test_every_manifest_is_valid_for_kubernetes(manifests: dict[str, dict[str, Any]]) -> None:
    version = kubernetes_validate.latest_version()
    for kind, doc in manifests.items():
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{kind} {doc['metadata']['name']}: {error.message}")


def test_pods_run_as_the_images_user_read_only_and_without_privileges(
    project: Path, manifests: dict[str, dict[str, Any]]
) -> None:
    dockerfile = (project / "Dockerfile").read_text()
    declared = re.search(r"ARG APP_UID=(\d+)", dockerfile)
    assert declared, "the Dockerfile names its user's id"
    uid = int(declared.group(1))
    for pod in k8s.pods(manifests):
        assert pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == uid
        for container in k8s.containers(pod):
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True
            assert security["allowPrivilegeEscalation"] is False
            assert security["capabilities"]["drop"] == ["ALL"]
            assert container["resources"]["requests"] and container["resources"]["limits"]
            mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
            assert "/tmp" in mounts  # the only writable place besides the SQLite volume


def test_secrets_come_only_from_the_secret_and_config_from_the_config_map(
    manifests: dict[str, dict[str, Any]],
) -> None:
    assert "Secret" not in manifests  # created by the operator, never shipped
    config_name = manifests["ConfigMap"]["metadata"]["name"]  # with kustomize's content hash
    for pod in k8s.pods(manifests):
        for container in k8s.containers(pod):
            assert container["envFrom"] == [{"configMapRef": {"name": config_name}}]
            for variable in container["env"]:
                assert "value" not in variable, f"{variable['name']} is a literal"
                assert variable["valueFrom"]["secretKeyRef"]["key"] == variable["name"]
    config = manifests["ConfigMap"]["data"]
    assert "SECRET_KEY" not in config
    assert config["ENVIRONMENT"] == "production"


def test_redis_url_comes_from_the_secret_and_only_to_the_api(
    project: Path, manifests: dict[str, dict[str, Any]]
) -> None:
    """redis=yes: the API container reads REDIS__URL (it may hold a password) from the Secret,
    as DATABASE_URL; the migrations never need it. redis=no: nothing names Redis."""
    answers = k8s.answers_of(project)
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    (api,) = pod["containers"]
    secret = f"{answers['project_slug']}-secrets"
    reference = {"secretKeyRef": {"name": secret, "key": "REDIS__URL"}}
    if answers["redis"]:
        (redis,) = [variable for variable in api["env"] if variable["name"] == "REDIS__URL"]
        assert redis == {"name": "REDIS__URL", "valueFrom": reference}
    else:
        assert "REDIS__URL" not in k8s.env_names(api)
    migrations = list(pod["initContainers"])  # and the Job's: neither serves a request
    if "Job" in manifests:
        migrations += manifests["Job"]["spec"]["template"]["spec"]["containers"]
    assert all("REDIS__URL" not in k8s.env_names(container) for container in migrations)
    assert not [key for key in manifests["ConfigMap"]["data"] if key.startswith("REDIS")]
    readiness = (project / "deploy/k8s/base/deployment.yaml").read_text()
    assert ('"degraded"' in readiness) is answers["redis"]  # Redis down keeps the pod ready


def test_probes_and_the_drain_on_stop(manifests: dict[str, dict[str, Any]]) -> None:
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    (api,) = pod["containers"]
    probed = {
        name: api[name]["httpGet"]["path"]
        for name in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert probed == {
        "startupProbe": "/health/live",
        "livenessProbe": "/health/live",
        "readinessProbe": "/health/ready",
    }
    for name in probed:  # the kubelet's Host must pass the trusted-host check
        headers = api[name]["httpGet"]["httpHeaders"]
        assert {"name": "Host", "value": "localhost"} in headers
    assert "localhost" in manifests["ConfigMap"]["data"]["ALLOWED_HOSTS"].split(",")
    drain = int(api["lifecycle"]["preStop"]["exec"]["command"][-1])
    assert drain >= 5  # endpoints and load balancers take a few seconds to stop routing here
    assert pod["terminationGracePeriodSeconds"] > drain + k8s.GRACEFUL_TIMEOUT


def test_migrations_run_before_the_release_serves(
    project: Path, manifests: dict[str, dict[str, Any]]
) -> None:
    answers = k8s.answers_of(project)
    package = answers["package_name"]
    deployment = manifests["Deployment"]["spec"]
    (init,) = deployment["template"]["spec"]["initContainers"]
    if answers["database"] == "sqlite":
        assert deployment["replicas"] == 1 and deployment["strategy"]["type"] == "Recreate"
        assert init["command"] == ["python3", "-m", package, "migrate"]
        assert {"PersistentVolumeClaim"} <= manifests.keys()
        assert not {"Job", "HorizontalPodAutoscaler"} & manifests.keys()
        return
    job = manifests["Job"]["spec"]["template"]["spec"]
    assert job["containers"][0]["command"] == ["python3", "-m", package, "migrate"]
    assert f"python3 -m {package} migrate --check" in init["command"][-1]
    scaler = manifests["HorizontalPodAutoscaler"]["spec"]
    assert scaler["scaleTargetRef"]["name"] == manifests["Deployment"]["metadata"]["name"]
    assert scaler["minReplicas"] <= deployment["replicas"] <= scaler["maxReplicas"]
    assert manifests["PodDisruptionBudget"]["spec"]["maxUnavailable"] == 1
