"""The home page diagram: the actors around their common expectations.

All the geometry is computed here (positions, sizes, corner radius, where each
count sits); ``accueil.html`` only copies the numbers into the SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..referentiel import Referentiel
from ..francais import accord, milliers, pluriel
from .routes import attentes_communes_href, attentes_envers, paire_href, paire_titre, paires
from .statements import ActeurLien, Lien, acteur_lien

NODE_WIDTH = 230  # actor boxes, at least (a word longer than its box widens every box)
NODE_PADDING = 8  # between a box's edge and its text
NODE_CORNER = 12  # their corner radius
NODE_MARGIN = 4  # between a box and the edge of the drawing
BADGE_RADIUS = 16  # the circles holding the counts
BADGE_GAP = 6  # between a box and the badge of its count
CENTRE_RADIUS = 72  # at least: a longer label widens the disc
CENTRE_CLEARANCE = 16  # a line passing the centre bends around its disc, this far from it
# Text sizes (SVG units, printed as the texts' font-size) and the room a text needs: no font is
# loaded (theme.font: false), so a line is measured at EM_WIDTH of its size per character, the
# average advance of the widest bold sans-serif a reader may get (DejaVu Sans Bold, about 0.6).
NAME_SIZE, PERSONA_SIZE, CENTRE_SIZE, BADGE_SIZE = 19, 15, 17, 17
EM_WIDTH = 0.62
LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Ligne:
    """One line of text in the drawing: its words, where its baseline sits, its size and kind."""

    texte: str
    y: float
    taille: int
    classe: str  # r4f-noeud-nom, r4f-noeud-persona, r4f-centre-texte


@dataclass(frozen=True)
class Noeud:
    acteur: ActeurLien
    x: float  # centre
    y: float
    persona: str
    gauche: float
    haut: float
    lignes: list[Ligne]  # its name (on one or more lines), then its persona


@dataclass(frozen=True)
class Arete:
    """The edge between actors a and b, with the count of expectations each way."""

    paire: Lien
    x1: float
    y1: float
    x2: float
    y2: float
    chemin: str  # the SVG path: straight, or bent around the centre disc (the diagonals)
    pastille_a: Point  # where the count a→b sits (near a)
    pastille_b: Point  # where the count b→a sits (near b)
    nom_a: str
    nom_b: str
    a_vers_b: int
    b_vers_a: int
    description: str


@dataclass(frozen=True)
class Diagramme:
    largeur: int
    hauteur: int
    cx: float
    cy: float
    rayon_centre: float
    largeur_noeud: int
    hauteur_noeud: int
    arrondi_noeud: int
    rayon_pastille: int
    taille_pastille: int
    centre: Lien
    centre_lignes: list[Ligne]  # the centre's label, a word a line, inside the disc: « 8 », « attentes », « communes »
    noeuds: list[Noeud]
    aretes: list[Arete]
    titre: str
    description: str
    legende: str  # the figure's caption, true of the drawing and of the list shown instead on phones
    legende_dessin: str  # what only the drawing needs said (shown with it)


def diagramme(ref: Referentiel, largeur: int = 760, hauteur: int = 440) -> Diagramme:
    """Actors around the common expectations, one edge per pair, counts on the edges.

    Actors are spread on an ellipse, then stretched so that their boxes touch the
    drawing's edges; each count sits just outside the box of the actor who expresses it.
    The boxes and the disc are as large as their labels need, and the drawing grows with them.
    """
    communes = len(ref.attentes_communes.attentes)
    centre_words = [(w, CENTRE_SIZE, "r4f-centre-texte")
                    for w in [milliers(communes), *accord(communes, "attente commune").split()]]
    radius = max(CENTRE_RADIUS, math.ceil(NODE_PADDING + math.hypot(
        max(_largeur(w, size) for w, size, _ in centre_words) / 2, LINE_HEIGHT * CENTRE_SIZE * len(centre_words) / 2)))
    boxes = _boites(ref)
    room = 2 * (radius + CENTRE_CLEARANCE + 2 * BADGE_RADIUS + BADGE_GAP)  # the disc, the badges, the bends
    largeur = max(largeur, math.ceil(2 * (boxes.largeur + NODE_MARGIN) + room))
    hauteur = max(hauteur, math.ceil(2 * (boxes.hauteur + NODE_MARGIN) + room))
    centre = Point(largeur / 2, hauteur / 2)
    nodes = _noeuds(ref, boxes, centre)
    return Diagramme(
        largeur=largeur,
        hauteur=hauteur,
        cx=centre.x,
        cy=centre.y,
        rayon_centre=radius,
        largeur_noeud=boxes.largeur,
        hauteur_noeud=boxes.hauteur,
        arrondi_noeud=NODE_CORNER,
        rayon_pastille=BADGE_RADIUS,
        taille_pastille=BADGE_SIZE,
        centre=Lien(texte=pluriel(communes, "attente commune"), href=attentes_communes_href()),
        centre_lignes=_bloc(centre_words, centre.y),
        noeuds=nodes,
        aretes=_aretes(ref, {n.acteur.id: n for n in nodes}, boxes, centre, radius),
        titre="Les 4 Fantastiques autour de leurs attentes communes",
        description=(
            "Schéma : les quatre acteurs disposés autour des attentes communes ; chaque lien entre deux "
            "acteurs indique le nombre d'attentes dans chaque sens et mène à leur face-à-face."
        ),
        legende=("Chaque nombre compte les attentes qu'un acteur exprime envers l'autre. Choisissez un "
                 "face-à-face pour le voir, un acteur pour son portrait."),
        legende_dessin="Sur le dessin, chaque nombre est posé près de l'acteur qui attend.",
    )


@dataclass(frozen=True)
class Boites:
    """The actors' boxes: one size for all, and each actor's label cut into lines."""

    largeur: int
    hauteur: int
    lignes: dict[str, list[tuple[str, int, str]]]  # actor id → (text, size, class) of each line


def _boites(ref: Referentiel) -> Boites:
    """Boxes as wide as their longest word needs (NODE_WIDTH at least), as tall as their most
    wrapped label needs: name and persona, each cut between words."""
    width = math.ceil(max([NODE_WIDTH, *(_largeur(word, size) + 2 * NODE_PADDING
                                         for a in ref.acteurs for text, size in _textes(a) for word in text.split())]))
    kinds = ("r4f-noeud-nom", "r4f-noeud-persona")
    lines = {a.id: [(line, size, kind) for (text, size), kind in zip(_textes(a), kinds)
                    for line in _lignes(text, size, width - 2 * NODE_PADDING)] for a in ref.acteurs}
    height = math.ceil(2 * NODE_PADDING + LINE_HEIGHT * max((sum(s for _, s, _ in l) for l in lines.values()), default=0))
    return Boites(largeur=width, hauteur=height, lignes=lines)


def _noeuds(ref: Referentiel, boxes: Boites, centre: Point) -> list[Noeud]:
    count = len(ref.acteurs)
    angles = [math.pi * (1.25 + 2 * i / count) for i in range(count)]  # from top-left, clockwise
    unit = [(math.cos(a), math.sin(a)) for a in angles]
    span_x = max((abs(x) for x, _ in unit), default=1) or 1
    span_y = max((abs(y) for _, y in unit), default=1) or 1
    half_w, half_h = boxes.largeur / 2 + NODE_MARGIN, boxes.hauteur / 2 + NODE_MARGIN
    nodes = []
    for acteur, (ux, uy) in zip(ref.acteurs, unit):
        x = round(centre.x + ux / span_x * (centre.x - half_w), 1)
        y = round(centre.y + uy / span_y * (centre.y - half_h), 1)
        nodes.append(Noeud(acteur=acteur_lien(acteur), x=x, y=y, persona=acteur.persona.nom,
                           gauche=x - boxes.largeur / 2, haut=y - boxes.hauteur / 2,
                           lignes=_bloc(boxes.lignes[acteur.id], y)))
    return nodes


def _aretes(ref: Referentiel, node_of: dict[str, Noeud], boxes: Boites, centre: Point, radius: float) -> list[Arete]:
    edges = []
    bends = 0
    for first, second in paires(ref):
        start, end = node_of[first.id], node_of[second.id]
        control = _controle(start, end, centre, radius, bends)
        bends += control != _milieu(start, end)
        forward = len(attentes_envers(first, second.id))
        backward = len(attentes_envers(second, first.id))
        name_a, name_b = first.libelles.court, second.libelles.court
        edges.append(Arete(
            paire=Lien(texte=paire_titre(first, second), href=paire_href(ref, first.id, second.id)),
            x1=start.x, y1=start.y, x2=end.x, y2=end.y,
            chemin=f"M {start.x} {start.y} Q {control.x} {control.y} {end.x} {end.y}",
            pastille_a=_badge(start, control, end, boxes.largeur, boxes.hauteur),
            pastille_b=_badge(end, control, start, boxes.largeur, boxes.hauteur),
            nom_a=name_a, nom_b=name_b,
            a_vers_b=forward, b_vers_a=backward,
            description=(
                f"{name_a} ↔ {name_b} : {pluriel(forward, 'attente')} {first.libelles.des} "
                f"envers {second.libelles.les}, {pluriel(backward, 'attente')} en retour"
            ),
        ))
    return edges


def _textes(acteur) -> tuple[tuple[str, int], tuple[str, int]]:
    """What an actor's box says: its short name, then its persona, with their sizes."""
    return (acteur.libelles.court, NAME_SIZE), (acteur.persona.nom, PERSONA_SIZE)


def _largeur(text: str, size: int) -> float:
    """The room a line of text needs, generously (see EM_WIDTH)."""
    return len(text) * size * EM_WIDTH


def _lignes(text: str, size: int, room: float) -> list[str]:
    """``text`` cut between words into as few lines as fit ``room``."""
    lines: list[str] = []
    for word in text.split():
        if lines and _largeur(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _bloc(lines: list[tuple[str, int, str]], centre_y: float) -> list[Ligne]:
    """Lines stacked and centred on ``centre_y``: each one's baseline (0.35 of its size below
    the middle of its line, as the counts' ``dy``)."""
    top = centre_y - LINE_HEIGHT * sum(size for _, size, _ in lines) / 2
    out = []
    for text, size, kind in lines:
        middle = top + LINE_HEIGHT * size / 2
        out.append(Ligne(texte=text, y=round(middle + 0.35 * size, 1), taille=size, classe=kind))
        top += LINE_HEIGHT * size
    return out


def _milieu(a: Noeud, b: Noeud) -> Point:
    return Point(round((a.x + b.x) / 2, 1), round((a.y + b.y) / 2, 1))


def _controle(a: Noeud, b: Noeud, centre: Point, radius: float, bends: int) -> Point:
    """The control point of the edge's quadratic curve: its middle for a straight line; for a
    line that would pass behind the centre disc, a point that bends it around the disc (the
    first such line one way, the next the other way, so that they never cross there)."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1
    distance = abs(dx * (centre.y - a.y) - dy * (centre.x - a.x)) / length
    clearance = radius + CENTRE_CLEARANCE
    if distance >= clearance:
        return _milieu(a, b)
    nx, ny = -dy / length, dx / length  # unit normal
    if bends % 2:
        nx, ny = -nx, -ny
    # A quadratic curve's middle is halfway between the chord's middle and its control point.
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    return Point(round(mx + 2 * clearance * nx, 1), round(my + 2 * clearance * ny, 1))


def _courbe(a: Noeud, c: Point, b: Noeud, t: float) -> tuple[float, float]:
    u = 1 - t
    return u * u * a.x + 2 * u * t * c.x + t * t * b.x, u * u * a.y + 2 * u * t * c.y + t * t * b.y


def _badge(origin: Noeud, control: Point, other: Noeud, width: float, height: float) -> Point:
    """Where the count of ``origin``'s expectations sits: on the edge, just outside its box.
    On a bent edge, one badge further: it leaves the box beside a straight edge, whose badge
    would otherwise touch it."""
    margin = BADGE_RADIUS + BADGE_GAP
    if control != _milieu(origin, other):
        margin += 2 * BADGE_RADIUS + BADGE_GAP
    t = 0.0
    while t < 0.5:
        x, y = _courbe(origin, control, other, t)
        if abs(x - origin.x) > width / 2 + margin or abs(y - origin.y) > height / 2 + margin:
            break
        t += 0.002
    x, y = _courbe(origin, control, other, t)
    return Point(round(x, 1), round(y, 1))
