"""The one way mx_cfdi parses XML it did not write itself: PAC and SAT answers, stamped CFDI, uploaded XML.

lxml's default parser resolves entities: a ``<!ENTITY x SYSTEM "file:///...">`` in an answer would put a
file of the server into the stored data. This parser resolves no entity, loads no DTD, never goes to the
network and keeps libxml2's size limits; a document with a DOCTYPE is refused outright (SAT and the PACs
never send one).
"""

from lxml import etree


class UnsafeXmlError(ValueError):
    """The XML carries a DOCTYPE (DTD, entities): refused, nothing of it is read."""


def parser(**options):
    """A new hardened parser (lxml parsers are not shared between threads); ``options`` add, never relax."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
        **options,
    )


def fromstring(data, **options):
    """Root element of ``data`` (bytes or str); raises UnsafeXmlError on a DOCTYPE, XMLSyntaxError on bad XML."""
    if isinstance(data, str):
        data = data.encode()
    root = etree.fromstring(data, parser=parser(**options))
    if root.getroottree().docinfo.doctype:
        raise UnsafeXmlError("XML con DOCTYPE rechazado: el SAT y los PAC no envían DTD ni entidades.")
    return root
