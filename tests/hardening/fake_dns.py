"""A DNS resolver for guard tests: ``*.example`` names resolve to a public address.

Set as ``DNS_RESOLVER`` in the crawl child, with ``http_proxy`` pointing at the fault
server: the network guard then sees a public host (and lets it pass), while the download
really goes through the local server acting as proxy. Its redirects to loopback spellings
are what the guard must catch. Every other name resolves as usual.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred, succeed

PUBLIC_ADDRESS = "93.184.216.34"  # never contacted: the proxy carries every download


class PublicExampleResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        if name.rstrip(".").endswith(".example"):
            return succeed(PUBLIC_ADDRESS)
        return super().getHostByName(name, timeout)
