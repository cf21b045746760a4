"""The controller that serves an Ingress is the ``spec.controller`` of the scan's
IngressClass its class names (or of the one default IngressClass when it names none), not
the class name: an Ingress of class ``public`` whose IngressClass is Contour's or Kong's
serves plain HTTP beside ``tls`` (it PASSed GDCC-GRAPH-003: only the names ``contour`` /
``kong`` were known). Traefik serves an Ingress over TLS only with ``router.tls``, the AWS
Load Balancer Controller only with a certificate (``spec.tls`` alone gives an HTTP:80
listener) and HTTP listeners beside HTTPS only with ``ssl-redirect``: those PASSed too.
An ALB's scheme is its IngressClassParams' (it wins over the Ingress's annotation) and its
IngressGroup's: an Ingress annotated ``internal`` whose IngressClassParams say
``internet-facing`` PASSed GDCC-GRAPH-002."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.ingress_redirects import ingress_encrypted
from gdcc_audit.settings import Settings

DATA = """\
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
"""


def _ingress(annotations: str, class_name: str | None = None, tls: bool = True) -> str:
    named = f"\n  ingressClassName: {class_name}" if class_name else ""
    secret = "\n  tls: [{secretName: web-cert}]" if tls else ""
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: web, namespace: shop, annotations: {annotations}}}
spec:{named}{secret}
  defaultBackend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


def _class(name: str, controller: str, extra: str = "", default: bool = False) -> str:
    annotations = ' annotations: {ingressclass.kubernetes.io/is-default-class: "true"},' \
        if default else ""
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {{name: {name},{annotations}}}
spec:
  controller: {controller}{extra}
"""


def _params(name: str, spec: str, group: str = "elbv2.k8s.aws/v1beta1") -> str:
    return f"""\
---
apiVersion: {group}
kind: IngressClassParams
metadata: {{name: {name}}}
spec: {spec}
"""


_TRAEFIK = """\
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: traefik}
spec:
  selector: {matchLabels: {app: traefik}}
  template:
    metadata: {labels: {app: traefik}}
    spec:
      containers:
        - name: traefik
          image: docker.io/traefik:v3.1
          args: [--entryPoints.web.address=:8000/tcp, --providers.kubernetesingress,
                 --entryPoints.websecure.address=:8443/tcp,
                 --entryPoints.web.http.redirections.entryPoint.to=websecure]
"""
_WEBSECURE_TLS = "--entryPoints.websecure.address=:8443/tcp, --entryPoints.websecure.http.tls=true"
_CONFIG_FILE = "--entryPoints.websecure.address=:8443/tcp, --configFile=/etc/traefik/traefik.yml"
_PARAMS = "\n  parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: p}"


def _tls_status(tmp_path: Path, text: str) -> Status:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    web = next(f for f in result.findings if f.address == "Ingress/shop/web")
    return web.status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the IngressClass of the class named tells the controller (each was PASS)
        (_class("public", "projectcontour.io/ingress-controller") + _ingress("{}", "public"),
         Status.FAIL),
        (_class("edge", "ingress-controllers.konghq.com/kong") + _ingress("{}", "edge"),
         Status.FAIL),
        (_class("web", "traefik.io/ingress-controller") + _ingress("{}", "web"), Status.FAIL),
        # the deprecated annotation names the class too
        (_class("public", "projectcontour.io/contour")
         + _ingress("{kubernetes.io/ingress.class: public}"), Status.FAIL),
        # an Ingress naming no class: the one default IngressClass (was PASS)
        (_class("c", "projectcontour.io/ingress-controller", default=True) + _ingress("{}"),
         Status.FAIL),
        # two defaults: which one is not known; the reading of no class stays
        (_class("c", "projectcontour.io/ingress-controller", default=True)
         + _class("n", "k8s.io/ingress-nginx", default=True) + _ingress("{}"), Status.PASS),
        # a class named "contour" that is ingress-nginx's redirects (was FAIL)
        (_class("contour", "k8s.io/ingress-nginx") + _ingress("{}", "contour"), Status.PASS),
        # the controller's own redirect annotation decides, the other's does not
        (_class("public", "projectcontour.io/ingress-controller")
         + _ingress('{ingress.kubernetes.io/force-ssl-redirect: "true"}', "public"),
         Status.PASS),
        (_class("n", "nginx.org/ingress-controller")
         + _ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "false"}', "n"), Status.PASS),
        (_class("n", "k8s.io/ingress-nginx")
         + _ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "false"}', "n"), Status.FAIL),
        # HAProxy redirects unless told not to
        (_class("h", "haproxy.org/ingress-controller") + _ingress("{}", "h"), Status.PASS),
        (_class("h", "haproxy.org/ingress-controller/prod")
         + _ingress('{haproxy.org/ssl-redirect: "false"}', "h"), Status.FAIL),  # was PASS
        (_ingress('{haproxy.com/ssl-redirect: "false"}', "haproxy"), Status.FAIL),  # was PASS
        # a controller not known: the class name's reading (tls encrypts)
        (_class("public", "example.com/ingress") + _ingress("{}", "public"), Status.PASS),
        # not in the scan: the class name's reading
        (_ingress("{}", "public"), Status.PASS),
        # Traefik: TLS router only with router.tls (was PASS); other entry points: not known
        (_ingress("{}", "traefik"), Status.FAIL),
        (_ingress('{traefik.ingress.kubernetes.io/router.tls: "true"}', "traefik"),
         Status.PASS),
        (_ingress("{traefik.ingress.kubernetes.io/router.entrypoints: websecure}", "traefik"),
         Status.UNKNOWN),
        (_ingress("{traefik.ingress.kubernetes.io/router.entrypoints: 'web,websecure'}",
                  "traefik"), Status.FAIL),
        (_ingress("{traefik.ingress.kubernetes.io/router.tls.certresolver: le}", "traefik"),
         Status.PASS),
        # a Traefik controller of the scan redirects its web entry point: its flags decide
        # (since stop 36; UNKNOWN before): websecure without http.tls serves the router in
        # clear, with it TLS; a configuration file (not read): not known
        (_TRAEFIK + _ingress("{}", "traefik"), Status.FAIL),
        (_TRAEFIK.replace("--entryPoints.websecure.address=:8443/tcp", _WEBSECURE_TLS)
         + _ingress("{}", "traefik"), Status.PASS),
        (_TRAEFIK.replace("--entryPoints.websecure.address=:8443/tcp", _CONFIG_FILE)
         + _ingress("{}", "traefik"), Status.UNKNOWN),
        (_TRAEFIK.replace("--entryPoints.web.http.redirections.entryPoint.to=websecure", "")
         + _ingress("{}", "traefik"), Status.FAIL),
        (_ingress("{traefik.ingress.kubernetes.io/router.middlewares: web-https@kubernetescrd}",
                  "traefik"), Status.UNKNOWN),
        # ALB: spec.tls alone gives an HTTP:80 listener (was PASS)
        (_ingress("{kubernetes.io/ingress.class: alb}"), Status.FAIL),
        (_ingress("{kubernetes.io/ingress.class: alb, "
                  "alb.ingress.kubernetes.io/certificate-arn: 'arn:aws:acm:x'}", tls=False),
         Status.PASS),
        (_ingress("{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/certificate-arn:"
                  " 'arn:aws:acm:x', alb.ingress.kubernetes.io/listen-ports: "
                  "'[{\"HTTP\": 80}, {\"HTTPS\": 443}]'}"), Status.FAIL),
        (_ingress("{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/listen-ports: "
                  "'[{\"HTTP\": 80}, {\"HTTPS\": 443}]', "
                  "alb.ingress.kubernetes.io/ssl-redirect: '443'}"), Status.PASS),
        (_ingress("{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/listen-ports: "
                  "'[{\"HTTPS\": 443}]'}"), Status.PASS),
        # an IngressClass of the AWS Load Balancer Controller and its IngressClassParams
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS)
         + _params("p", "{certificateArn: ['arn:aws:acm:x']}") + _ingress("{}", "shared"),
         Status.PASS),
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS)
         + _params("p", "{sslRedirectPort: '443'}")
         + _ingress("{alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, "
                    "{\"HTTPS\": 443}]'}", "shared"), Status.PASS),
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS) + _ingress("{}", "shared"),
         Status.UNKNOWN),  # its IngressClassParams are not in the scan
        (_class("shared", "ingress.k8s.aws/alb") + _ingress("{}", "shared"), Status.FAIL),
    ],
)
def test_the_ingress_class_controller_decides_tls(
    tmp_path: Path, text: str, status: Status
) -> None:
    assert _tls_status(tmp_path, text) is status


def test_ingress_encrypted_by_controller() -> None:
    obj = {"spec": {"tls": [{"secretName": "c"}]}}
    assert ingress_encrypted(obj, "contour") is False
    assert ingress_encrypted(obj, "ingress-nginx") is True
    assert ingress_encrypted(obj, None) is True
    assert ingress_encrypted(obj, "alb") is False
    assert ingress_encrypted(obj, "alb", {"certificateArn": ["arn"]}) is True


SSH = """\
apiVersion: v1
kind: Service
metadata: {name: NAME, namespace: shop}
spec:
  selector: {app: NAME}
  ports: [{name: ssh, port: 22, targetPort: 22}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: NAME, namespace: shop}
spec:
  selector: {matchLabels: {app: NAME}}
  template:
    metadata: {labels: {app: NAME}}
    spec:
      containers:
        - {name: web, image: shop/web:1.0, ports: [{containerPort: 22}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: NAME
  namespace: shop
  annotations: ANNOTATIONS
spec:CLASS
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: NAME, port: {number: 22}}}}
"""


def _ssh(name: str, annotations: str, class_name: str | None = None) -> str:
    named = f"\n  ingressClassName: {class_name}" if class_name else ""
    return "---\n" + SSH.replace("NAME", name).replace("ANNOTATIONS", annotations) \
        .replace("CLASS", named)


def _member(name: str, annotations: str) -> str:
    """Another Ingress of a group, sending to no pod of the scan."""
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: {name}, namespace: shop, annotations: {annotations}}}
spec:
  defaultBackend: {{service: {{name: elsewhere, port: {{number: 80}}}}}}
"""


def _reach_status(tmp_path: Path, text: str, name: str = "web") -> Status:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = next(f for f in result.findings if f.address == f"Deployment/shop/{name}")
    return found.status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # IngressClassParams' scheme wins over the Ingress's annotation (was PASS)
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS)
         + _params("p", "{scheme: internet-facing}")
         + _ssh("web", "{alb.ingress.kubernetes.io/scheme: internal}", "shared"), Status.FAIL),
        # internal by its IngressClassParams (was FAIL: class "shared" was not an ALB's)
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS) + _params("p", "{scheme: internal}")
         + _ssh("web", "{}", "shared"), Status.PASS),
        # EKS Auto Mode's IngressClassParams
        (_class("auto", "eks.amazonaws.com/alb",
                "\n  parameters: {apiGroup: eks.amazonaws.com, kind: IngressClassParams, "
                "name: p}")
         + _params("p", "{scheme: internal}", "eks.amazonaws.com/v1")
         + _ssh("web", "{}", "auto"), Status.PASS),
        # named, not in the scan: it may set the scheme (was PASS)
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS)
         + _ssh("web", "{alb.ingress.kubernetes.io/scheme: internal}", "shared"),
         Status.UNKNOWN),
        # an IngressClass without parameters: the annotation decides
        (_class("shared", "ingress.k8s.aws/alb")
         + _ssh("web", "{alb.ingress.kubernetes.io/scheme: internal}", "shared"), Status.PASS),
        # the default IngressClass is the ALB's: internal by default, not known for sure
        (_class("shared", "ingress.k8s.aws/alb", default=True) + _ssh("web", "{}"),
         Status.UNKNOWN),
        # an IngressGroup: another member makes the group's ALB internet-facing (was UNKNOWN)
        (_ssh("web", "{kubernetes.io/ingress.class: alb, "
                     "alb.ingress.kubernetes.io/group.name: g}")
         + _member("api", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/group.name:"
                       " g, alb.ingress.kubernetes.io/scheme: internet-facing}"), Status.FAIL),
        (_ssh("web", "{kubernetes.io/ingress.class: alb, "
                     "alb.ingress.kubernetes.io/group.name: g}")
         + _member("api", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/group.name:"
                       " h, alb.ingress.kubernetes.io/scheme: internet-facing}"),
         Status.UNKNOWN),
        # the group of the IngressClassParams
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS) + _params("p", "{group: {name: g}}")
         + _ssh("web", "{}", "shared")
         + _member("api", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/group.name:"
                       " g, alb.ingress.kubernetes.io/scheme: internal}"), Status.PASS),
    ],
)
def test_the_alb_scheme_of_class_params_and_group(
    tmp_path: Path, text: str, status: Status
) -> None:
    assert _reach_status(tmp_path, text) is status


TERRAFORM = """\
resource "kubernetes_ingress_class_v1" "public" {
  metadata {
    name = "public"
  }
  spec {
    controller = "CONTROLLER"
  }
}

resource "kubernetes_ingress_v1" "web" {
  metadata {
    name        = "web"
    namespace   = "shop"
    annotations = ANNOTATIONS
  }
  spec {
    ingress_class_name = "public"
    tls {
      secret_name = "web-cert"
    }
    default_backend {
      service {
        name = "db"
        port {
          number = 5432
        }
      }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("controller", "annotations", "status"),
    [
        ("projectcontour.io/ingress-controller", "{}", Status.FAIL),  # was PASS
        ("projectcontour.io/ingress-controller",
         '{ "ingress.kubernetes.io/force-ssl-redirect" = "true" }', Status.PASS),
        ("k8s.io/ingress-nginx", "{}", Status.PASS),
        # an annotation whose value is not known: no PASS from it
        ("ingress-controllers.konghq.com/kong", '{ "konghq.com/protocols" = var.protocols }',
         Status.UNKNOWN),
    ],
)
def test_terraform_ingress_class_is_read_as_yaml(
    tmp_path: Path, controller: str, annotations: str, status: Status
) -> None:
    text = TERRAFORM.replace("CONTROLLER", controller).replace("ANNOTATIONS", annotations)
    (tmp_path / "main.tf").write_text(text + 'variable "protocols" {}\n', encoding="utf-8")
    (tmp_path / "db.yaml").write_text(DATA, encoding="utf-8")  # the personal data
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    web = next(f for f in result.findings if f.address == "kubernetes_ingress_v1.web")
    assert web.status is status


CONTROLLER = """\
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app: ingress-nginx}}
  template:
    metadata: {labels: {app: ingress-nginx}}
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.10.0
          args: [/nginx-ingress-controller, --configmap=$(POD_NAMESPACE)/ingress-nginx-controller
                 FLAGS]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
data: DATA
"""


def _controller(data: str, flags: str = "") -> str:
    return CONTROLLER.replace("DATA", data).replace("\n                 FLAGS", flags)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the controller's ConfigMap turns the redirect off (was PASS)
        (_controller('{ssl-redirect: "false"}') + _ingress("{}", "nginx"), Status.FAIL),
        (_controller('{ssl-redirect: "false"}')
         + _class("nginx", "k8s.io/ingress-nginx") + _ingress("{}", "nginx"), Status.FAIL),
        (_controller('{ssl-redirect: "false"}', ", --watch-ingress-without-class=true")
         + _ingress("{}"), Status.FAIL),
        (_controller('{ssl-redirect: "false"}')
         + _class("n", "k8s.io/ingress-nginx", default=True) + _ingress("{}"), Status.FAIL),
        # the Ingress asks for the redirect; the ConfigMap forces it
        (_controller('{ssl-redirect: "false"}')
         + _ingress('{nginx.ingress.kubernetes.io/ssl-redirect: "true"}', "nginx"),
         Status.PASS),
        (_controller('{ssl-redirect: "false", force-ssl-redirect: "true"}')
         + _ingress("{}", "nginx"), Status.PASS),
        (_controller('{use-forwarded-headers: "true"}') + _ingress("{}", "nginx"), Status.PASS),
        # another class: another controller serves it
        (_controller('{ssl-redirect: "false"}', ", --ingress-class=internal")
         + _ingress("{}", "nginx"), Status.PASS),
        (_controller('{ssl-redirect: "false"}') + _ingress("{}"), Status.PASS),
    ],
)
def test_the_ingress_nginx_configmap_redirect(tmp_path: Path, text: str, status: Status) -> None:
    assert _tls_status(tmp_path, text) is status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # an internet-facing ALB admitting private ranges only (was FAIL)
        (_ssh("web", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/scheme: "
                     "internet-facing, alb.ingress.kubernetes.io/inbound-cidrs: "
                     "'10.0.0.0/8, 172.16.0.0/12'}"), Status.PASS),
        (_ssh("web", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/scheme: "
                     "internet-facing, alb.ingress.kubernetes.io/inbound-cidrs: 0.0.0.0/0}"),
         Status.FAIL),
        # the IngressClassParams' inboundCIDRs win over the annotation
        (_class("shared", "ingress.k8s.aws/alb", _PARAMS)
         + _params("p", "{scheme: internet-facing, inboundCIDRs: [0.0.0.0/0]}")
         + _ssh("web", "{alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8}", "shared"),
         Status.FAIL),
        # another member of its IngressGroup admits everyone: the ALB is theirs too
        (_ssh("web", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/group.name: g,"
                     " alb.ingress.kubernetes.io/scheme: internet-facing, "
                     "alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8}")
         + _member("api", "{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/group.name:"
                          " g}"), Status.FAIL),
        # ingress-nginx's allow-list, when ingress-nginx serves the Ingress (was FAIL)
        (_class("nginx", "k8s.io/ingress-nginx")
         + _ssh("web", "{nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8}",
                "nginx"), Status.PASS),
        (_class("nginx", "k8s.io/ingress-nginx")
         + _ssh("web", "{nginx.ingress.kubernetes.io/whitelist-source-range: 'x, 10.0.0.0/8'}",
                "nginx"), Status.FAIL),
        # its controller is not known to read it
        (_ssh("web", "{nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8}",
              "public"), Status.FAIL),
    ],
)
def test_the_client_ranges_the_controller_admits(
    tmp_path: Path, text: str, status: Status
) -> None:
    assert _reach_status(tmp_path, text) is status


def _hosts(tls_hosts: str, rule_host: str, class_name: str = "nginx",
           annotations: str = "{}") -> str:
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: web, namespace: shop, annotations: {annotations}}}
spec:
  ingressClassName: {class_name}
  tls: [{{secretName: web-cert, hosts: {tls_hosts}}}]
  rules:
    - host: {rule_host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


_FORCE = '{ingress.kubernetes.io/force-ssl-redirect: "true"}'


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a rule's host no tls entry lists: Contour gives it a plain HTTP server (was PASS)
        (_hosts("[a.example.com]", "b.example.com", "contour", _FORCE), Status.FAIL),
        (_hosts("['*.example.com']", "x.b.example.com", "contour", _FORCE), Status.FAIL),
        (_hosts("['*.example.com']", "b.example.com", "contour", _FORCE), Status.PASS),
        # ingress-nginx: the certificate may name it (not in the scan) (was PASS)
        (_hosts("[a.example.com]", "b.example.com"), Status.UNKNOWN),
        # HAProxy redirects the whole Ingress
        (_hosts("[a.example.com]", "b.example.com", "haproxy"), Status.PASS),
        (_hosts("[a.example.com]", "a.example.com"), Status.PASS),
        (_hosts("['*.example.com']", "b.example.com"), Status.PASS),
        (_hosts("[]", "b.example.com"), Status.PASS),  # no hosts: the controller's default
        # a controller whose TLS is not per host (Traefik's TLS router is the Ingress's)
        (_hosts("[a.example.com]", "b.example.com", "traefik",
                '{traefik.ingress.kubernetes.io/router.tls: "true"}'), Status.PASS),
    ],
)
def test_a_host_without_tls(tmp_path: Path, text: str, status: Status) -> None:
    assert _tls_status(tmp_path, text) is status
