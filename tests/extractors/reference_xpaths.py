"""XPath spellings that faster walks in extractors/ are held to. They live here, not in the
package, because no extraction code runs them any more: only the equivalence tests do."""

from __future__ import annotations

from lxml import etree

# structure_lists: the lists and headings read from <body>.
LISTS = etree.XPath("//body//ul[li] | //body//ol[li]")
HEADINGS = etree.XPath("//body//h2 | //body//h3 | //body//h4 | //body//h5 | //body//h6")
# structure_page: the menu links, found now from the metadata walk's landmarks.
MENU_LINKS = etree.XPath("//body//nav//a//text()"
                         " | //body/descendant::*/@role[. = 'navigation']/..//a//text()",
                         smart_strings=False)
