"""Thai for the English reasons the resource graph gives (edge ``via`` texts, segmentation
details, companion gaps), so a Thai message is Thai all through.

One table for every call site: ``REASONS_TH`` for fixed phrases, ``PATTERNS_TH`` for phrases
that carry a name or a port. A reason is read part by part (parts joined by ``"; "``); a part
the table does not know stays as it is (a name, a file, a plugin's reason). The English text
is never changed: it is in the evidence and in the English message as before.
"""

from __future__ import annotations

import re

#: Fixed reasons (graph/network.py, graph/queries.py, graph/routing.py).
REASONS_TH: dict[str, str] = {
    "filtering not known": "ไม่ทราบการกรองทราฟฟิก",
    "no filtering rules known": "ไม่ทราบกฎการกรองทราฟฟิก",
    "target filtering not known": "ไม่ทราบการกรองทราฟฟิกของปลายทาง",
    "rule sources not known": "ไม่ทราบต้นทางที่กฎอนุญาต",
    # a Lightsail instance's firewall as created (normalize/lightsail_ports.py)
    "the Lightsail default firewall": "ไฟร์วอลล์เริ่มต้นของ Lightsail",
    # an OpenStack port with port security off (normalize/group_lists.py, NO_PORT_SECURITY)
    "port security is off, no security group filters it": (
        "ปิด port security ไว้ ไม่มีกลุ่มความปลอดภัยใดกรองทราฟฟิก"
    ),
    "sources not known": "ไม่ทราบต้นทาง",
    "public endpoint": "มี endpoint สาธารณะ",
    "no public endpoint": "ไม่มี endpoint สาธารณะ",
    "public exposure not known": "ไม่ทราบว่าเปิดสู่สาธารณะหรือไม่",
    "public exposure of the instances it launches not known": (
        "ไม่ทราบว่าอินสแตนซ์ที่สร้างขึ้นเปิดสู่สาธารณะหรือไม่"
    ),
    "public access not known": "ไม่ทราบว่าเปิดให้สาธารณะเข้าถึงหรือไม่",
    "public IP SKU not known": "ไม่ทราบ SKU ของ public IP",
    "subnet assigns public IPs": "subnet กำหนด public IP ให้โดยอัตโนมัติ",
    "private subnet": "อยู่ใน subnet ส่วนตัว",
    "not publicly addressable": "ไม่มีที่อยู่สาธารณะ",
    "no internet gateway found for its network": "ไม่พบ internet gateway ของเครือข่าย",
    # "any internal address" across networks (graph/network.py _within_networks)
    "the network of what it reaches is not known": "ไม่ทราบเครือข่ายของปลายทาง",
    # a CloudFront distribution's VPC origin (graph/network.py _vpc_origins)
    "forwards (VPC origin)": "ส่งต่อผ่าน VPC origin",
    "it admits CloudFront's origin-facing prefix list": (
        "ปลายทางอนุญาต prefix list origin-facing ของ CloudFront"
    ),
    # CloudFront's origin-facing list admitted, a VPC origin's target not known
    # (graph/network.py _unplaced_vpc_origins)
    "a VPC origin of the distribution whose target is not known may be it": (
        "VPC origin ของ distribution ที่ไม่ทราบปลายทางอาจส่งต่อมาที่นี่"
    ),
    "it admits CloudFront's VPC origins security group": (
        "ปลายทางอนุญาต security group ของ VPC origin ของ CloudFront"
    ),
    "forwards (custom origin)": "ส่งต่อผ่าน custom origin",
    # any CloudFront distribution (graph/network.py _any_distribution)
    "any AWS account may create a distribution whose custom origin is a public address": (
        "บัญชี AWS ใดก็สร้าง distribution ที่มี custom origin เป็นที่อยู่สาธารณะได้"
    ),
    "it checks no header a distribution adds": (
        "ปลายทางไม่ได้ตรวจ header ที่ distribution เพิ่มเข้ามา"
    ),
    "its listeners are not in the scan (one forwarding without a header check lets any "
    "distribution in)": (
        "listener ของ load balancer ไม่อยู่ในการตั้งค่าที่ตรวจ (listener ที่ส่งต่อโดยไม่ตรวจ header "
        "ทำให้ distribution ใดก็เข้าถึงได้)"
    ),
    # what a scan could not read (graph/scope.py gaps: "<where>: <reason>")
    "not available": "ไม่มีข้อมูล",
    "not assessed": "ไม่ได้ประเมิน",
    "remote source: not downloaded": "โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา",
    "module calls itself": "โมดูลเรียกตัวเอง",
    "no Terraform files in the module folder": "ไม่มีไฟล์ Terraform ในโฟลเดอร์ของโมดูล",
    "count/for_each not known statically": "ไม่ทราบค่า count/for_each จากไฟล์โดยตรง",
    # Google Cloud (graph/defaults.py, graph/network.py, graph/google_lb.py)
    "the default network is created with default-allow-ssh (0.0.0.0/0, port 22), "
    "default-allow-rdp (0.0.0.0/0, port 3389), default-allow-icmp (0.0.0.0/0) and "
    "default-allow-internal (10.128.0.0/9, every port) unless removed": (
        "เครือข่าย default ถูกสร้างพร้อมกฎ default-allow-ssh (0.0.0.0/0 พอร์ต 22), "
        "default-allow-rdp (0.0.0.0/0 พอร์ต 3389), default-allow-icmp (0.0.0.0/0) และ "
        "default-allow-internal (10.128.0.0/9 ทุกพอร์ต) เว้นแต่จะถูกลบออก"
    ),
    "it names no project (the provider's), which is not in the scan": (
        "ไม่ได้ระบุโปรเจกต์ (จึงใช้โปรเจกต์ของ provider) ซึ่งไม่อยู่ในการตั้งค่าที่ตรวจ"
    ),
    "its project is not in the scan": "โปรเจกต์ของทรัพยากรไม่อยู่ในการตั้งค่าที่ตรวจ",
    "internal forwarding rules only": "มีเพียง forwarding rule ภายใน",
    # a Google backend service's request logs and Cloud Armor policy
    # (normalize/terraform/google_proxies.py)
    "a backend bucket": "เป็น backend bucket",
    "a backend bucket of an external Application Load Balancer: its requests are always "
    "logged": "เป็น backend bucket ของ Application Load Balancer ภายนอก: คำขอถูกบันทึกเสมอ",
    "log_config not known": "ไม่ทราบ log_config",
    "no log_config block (log_config.enable defaults to false)": (
        "ไม่มีบล็อก log_config (ค่าเริ่มต้นของ log_config.enable คือ false)"
    ),
    "log_config.enable not written (defaults to false)": (
        "ไม่ได้กำหนด log_config.enable (ค่าเริ่มต้นคือ false)"
    ),
    "log_config.enable not known": "ไม่ทราบค่า log_config.enable",
    "log_config.sample_rate = 0 (no request reported)": (
        "log_config.sample_rate = 0 (ไม่มีคำขอใดถูกบันทึก)"
    ),
    "security_policy set": "กำหนด security_policy แล้ว",
    "security_policy not known": "ไม่ทราบค่า security_policy",
    "security_policy not set": "ไม่ได้กำหนด security_policy",
    "its instances differ": "แต่ละ instance ให้ค่าต่างกัน",
}

#: Reasons with a name or a port in them, tried in order (the more specific first).
PATTERNS_TH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), thai)
    for pattern, thai in (
        # graph/queries.py _azure_services: the "Allow Azure services" rule
        (
            r"any address on port\(s\) (\S+) \((.+) admits all Azure services: any client "
            r"hosted in Azure, other customers' included\)",
            "ที่อยู่ใดก็ได้ ทางพอร์ต {0} ({1} อนุญาตบริการ Azure ทั้งหมด: ไคลเอนต์ใดก็ได้ที่อยู่ใน Azure "
            "รวมถึงของลูกค้ารายอื่น)",
        ),
        (r"any address on port\(s\) (.+)", "ที่อยู่ใดก็ได้ ทางพอร์ต {0}"),
        # a module known to declare no resource whose call may install a later release
        # (load/terraform/known_modules.unread_versions)
        (
            r'version "(.+)" admits releases after (\S+), the newest known to declare no '
            r"resource",
            'เวอร์ชัน "{0}" ยอมรับรุ่นที่ออกหลัง {1} ซึ่งเป็นรุ่นล่าสุดที่ทราบว่าไม่ได้ประกาศทรัพยากรใด',
        ),
        (
            r"no release pinned: a release after (\S+), the newest known to declare no "
            r"resource, may be installed",
            "ไม่ได้ระบุรุ่นที่แน่นอน: อาจติดตั้งรุ่นที่ออกหลัง {0} "
            "ซึ่งเป็นรุ่นล่าสุดที่ทราบว่าไม่ได้ประกาศทรัพยากรใด",
        ),
        (r"any pod of the cluster on port\(s\) (.+)", "พ็อดใดก็ได้ในคลัสเตอร์ ทางพอร์ต {0}"),
        (
            r"address range (.+), which holds internet-facing (.+)",
            "ช่วงที่อยู่ {0} ซึ่งมี {1} ที่เข้าถึงได้จากอินเทอร์เน็ต",
        ),
        (
            r"address range (.+), which may hold internet-facing (.+)",
            "ช่วงที่อยู่ {0} ซึ่งอาจมี {1} ที่เข้าถึงได้จากอินเทอร์เน็ต",
        ),
        # normalize/terraform/google_proxies.py: a backend's Cloud Armor policy not known
        (
            r"security_policy is set from an input \((.+)\) whose value is not in the scan",
            "security_policy กำหนดจากค่านำเข้า ({0}) ซึ่งไม่มีค่าในชุดที่ตรวจ",
        ),
        (
            r"security_policy names (.+), which is not in the scan",
            "security_policy อ้างถึง {0} ซึ่งไม่อยู่ในชุดที่ตรวจ",
        ),
        # normalize/terraform/google_memorystore.py: a Memorystore network not in the scan
        (r"(.+) names no network of the scan", "{0} ไม่ได้ระบุเครือข่ายที่อยู่ในชุดที่ตรวจ"),
        (
            r"(\S+) has no automatic endpoints \((\S+)\): its Private Service Connect "
            r"endpoints are made outside it",
            "{0} ไม่มี endpoint อัตโนมัติ ({1}) endpoint แบบ Private Service Connect "
            "จึงสร้างจากภายนอก",
        ),
        (
            r"(\S+) writes no (\S+): the project's default network, which is not in the scan",
            "{0} ไม่ได้กำหนด {1} จึงใช้เครือข่าย default ของโปรเจกต์ซึ่งไม่อยู่ในชุดที่ตรวจ",
        ),
        (r"public IP of (.+) not known", "ไม่ทราบ public IP ของ {0}"),
        (r"public IP of (.+)", "public IP ของ {0}"),
        (r"public IP (.+)", "มี public IP {0}"),
        (r"allowed by (.+)", "อนุญาตโดย {0}"),
        (r"routes of route table (.+) not known", "ไม่ทราบเส้นทางของ route table {0}"),
        (r"entries of network ACL (.+) not known", "ไม่ทราบรายการของ network ACL {0}"),
        (
            r"network ACL (.+) of subnet (.+) blocks (.+)",
            "network ACL {0} ของ subnet {1} ปิดกั้น {2}",
        ),
        (r"which subnet of (.+) is meant is not known", "ไม่ทราบว่าหมายถึง subnet ใดของ {0}"),
        # graph/azure.py: the NSG layers of an Azure VM's way in (GDCC-NET-001)
        (r"the subnet of (.+) is not in the scan", "subnet ของ {0} ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        (r"a subnet of (.+) is not in the scan", "subnet หนึ่งของ {0} ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        (
            r"the network security group of subnet (\S+) of (.+) is not known",
            "ไม่ทราบ network security group ของ subnet {0} ของ {1}",
        ),
        (
            r"the network security group of (.+) is not in the scan",
            "network security group ของ {0} ไม่อยู่ในการตั้งค่าที่ตรวจ",
        ),
        (
            r"which of (.+) is associated with (.+) is not known",
            "ไม่ทราบว่า {0} รายการใดผูกกับ {1}",
        ),
        (
            r"a network security group may be associated with (.+) in a part of the "
            r"configuration not scanned",
            "อาจมี network security group ผูกกับ {0} ในส่วนของการตั้งค่าที่ไม่ได้สแกน",
        ),
        (
            r"the rules of network security group (.+) are not known",
            "ไม่ทราบกฎของ network security group {0}",
        ),
        (r"(.+) allows (.+) \(no scanned subnet\)", "{0} อนุญาต {1} (ไม่มี subnet ที่สแกน)"),
        (
            r"(.+) allows (.+) \(peered or on-premises networks not known\)",
            "{0} อนุญาต {1} (ไม่ทราบเครือข่ายที่ peering หรือเครือข่าย on-premises)",
        ),
        (
            r"the sender's network is not known: it may be in (.+) or a network joined to it",
            "ไม่ทราบเครือข่ายของต้นทาง อาจอยู่ใน {0} หรือเครือข่ายที่เชื่อมกับ {0}",
        ),
        (
            r"(.+) may be joined to other networks \(a router interface, peering, transit "
            r"attachment, transit gateway route table or route names a network or hub not in "
            r"the scan\)",
            "{0} อาจเชื่อมกับเครือข่ายอื่น (router interface, peering, transit attachment, "
            "transit gateway route table หรือ route ระบุเครือข่ายหรือ hub ที่ไม่อยู่ในการตั้งค่าที่ตรวจ)",
        ),
        (
            r"the routes of (.+) are not known \(a value not known writes them\)",
            "ไม่ทราบ route ของ {0} (เขียนจากค่าที่ไม่ทราบ)",
        ),
        (r"module nesting deeper than (\d+)", "โมดูลซ้อนกันลึกเกิน {0} ชั้น"),
        # graph/queries.py: a security group of another tier a data store admits (PASS)
        (
            r"members of security group (.+), which holds internet-facing (.+) "
            r"\(a lateral path GDCC-GRAPH-005 judges\)",
            "สมาชิกของ security group {0} ซึ่งมี {1} ที่เข้าถึงได้จากอินเทอร์เน็ต "
            "(เส้นทางเคลื่อนที่ด้านข้างซึ่ง GDCC-GRAPH-005 ตรวจ)",
        ),
        (
            r"members of security group (.+), which holds (.+), which may be internet-facing "
            r"\(a lateral path GDCC-GRAPH-005 judges\)",
            "สมาชิกของ security group {0} ซึ่งมี {1} ที่อาจเข้าถึงได้จากอินเทอร์เน็ต "
            "(เส้นทางเคลื่อนที่ด้านข้างซึ่ง GDCC-GRAPH-005 ตรวจ)",
        ),
        (r"members of security group (.+)", "สมาชิกของ security group {0}"),
        # graph/queries.py: a data store in a group with a workload that may face the internet
        (
            r"the default security group of the default VPC holds (.+), which may be "
            r"internet-facing",
            "security group ค่าเริ่มต้นของ VPC ค่าเริ่มต้นมี {0} ซึ่งอาจเข้าถึงได้จากอินเทอร์เน็ต",
        ),
        (r"(.+) holds (.+), which may be internet-facing",
         "{0} มี {1} ซึ่งอาจเข้าถึงได้จากอินเทอร์เน็ต"),
        (r"members of (.+), which holds internet-facing (.+)",
         "สมาชิกของ {0} ซึ่งมี {1} ที่เข้าถึงได้จากอินเทอร์เน็ต"),
        # graph/network.py: a server's virtual network rule or private endpoint
        (r"the addresses admitted by (.+) are not known", "ไม่ทราบที่อยู่ที่ {0} ยอมรับ"),
        # graph/queries.py log_writers: why the roles that may alter a log are not known
        (
            r"permissions of (.+) not known \(a managed policy not listed, or a policy that "
            r"cannot be read\)",
            "ไม่ทราบสิทธิ์ของ {0} (managed policy ที่ไม่อยู่ในรายการ หรือ policy ที่อ่านไม่ได้)",
        ),
        (r"(\S+) given by an expression naming no resource of the scan",
         "{0} กำหนดด้วยนิพจน์ที่ไม่ได้อ้างถึงทรัพยากรใดในการตั้งค่าที่ตรวจ"),
        (r"(\S+) not known before apply", "ไม่ทราบค่า {0} ก่อน apply"),
        (r"(.+) on resources not known", "{0} บนทรัพยากรที่ไม่ทราบ"),
        (r"(.+) \(not in the scan\)", "{0} (ไม่อยู่ในการตั้งค่าที่ตรวจ)"),
        # graph/defaults.py, normalize/terraform/google.py: a default network's rules
        (r"(\S+) of the default network", "{0} ของเครือข่าย default"),
        (r"its project (.+) is not in the scan", "โปรเจกต์ {0} ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        (
            r"(.+) is created without the default network \(auto_create_network = false\), "
            r"so its rules are those of a network named default made outside the scan",
            "{0} ถูกสร้างโดยไม่มีเครือข่าย default (auto_create_network = false) "
            "กฎจึงเป็นของเครือข่ายชื่อ default ที่สร้างนอกการตั้งค่าที่ตรวจ",
        ),
        (r"external forwarding rule (.+)", "forwarding rule ภายนอก {0}"),
        (r"scheme of forwarding rule (.+) not known", "ไม่ทราบ scheme ของ forwarding rule {0}"),
        (r"forwards through backend service (.+)", "ส่งต่อผ่าน backend service {0}"),
        (r"instance template (.+) assigns public IPs", "instance template {0} กำหนด public IP"),
        (r"instance template (.+) assigns no public IP",
         "instance template {0} ไม่กำหนด public IP"),
        # any CloudFront distribution through a balancer's listeners
        # (graph/network.py _gates)
        (r"listener (\S+) forwards without a header check",
         "listener {0} ส่งต่อคำขอโดยไม่ตรวจ header"),
        (r"listener rule (\S+) forwards without a header check",
         "listener rule {0} ส่งต่อคำขอโดยไม่ตรวจ header"),
        (r"the default action of listener (\S+) is not known",
         "ไม่ทราบ default action ของ listener {0}"),
        (r"the conditions of listener rule (\S+) are not known",
         "ไม่ทราบเงื่อนไขของ listener rule {0}"),
        (r"listener rule (\S+) forwards only requests with the header (.+), and no "
         r"distribution of the scan fronts the balancer \(one outside the scan may add it\)",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} และไม่มี distribution ใดในการตั้งค่าที่ตรวจ"
         "อยู่หน้า load balancer นี้ (distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม header นี้)"),
        # the headers a distribution of the scan adds (graph/network.py _header_doubt)
        (r"listener rule (\S+) forwards only requests with the header (.+), and no "
         r"distribution of the scan adds it \(one outside the scan may\)",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} และไม่มี distribution ใดในการตั้งค่าที่ตรวจ"
         "เพิ่ม header นี้ (distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม)"),
        (r"listener rule (\S+) forwards only requests with the header (.+), and no "
         r"distribution of the scan adds its secret \(one outside the scan may\)",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} และไม่มี distribution ใดในการตั้งค่าที่ตรวจ"
         "เพิ่มค่าลับของ header นี้ (distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม)"),
        (r"listener rule (\S+) forwards only requests with the header (.+), whose value is "
         r"written in the configuration \(anyone who reads it may add it\)",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} ซึ่งค่าของ header เขียนไว้ในการตั้งค่า "
         "(ผู้ที่อ่านการตั้งค่าได้อาจเพิ่ม header นี้)"),
        (r"listener rule (\S+) forwards only requests with the header (.+), whose value is "
         r"not known to be a secret \(an input not marked sensitive may be any value\)",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} ซึ่งไม่ทราบว่าค่าของ header เป็นความลับ "
         "(input ที่ไม่ได้กำหนด sensitive อาจเป็นค่าใดก็ได้)"),
        (r"listener rule (\S+) forwards only requests with the header (.+), and the headers "
         r"(\S+) adds are not known",
         "listener rule {0} ส่งต่อเฉพาะคำขอที่มี header {1} และไม่ทราบ header ที่ {2} เพิ่มเข้าไป"),
        (r"listener rule (\S+) accepts any value of the header (.+) \(a wildcard\)",
         "listener rule {0} รับค่าใดก็ได้ของ header {1} (wildcard)"),
        (r"it adds the header (.+)", "distribution เพิ่ม header {0}"),
        (r"it adds the secret header (\S+) listener rule (\S+) asks for",
         "distribution เพิ่ม header ลับ {0} ที่ listener rule {1} ตรวจ"),
        # VPC Lattice's clients (graph/lattice.py, graph/network.py _lattice_sources)
        (r"clients in (\S+) reach it through VPC Lattice service network (\S+)",
         "ไคลเอนต์ใน {0} เข้าถึงได้ผ่าน VPC Lattice service network {1}"),
        (r"the auth policy of (\S+) decides who may call it \(auth_type AWS_IAM\)",
         "auth policy ของ {0} เป็นตัวกำหนดว่าใครเรียกใช้ได้ (auth_type AWS_IAM)"),
        (r"the auth type of (\S+) is not known", "ไม่ทราบ auth type ของ {0}"),
        (r"the security groups of (\S+) decide which of its clients may",
         "security group ของ {0} เป็นตัวกำหนดว่าไคลเอนต์ใดเข้าถึงได้"),
        (r"target group (\S+) may be used by a VPC Lattice service not in the scan",
         "target group {0} อาจถูกใช้โดย VPC Lattice service ที่ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        (r"VPC Lattice service (\S+) may be in a service network not in the scan",
         "VPC Lattice service {0} อาจอยู่ใน service network ที่ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        (r"VPC Lattice service network (\S+) may be associated with VPCs not in the scan",
         "VPC Lattice service network {0} อาจเชื่อมกับ VPC ที่ไม่อยู่ในการตั้งค่าที่ตรวจ"),
        # a security group rule naming a prefix list outside the scan
        # (normalize/prefix_lists.py)
        (r"prefix lists? (.+) (?:is|are) outside the scan \(a customer-managed list may hold "
         r"any range, 0\.0\.0\.0/0 too\)",
         "prefix list {0} อยู่นอกการตั้งค่าที่ตรวจ (list ที่ลูกค้าจัดการเองอาจมีช่วงหมายเลขไอพีใดก็ได้ "
         "รวมทั้ง 0.0.0.0/0)"),
    )
)


def _known(text: str) -> str | None:
    thai = REASONS_TH.get(text)
    if thai is not None:
        return thai
    for pattern, template in PATTERNS_TH:
        found = pattern.fullmatch(text)
        if found is not None:
            return template.format(*found.groups())
    return None


def _part(text: str) -> str:
    thai = _known(text)
    if thai is not None:
        return thai
    # "<where>: <reason>" (a module call or a file, then why it was not read): the place
    # stays as written, the reason is translated
    start = text.find(": ")
    while start != -1:
        reason = _known(text[start + 2 :])
        if reason is not None:
            return f"{text[:start]}: {reason}"
        start = text.find(": ", start + 2)
    return text


def reason_th(text: str) -> str:
    """The Thai of a graph reason (parts joined by ``"; "``); unknown parts stay as they are."""
    return "; ".join(_part(part) for part in text.split("; "))


#: The English words inside the items of a listed facet (``public_grants``,
#: ``boot_protection_off``): ``statement 1 allows everyone by ADDRESS at FILE:LINE``,
#: ``READER to allUsers by access block of ADDRESS at FILE:LINE``, ``secure boot on POOL``.
#: The head of an item (before `` by `` / `` in `` / `` at ``), tried in order, and whether
#: it needs a holder (``by ADDRESS``) to be read this way; names stay as written.
_ITEM_HEADS_TH: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    (re.compile(pattern), thai, needs_holder)
    for pattern, thai, needs_holder in (
        # a CodeBuild project's visibility (normalize/build_visibility.py)
        (
            r'(project_visibility|Visibility) "PUBLIC_READ" lets anyone read its build logs '
            r"and artifacts",
            '{0} "PUBLIC_READ" อนุญาตให้ทุกคนอ่าน log และ artifact ของการ build',
            False,
        ),
        # a Lightsail bucket's access rules (normalize/cloudformation/aws_exposure.py)
        (
            r'AccessRules\.GetObject "public" lets everyone read its objects',
            'AccessRules.GetObject "public" อนุญาตให้ทุกคนอ่าน object ของ bucket',
            False,
        ),
        (
            r"AccessRules\.AllowPublicOverrides lets single objects be made public",
            "AccessRules.AllowPublicOverrides อนุญาตให้ตั้ง object แต่ละรายการเป็นสาธารณะได้",
            False,
        ),
        # an S3 access point of the bucket (normalize/s3_access_points.py)
        (
            r"access point (\S+): its policy lets everyone read through it, with its public "
            r"access block off and a bucket policy delegating to access points",
            "access point {0}: policy ของ access point อนุญาตให้ทุกคนอ่านข้อมูลผ่าน access point นี้ "
            "โดยปิด public access block ของ access point และ bucket policy มอบสิทธิ์ให้ access point",
            False,
        ),
        (
            r"access point (\S+): its policy may let everyone read through it, with its public "
            r"access block off and a bucket policy delegating to access points",
            "access point {0}: policy ของ access point อาจอนุญาตให้ทุกคนอ่านข้อมูลผ่าน access point นี้ "
            "โดยปิด public access block ของ access point และ bucket policy มอบสิทธิ์ให้ access point",
            False,
        ),
        (
            r"(.+) may allow everyone \(principal or condition not known\)",
            "{0} อาจอนุญาตทุกคน (ไม่ทราบ principal หรือเงื่อนไข)",
            False,
        ),
        (
            r"(.+) allows everyone \(the domain is not in the scan\)",
            "{0} อนุญาตทุกคน (โดเมนไม่อยู่ในการตั้งค่าที่ตรวจ)",
            False,
        ),
        (r"(.+) allows everyone", "{0} อนุญาตทุกคน", False),
        (
            r"policy not readable \(whether the endpoint is open to everyone is not known\)",
            "อ่าน policy ไม่ได้ (ไม่ทราบว่า endpoint เปิดให้ทุกคนหรือไม่)",
            False,
        ),
        (r"policy not readable", "อ่าน policy ไม่ได้", False),
        (r"(\S+) to members not known", "{0} ให้แก่สมาชิกที่ไม่ทราบ", True),
        (r"(\S+) to (\S+)", "{0} ให้แก่ {1}", True),
        (r"(container_access_type \S+)", "{0}", True),
        (r"(secure boot|integrity monitoring|vTPM) on (\S+)", "{0} ของ {1}", False),
        (
            r"static website \(\$web container served to anyone\)",
            "static website (คอนเทนเนอร์ $web เปิดให้ทุกคนเข้าถึง)",
            False,
        ),
    )
)
#: An item: its head, then the resource that grants it (``by ADDRESS``, ``by access block of
#: ADDRESS``, ``by access_policies of ADDRESS``, ``in LOGICAL_ID``) and where
#: (``at FILE:LINE``), each optional.
_ITEM = re.compile(
    r"(?P<head>.+?)(?: (?P<by>by|in) (?:(?P<part>access block|[\w.]+) of )?(?P<holder>\S+))?"
    r"(?: at (?P<at>\S*[.:/]\S*))?"
)
_BY_TH = {"by": "โดย", "in": "ใน"}


def item_th(text: str) -> str:
    """The Thai of one item of a listed facet (``public_grants``, ``boot_protection_off``):
    the English connecting words in Thai, names, files and lines as written; an item whose
    head is not one of ``_ITEM_HEADS_TH`` stays as it is."""
    found = _ITEM.fullmatch(text)
    if found is None:
        return text
    for pattern, template, needs_holder in _ITEM_HEADS_TH:
        matched = pattern.fullmatch(found["head"])
        if matched is not None and (found["holder"] is not None or not needs_holder):
            thai = template.format(*matched.groups())
            break
    else:
        return text
    if found["holder"] is not None:
        part = f"{found['part']} ของ " if found["part"] else ""
        thai += f" {_BY_TH[found['by']]} {part}{found['holder']}"
    if found["at"] is not None:
        thai += f" ที่ {found['at']}"
    return thai
