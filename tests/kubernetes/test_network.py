"""deploy/k8s: the network policy opens only what the answers need, and Prometheus scrapes
each pod's own metrics port, from the monitoring namespace, never through the Service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import kubernetes_manifests as k8s


def test_network_policy_opens_only_what_the_answers_need(
    project: Path, manifests: dict[str, dict[str, Any]]
) -> None:
    answers = k8s.answers_of(project)
    policy = manifests["NetworkPolicy"]["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    ports = {port["port"] for rule in policy["egress"] for port in rule["ports"]}
    expected = {53}
    expected |= {5432} if answers["database"] == "postgresql" else set()
    expected |= {3306} if answers["database"] == "mysql" else set()
    expected |= {443} if answers["auth"] == "oidc" else set()
    expected |= {6379} if answers["redis"] else set()  # redis=no: no way out to a Redis
    assert ports == expected | {4318}  # OTLP, to the monitoring namespace's collector only
    monitoring = [
        {"namespaceSelector": {"matchLabels": {f"{answers['project_slug']}/monitoring": "true"}}}
    ]
    assert [rule.get("to") for rule in policy["egress"] if rule["ports"][0]["port"] == 4318] == [
        monitoring
    ]
    if answers["redis"]:  # like the database: TCP to wherever REDIS__URL points
        (store,) = [rule for rule in policy["egress"] if rule["ports"][0]["port"] == 6379]
        assert store == {"ports": [{"port": 6379, "protocol": "TCP"}]}
    ingress, scrape = policy["ingress"]
    assert (scrape["ports"], scrape["from"]) == (
        [{"port": "metrics", "protocol": "TCP"}],
        monitoring,
    )
    if answers["auth"] == "none":  # nothing checks the caller: only the gateway may call
        gateway = {f"{answers['project_slug']}/gateway": "true"}
        assert ingress["from"] == [{"namespaceSelector": {"matchLabels": gateway}}]
    else:
        assert "from" not in ingress  # every caller is authenticated by the API itself
    if answers["auth"] == "oidc":  # production refuses to start without its provider
        assert {"SECURITY__ISSUER", "SECURITY__AUDIENCE"} <= manifests["ConfigMap"]["data"].keys()


def test_metrics_are_scraped_from_the_pod_never_through_the_service(
    manifests: dict[str, dict[str, Any]],
) -> None:
    pod = manifests["Deployment"]["spec"]["template"]
    (api,) = pod["spec"]["containers"]
    assert {"name": "metrics", "containerPort": 9464} in api["ports"]
    assert pod["metadata"]["annotations"]["prometheus.io/port"] == "9464"
    config = manifests["ConfigMap"]["data"]
    assert (config["METRICS__HOST"], config["METRICS__PORT"]) == ("0.0.0.0", "9464")
    assert [port["port"] for port in manifests["Service"]["spec"]["ports"]] != [9464]
    assert all(
        port.get("targetPort") != "metrics" for port in manifests["Service"]["spec"]["ports"]
    )
