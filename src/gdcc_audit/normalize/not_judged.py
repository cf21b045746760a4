"""Types judged by no rule by decision, each with the reason (the result's
``not_judged_why``; the console names them). Other types in ``not_judged`` are judged by no
rule because no mapping reads them yet; these were read and no GDCC rule applies to them
(docs/iac.md, "Types no rule reads"). They stay counted in ``not_judged``: nothing in them
is claimed to pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from gdcc_audit.models.common import Text

_VPN_CONNECTION = Text(
    en="a site-to-site VPN connection: its IKE versions and tunnel ciphers are IPsec "
    "proposals, not TLS, and its tunnel logs record IKE negotiation, not users' access; no "
    "GDCC rule judges either (its pre-shared keys are judged by GDCC-SECRET-001)",
    th="การเชื่อมต่อ VPN แบบ site-to-site: เวอร์ชัน IKE และ cipher ของ tunnel เป็นข้อเสนอของ IPsec "
    "ไม่ใช่ TLS และ log ของ tunnel บันทึกการเจรจา IKE ไม่ใช่การเข้าถึงของผู้ใช้ ไม่มีกฎของ GDCC "
    "ที่ประเมินทั้งสองอย่าง (pre-shared key ประเมินโดย GDCC-SECRET-001)",
)
_EMR_SERVERLESS = Text(
    en="an EMR Serverless application takes no inbound connection (\"By default, EMR "
    "Serverless blocks inbound access to your applications\"); its network configuration "
    "only gives its workers outbound access to the VPC, which no GDCC rule judges",
    th="แอปพลิเคชัน EMR Serverless ไม่รับการเชื่อมต่อขาเข้า (โดยค่าเริ่มต้น EMR Serverless "
    "ปิดกั้นการเข้าถึงขาเข้า) การตั้งค่าเครือข่ายให้เพียง worker ออกไปยัง VPC ได้ "
    "ซึ่งไม่มีกฎของ GDCC ประเมิน",
)
_VPC_ENDPOINT = Text(
    en="a VPC endpoint's policy only narrows what callers in the VPC may already do (\"an "
    "endpoint policy does not override or replace identity-based policies or resource-based "
    "policies\"); no GDCC rule asks for that narrowing",
    th="นโยบายของ VPC endpoint เพียงจำกัดสิ่งที่ผู้เรียกใน VPC ทำได้อยู่แล้ว (นโยบายของ endpoint "
    "ไม่แทนที่นโยบายตามตัวตนหรือตามทรัพยากร) ไม่มีกฎของ GDCC ที่กำหนดให้จำกัดเช่นนั้น",
)
_EMR_NODES = Text(
    en="adds nodes to an EMR cluster whose groups, subnet and security configuration are "
    "judged on the cluster",
    th="เพิ่มโหนดให้คลัสเตอร์ EMR ซึ่ง group, subnet และ security configuration ประเมินที่คลัสเตอร์",
)
_LAYER = Text(
    en="a Lambda layer is a code package: it has no setting a GDCC rule judges; who may use "
    "it is judged on its layer version permissions",
    th="Lambda layer เป็นชุดโค้ด ไม่มีการตั้งค่าที่กฎของ GDCC ประเมิน ผู้ที่ใช้ได้ประเมินที่ "
    "permission ของ layer version",
)
_CLIENT_VPN_PARTS = Text(
    en="configures a client VPN endpoint's routes, subnets or authorization rules (which "
    "networks its users reach); no GDCC rule judges them: the endpoint's connection log is "
    "judged by GDCC-LOG-007",
    th="กำหนด route, subnet หรือ authorization rule ของ endpoint ของ client VPN (เครือข่ายที่ผู้ใช้"
    "เข้าถึงได้) ไม่มีกฎของ GDCC ประเมิน ส่วน log การเชื่อมต่อของ endpoint ประเมินโดย GDCC-LOG-007",
)

_SFN_ACTIVITY = Text(
    en="a Step Functions activity is a task list that workers poll through the Step Functions "
    "API (IAM only, no resource policy); its inputs are encrypted at rest (an AWS owned key "
    "unless its encryption configuration names a customer key), but no kind of the rule set "
    "fits a task list, so that key is not judged; the state machines that use it are",
    th="activity ของ Step Functions เป็นรายการงานที่ worker ดึงผ่าน API ของ Step Functions "
    "(ใช้ IAM เท่านั้น ไม่มี resource policy) ข้อมูลนำเข้าถูกเข้ารหัสขณะจัดเก็บ (กุญแจของ AWS "
    "เว้นแต่ encryption configuration ระบุกุญแจของลูกค้า) แต่ไม่มีประเภททรัพยากรของชุดกฎที่ตรงกับ"
    "รายการงาน จึงไม่ได้ประเมินกุญแจนั้น ส่วน state machine ที่ใช้ activity ได้รับการประเมิน",
)

_INVOKE_CONFIG = Text(
    en="configures the retries and destinations of a Lambda function's asynchronous "
    "invocations; no GDCC rule judges them: each destination (queue, topic, bus, function, "
    "bucket) is judged on its own resource",
    th="กำหนดการลองซ้ำและปลายทางของการเรียก Lambda แบบ asynchronous ไม่มีกฎของ GDCC ประเมิน "
    "ปลายทางแต่ละแห่ง (queue, topic, bus, function, bucket) ประเมินที่ทรัพยากรของตนเอง",
)
_CODE_SIGNING = Text(
    en="code signing (signing profiles, jobs, a function's code signing configuration) is "
    "asked for by no GDCC rule",
    th="การลงนามโค้ด (signing profile, signing job, code signing configuration ของฟังก์ชัน) "
    "ไม่มีกฎของ GDCC กำหนด",
)

_BASTION = Text(
    en="an Azure Bastion host is a managed remote-access gateway: its users sign in with "
    "Microsoft Entra ID and need a role on the VM, as with the session managers "
    "GDCC-GRAPH-002 advises, so the graph does not take it as an internet path to the VMs of "
    "its network; its session features (copy and paste, on by default; file copy, native "
    "client tunnelling, IP connect and shareable links, off by default: "
    "registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/bastion_host) "
    "are asked for by no GDCC rule",
    th="Azure Bastion host เป็นเกตเวย์สำหรับการเข้าถึงระยะไกลแบบ managed ผู้ใช้ลงชื่อเข้าใช้ด้วย "
    "Microsoft Entra ID และต้องมีบทบาทบน VM เช่นเดียวกับ session manager ที่ GDCC-GRAPH-002 "
    "แนะนำ กราฟจึงไม่นับเป็นเส้นทางจากอินเทอร์เน็ตไปยัง VM ในเครือข่าย ส่วนคุณสมบัติของ session "
    "(copy/paste เปิดโดยค่าเริ่มต้น การคัดลอกไฟล์ tunnelling ของ native client, IP connect และ "
    "shareable link ปิดโดยค่าเริ่มต้น) ไม่มีกฎของ GDCC กำหนด",
)

#: Type -> why no rule judges it.
DECIDED: dict[str, Text] = {
    "aws_vpn_connection": _VPN_CONNECTION,
    "AWS::EC2::VPNConnection": _VPN_CONNECTION,
    "aws_emrserverless_application": _EMR_SERVERLESS,
    "AWS::EMRServerless::Application": _EMR_SERVERLESS,
    "aws_vpc_endpoint": _VPC_ENDPOINT,
    "AWS::EC2::VPCEndpoint": _VPC_ENDPOINT,
    **dict.fromkeys(
        ("aws_emr_instance_group", "aws_emr_instance_fleet", "AWS::EMR::InstanceGroupConfig",
         "AWS::EMR::InstanceFleetConfig"),
        _EMR_NODES,
    ),
    **dict.fromkeys(
        ("aws_lambda_layer_version", "AWS::Lambda::LayerVersion",
         "AWS::Serverless::LayerVersion"),
        _LAYER,
    ),
    "aws_lambda_function_event_invoke_config": _INVOKE_CONFIG,
    "AWS::Lambda::EventInvokeConfig": _INVOKE_CONFIG,
    **dict.fromkeys(
        ("aws_lambda_code_signing_config", "aws_signer_signing_profile", "aws_signer_signing_job",
         "aws_signer_signing_profile_permission", "AWS::Lambda::CodeSigningConfig",
         "AWS::Signer::SigningProfile", "AWS::Signer::ProfilePermission"),
        _CODE_SIGNING,
    ),
    "azurerm_bastion_host": _BASTION,
    "aws_sfn_activity": _SFN_ACTIVITY,
    "AWS::StepFunctions::Activity": _SFN_ACTIVITY,
    **dict.fromkeys(
        ("aws_ec2_client_vpn_authorization_rule", "aws_ec2_client_vpn_network_association",
         "aws_ec2_client_vpn_route", "AWS::EC2::ClientVpnAuthorizationRule",
         "AWS::EC2::ClientVpnTargetNetworkAssociation", "AWS::EC2::ClientVpnRoute"),
        _CLIENT_VPN_PARTS,
    ),
}


def reasons(types: Iterable[str]) -> dict[str, Text]:
    """The reasons of the ``types`` judged by no rule by decision, sorted by type."""
    return {name: DECIDED[name] for name in sorted(types) if name in DECIDED}
