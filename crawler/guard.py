"""Network guard policy: which hosts and addresses a crawl may never reach.

By default a crawl must not touch loopback, private, link-local, CGNAT, multicast, reserved or
cloud-metadata addresses: a hostile page could otherwise point the crawler at the machine it
runs on or at its cloud's metadata service (SSRF). The check runs on the *resolved* address
(see :mod:`crawler.middlewares.network_guard`), and IP literals are read in every spelling the
C resolver accepts ("2130706433", "0x7f.1", "0177.0.0.1", "[::ffff:127.0.0.1]") because that
is what the connection will use.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
# Cloud metadata endpoints outside the link-local range (which is blocked anyway).
_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254",
))
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""  # slug: loopback | private | link_local | cgnat | metadata | ...
    address: str = ""  # the address (or name) the verdict is about

    def message(self, host: str) -> str:
        return f"{host} -> {self.address}: {self.reason.replace('_', ' ')} address refused"


ALLOWED = Verdict(True)


def classify_address(address: IPAddress) -> Verdict:
    """Why ``address`` is refused, or ``ALLOWED`` for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return classify_address(embedded)
    text = str(address)
    for reason, hit in (
        ("metadata", address in _METADATA),
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link_local", address.is_link_local),
        ("cgnat", isinstance(address, ipaddress.IPv4Address) and address in _CGNAT),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved or not address.is_global),
    ):
        if hit:
            return Verdict(False, reason, text)
    return ALLOWED


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` spells, in any form the C resolver accepts, else ``None``."""
    host = host.strip().strip("[]").rstrip(".")
    if not host:
        return None
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        pass
    try:  # inet_aton reads decimal, octal, hex and short forms: "2130706433", "0x7f.1"
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def classify_host_name(host: str) -> Verdict:
    """Refuse names that mean this machine whatever DNS says ("localhost.", "x.localhost")."""
    name = host.strip().rstrip(".").lower()
    if not name:
        return Verdict(False, "empty_host", host)
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return Verdict(False, "loopback", host)
    literal = parse_ip_literal(name)
    if literal is not None:
        return classify_address(literal)
    return ALLOWED


def classify_resolved(host: str, addresses: list[str]) -> Verdict:
    """Verdict on every address a name resolved to: one bad address refuses the host."""
    for text in addresses:
        address = parse_ip_literal(text)
        if address is None:
            return Verdict(False, "unresolvable", text)
        verdict = classify_address(address)
        if not verdict.allowed:
            return verdict
    return ALLOWED
