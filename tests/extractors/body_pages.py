"""Hand-built seed-like pages for the body tests: a story wrapped in aggregator clutter.

``page(...)`` assembles a page from HTML pieces so each test shows exactly which clutter
it plants and where. The stories are invented; each language has enough prose for
trafilatura to find the main content.
"""

from __future__ import annotations

from extractors.body import Body, extract_body
from extractors.lexicon import DEFAULT_LEXICON, Lexicon
from extractors.options import ExtractOptions
from extractors.parsing import parse_html

STORY = {
    "en": [
        "Police use of cameras made by foreign firms should be at least as concerning as any "
        "other security issue, the surveillance watchdog said on Tuesday in a new report.",
        "Forces were using the equipment despite acknowledging security and ethical concerns "
        "about the suppliers, the commissioner told reporters after the survey was published.",
        "The survey, sent to every police force last June, asked about the cameras, drones and "
        "body-worn video that officers rely on in their daily work across the country.",
        "Thirty-six forces responded, and the replies showed that large amounts of equipment "
        "were in use about which there have been serious questions for several years.",
        "The national police council said safeguards were in place and that every force would "
        "review its suppliers against the new government guidance before the end of the year.",
    ],
    "zh": [
        "走进城南街道的社区食堂，饭菜的香味扑面而来。每天中午，不少附近的老人都会结伴来这里吃午饭，"
        "一荤两素一汤，六十岁以上老人只需支付十二元。",
        "街道办事处负责人介绍，社区食堂去年底开始试运营，由街道提供场地，引入专业餐饮企业管理，"
        "目前每天接待就餐老人约两百人，周末也照常营业。",
        "为了让老人吃得更健康，食堂在菜品上下了不少功夫，每周都会根据老人的意见调整菜单，"
        "并请营养师定期检查饭菜的搭配。",
        "七十六岁的张大爷说，以前一个人在家做饭经常凑合一顿，现在有荤有素，还能和老伙计们聊聊天，"
        "日子过得更有滋味了。",
        "据了解，今年全区计划再新建十个社区食堂，覆盖更多老旧小区，让更多老人在家门口吃上放心饭。",
    ],
    "de": [
        "Die Freibäder der Stadt haben in diesem Sommer so viele Gäste gezählt wie noch nie. "
        "Nach Angaben der Bäderbetriebe kamen bis Ende August mehr als 480.000 Besucher.",
        "Grund seien vor allem die vielen heißen Tage im Juli, aber auch die verlängerten "
        "Öffnungszeiten am Abend, sagte eine Sprecherin der Bäderbetriebe am Montag.",
        "An einigen Wochenenden mussten die Kassen zeitweise schließen, weil die Bäder voll "
        "waren und die Aufsicht nicht mehr alle Becken im Blick behalten konnte.",
        "Nicht alle Gäste sind mit den geplanten Änderungen einverstanden. In sozialen Netzwerken "
        "beklagen einige Stammgäste, dass spontane Besuche künftig schwieriger würden.",
        "Für die kommende Saison sucht das Unternehmen noch Personal für die Aufsicht und den "
        "Kassendienst, die Bewerbungsfrist läuft bis zum Ende des Monats.",
    ],
    "es": [
        "Los mercados municipales de la ciudad han puesto en marcha un servicio conjunto de venta "
        "a domicilio con el que pretenden atraer a nuevos clientes y competir con las grandes "
        "superficies.",
        "Los vecinos pueden hacer su pedido por teléfono o a través de una página web, y recibirlo "
        "en casa el mismo día si lo realizan antes de las doce del mediodía.",
        "La iniciativa ha contado con una ayuda municipal de treinta mil euros para comprar dos "
        "furgonetas eléctricas y desarrollar la plataforma de pedidos de los comerciantes.",
        "Los comerciantes esperan que el servicio ayude también a frenar el cierre de puestos, que "
        "se ha acelerado en la última década en casi todos los barrios de la ciudad.",
        "La asociación de comerciantes calcula que el servicio podría llegar a repartir más de "
        "mil pedidos cada semana cuando esté plenamente en marcha el próximo año.",
    ],
    "fr": [
        "La ville a inauguré samedi un nouveau parc de six hectares sur une ancienne friche "
        "industrielle, au bord du canal, après trois années de travaux et de concertation.",
        "Le parc compte plus de deux mille arbres, une aire de jeux, un jardin partagé et une "
        "promenade le long de l'eau ouverte aux piétons et aux cyclistes.",
        "Les habitants du quartier réclamaient depuis longtemps un espace vert de cette taille, "
        "a rappelé la maire lors de la cérémonie d'ouverture devant plusieurs centaines de "
        "personnes.",
        "Le chantier a coûté onze millions d'euros, financés en partie par la région et par un "
        "fonds européen destiné à la reconversion des sites industriels abandonnés.",
        "Une deuxième tranche de travaux doit commencer l'an prochain pour relier le parc au "
        "centre-ville par une passerelle au-dessus du canal.",
    ],
}


def paragraphs(language: str = "en", first: int = 0, last: int | None = None) -> str:
    return "".join(f"<p>{text}</p>" for text in STORY[language][first:last])


def page(body_html: str, *, title: str = "Police use of foreign cameras criticised",
         head: str = "", language: str = "en") -> bytes:
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{title}</title>{head}</head><body>{body_html}</body></html>").encode()


def article(inner_html: str, *, title: str = "Police use of foreign cameras criticised",
            before: str = "", after: str = "", language: str = "en") -> bytes:
    """A page with ``inner_html`` as the article's content and clutter around it."""
    return page(f'{before}<div class="main"><h1>{title}</h1><div class="content">{inner_html}'
                f"</div></div>{after}", title=title, language=language)


def body_of(html: bytes, url: str = "https://news.example.com/a/1.html",
            lexicon: Lexicon = DEFAULT_LEXICON) -> Body:
    tree = parse_html(html.decode("utf-8"), 400)
    body = extract_body(tree, url, ExtractOptions(), lexicon)
    assert body is not None, "no body extracted"
    return body


def link_box(label: str, headlines: list[str], label_tag: str = "div") -> str:
    links = "".join(f'<li><a href="/a/{n}.html">{h}</a></li>' for n, h in enumerate(headlines))
    return f'<div class="box"><{label_tag}>{label}</{label_tag}><ul>{links}</ul></div>'


HEADLINES = ["Storm batters coast as thousands lose power",
             "Markets rally after central bank decision",
             "New species of frog found in rainforest",
             "Local team wins championship final"]
