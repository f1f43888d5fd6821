"""The Atom feed of « Nouveautés »: one entry per version, linking to the statements it added or changed.

Pure Python (xml.etree): every text is escaped by the serializer, never written as markup by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .referentiel import Referentiel
from .views.nouveautes import FLUX, NOUVEAUTES, version_ancre, version_vue

ATOM = "http://www.w3.org/2005/Atom"


def _date(date: str) -> str:
    """AAAA-MM(-JJ) → an RFC 3339 instant (midnight UTC of the day, or of the month's first day)."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def atom(ref: Referentiel, site_url: str) -> str:
    """The feed, for a site published at ``site_url`` (absolute, ending with « / »)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    versions = ref.versions.versions
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    sub(feed, "id", site_url + FLUX)
    sub(feed, "title", f"{ref.meta.titre} — nouveautés")
    sub(feed, "updated", _date(versions[0].date) if versions else _date(ref.meta.date))
    sub(feed, "link", href=site_url + FLUX, rel="self", type="application/atom+xml")
    sub(feed, "link", href=site_url + NOUVEAUTES, rel="alternate", type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "La Fabrique des transitions")
    for version in versions:
        vue = version_vue(ref, version)
        entry = sub(feed, "entry")
        sub(entry, "id", f"{site_url}{NOUVEAUTES}#{version_ancre(version.version)}")
        sub(entry, "title", f"{vue.titre} du {vue.date_texte}")
        sub(entry, "updated", _date(version.date))
        sub(entry, "link", href=f"{site_url}{NOUVEAUTES}#{vue.ancre}", rel="alternate", type="text/html")
        # The content is XHTML built as elements: each statement added or changed, linked.
        content = sub(entry, "content", type="xhtml")
        div = ET.SubElement(content, "{http://www.w3.org/1999/xhtml}div")
        para = ET.SubElement(div, "{http://www.w3.org/1999/xhtml}p")
        para.text = f"{vue.resume} ({vue.bilan}.)" if vue.bilan else vue.resume
        for heading, links in (("Ajouts", vue.ajouts), ("Modifications", vue.modifications)):
            if not links:
                continue
            ET.SubElement(div, "{http://www.w3.org/1999/xhtml}p").text = f"{heading} :"
            items = ET.SubElement(div, "{http://www.w3.org/1999/xhtml}ul")
            for link in links:
                item = ET.SubElement(items, "{http://www.w3.org/1999/xhtml}li")
                anchor = ET.SubElement(item, "{http://www.w3.org/1999/xhtml}a", {"href": site_url + link.href})
                anchor.text = link.texte
                anchor.tail = f" ({link.detail})" if link.detail else None
    ET.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
