"""A Lambda function is reached by invocations, never by a connection to a port of it: the
Lambda service runs it when the Invoke API, a function URL, an API Gateway integration, a
load balancer's lambda target group or an event source calls it. Its VPC network
interfaces carry its own outbound traffic ("The function can only access resources and the
internet through that VPC", Lambda API VpcConfig). It was reached like a host: from the
members of a security group its group admits, and from "any internal address" when its
filtering was not known (terragoat ``internet → db_app:22,80 → analysis_lambda``), so a
public web server "moved laterally" through a function no one can invoke to the database
only the function may reach (GDCC-GRAPH-005 FAIL). A path shows an invoked function as
``name (invoked)``, its hop evidence says ``edge: invocation``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")

NETWORK = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.web.id]
}
"""

FUNCTION = """\
resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.fn.id]
  }
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
"""

URL = """
resource "aws_lambda_function_url" "worker" {
  function_name      = aws_lambda_function.worker.function_name
  authorization_type = "NONE"
}
"""


def _findings(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings
            if f.status is not Status.NOT_APPLICABLE}


def test_a_host_admitted_by_the_functions_group_is_no_way_into_it(tmp_path: Path) -> None:
    """The function's group admits the public web server on 443: no connection of the web
    server reaches the function (it is invoked through the Lambda API), so the database
    that admits only the function's group is not reached (was FAIL
    ``internet → web:443 → worker:443 → db:5432``)."""
    (tmp_path / "main.tf").write_text(NETWORK + FUNCTION, "utf-8")
    assert _findings(tmp_path) == {"aws_db_instance.db": PASS}


def test_a_function_url_without_authentication_is_an_invocation(tmp_path: Path) -> None:
    """The same function with a public function URL: the internet invokes it, and it then
    reaches what its VPC placement reaches; the path says it is invoked."""
    (tmp_path / "main.tf").write_text(NETWORK + FUNCTION + URL, "utf-8")
    assert _findings(tmp_path) == {"aws_db_instance.db": (
        Status.FAIL, "a workload reachable from the internet can connect to port 5432: "
        "internet → worker (invoked) → db:5432")}
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    finding = next(f for f in result.findings if f.address == "aws_db_instance.db")
    hops = {h["label"]: h for h in finding.evidence["path_hops"]}
    assert hops["worker"]["edge"] == "invocation"
    assert hops["worker"]["via"] == ("anyone may invoke it (a function URL without "
                                     "authentication or a resource policy open to everyone)")
    assert "edge" not in hops["db"]  # a connection to its port


def test_no_internal_address_reaches_a_function(tmp_path: Path) -> None:
    """A function whose filtering is not known (no VPC configuration: terragoat's
    ``analysis_lambda``) was reached from "any internal address" on every port; a function
    in a group was reached from the members of the groups its rules admit. Neither now: the
    edges into a function are its invocations only."""
    (tmp_path / "main.tf").write_text(NETWORK + FUNCTION + """
resource "aws_lambda_function" "loose" {
  function_name = "loose"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "loose.zip"
}
""", "utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    for address in ("aws_lambda_function.worker", "aws_lambda_function.loose"):
        node = resources[address].id
        assert node not in graph.reach or dict(graph.reach.pred[node]) == {}


def test_an_api_integration_says_it_invokes_the_function() -> None:
    """An API Gateway stage invokes its integrations' functions: the hop says so (it said
    "a Lambda target", the load balancer's words)."""
    fixtures = Path(__file__).parent.parent / "fixtures" / "graph"
    result = audit([fixtures / "api_lambda" / "tf"], Settings(rule_ids=("GDCC-GRAPH-005",)))
    finding = next(f for f in result.findings if f.address == "aws_db_instance.db")
    assert finding.message.en.endswith("internet → $default:443 → api (invoked) → db:5432")
    hop = next(h for h in finding.evidence["path_hops"] if h["label"] == "api")
    assert (hop["via"], hop["edge"]) == ("invokes it (an API integration)", "invocation")
    result = audit([fixtures / "lambda_target" / "tf"], Settings(rule_ids=("GDCC-GRAPH-005",)))
    finding = next(f for f in result.findings if f.address == "aws_db_instance.db")
    hop = next(h for h in finding.evidence["path_hops"] if h["kind"] == "compute.function")
    assert hop["via"].startswith("invokes it (a Lambda target)")
