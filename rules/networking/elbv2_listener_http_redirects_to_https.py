from typing import Any

from csmm_static.model import Graph, Resource, as_list, control, require_known


def _safe_over_http(action: Any) -> bool:
    """A redirect to HTTPS, or a fixed response that serves no application content."""
    if not isinstance(action, dict):
        require_known(action)
        return False
    kind = str(action.get("Type", "")).lower()
    if kind == "fixed-response":
        return True
    redirect = action.get("RedirectConfig")
    return (
        kind == "redirect"
        and isinstance(redirect, dict)
        and str(redirect.get("Protocol", "")).upper() == "HTTPS"
    )


def _protocol(listener: Resource, graph: Graph) -> str:
    """The listener's protocol; left out, it is HTTP on an Application Load Balancer."""
    protocol = listener.get("Protocol")
    if protocol is None:
        balancers = graph.related(listener, "AWS::ElasticLoadBalancingV2::LoadBalancer", "out")
        if any(str(b.get("Type", "application")).lower() == "application" for b in balancers):
            return "HTTP"
    return str(protocol or "").upper()


@control(
    pillar="networking",
    level=1,
    severity="high",
    subject="AWS::ElasticLoadBalancingV2::Listener",
    refs={
        "fsbp": ["ELB.1"],
        "nist_csf": ["PR.DS-02"],
        "prowler": ["elbv2_ssl_listeners"],
    },
)
def elbv2_listener_http_redirects_to_https(listener: Resource, graph: Graph) -> bool:
    """Load balancer HTTP listeners only redirect to HTTPS.

    Why it matters:
        Anything an HTTP listener forwards crosses the network in clear text: credentials,
        session cookies and personal data can be read and altered by anyone on the path.
        A redirect (or a fixed response) is the only safe thing to do on port 80.

    Remediation:
        Give the HTTP listener a single default action of `Type: redirect` with
        `RedirectConfig.Protocol: HTTPS` (and `Port: "443"`, `StatusCode: HTTP_301`) and
        serve the application from an HTTPS listener; remove forwarding listener rules
        (`AWS::ElasticLoadBalancingV2::ListenerRule`) on the HTTP listener. Terraform:
        `aws_lb_listener.default_action { type = "redirect" redirect { protocol = "HTTPS" } }`.
    """
    if _protocol(listener, graph) != "HTTP":
        return True
    actions = as_list(listener.get("DefaultActions"))
    for rule in graph.related(listener, "AWS::ElasticLoadBalancingV2::ListenerRule", "in"):
        actions.extend(as_list(rule.get("Actions")))
    return bool(actions) and all(_safe_over_http(action) for action in actions)
