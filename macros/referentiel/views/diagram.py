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

NODE_WIDTH, NODE_HEIGHT = 200, 60  # actor boxes
NODE_CORNER = 12  # their corner radius
NODE_MARGIN = 4  # between a box and the edge of the drawing
BADGE_RADIUS = 16  # the circles holding the counts
BADGE_GAP = 6  # between a box and the badge of its count
CENTRE_RADIUS = 72
CENTRE_CLEARANCE = 16  # a line passing the centre bends around its disc, this far from it


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Noeud:
    acteur: ActeurLien
    x: float  # centre
    y: float
    persona: str

    @property
    def gauche(self) -> float:
        return self.x - NODE_WIDTH / 2

    @property
    def haut(self) -> float:
        return self.y - NODE_HEIGHT / 2


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
    centre: Lien
    centre_nombre: str  # the centre's label on two lines: « 8 » …
    centre_libelle: str  # … « attentes communes »
    noeuds: list[Noeud]
    aretes: list[Arete]
    titre: str
    description: str


def diagramme(ref: Referentiel, largeur: int = 760, hauteur: int = 440) -> Diagramme:
    """Actors around the common expectations, one edge per pair, counts on the edges.

    Actors are spread on an ellipse, then stretched so that their boxes touch the
    drawing's edges; each count sits just outside the box of the actor who expresses it.
    """
    cx, cy = largeur / 2, hauteur / 2
    count = len(ref.acteurs)
    angles = [math.pi * (1.25 + 2 * i / count) for i in range(count)]  # from top-left, clockwise
    unit = [(math.cos(a), math.sin(a)) for a in angles]
    span_x = max(abs(x) for x, _ in unit) or 1
    span_y = max(abs(y) for _, y in unit) or 1
    half_w, half_h = NODE_WIDTH / 2 + NODE_MARGIN, NODE_HEIGHT / 2 + NODE_MARGIN
    nodes = [
        Noeud(
            acteur=acteur_lien(acteur),
            x=round(cx + x / span_x * (cx - half_w), 1),
            y=round(cy + y / span_y * (cy - half_h), 1),
            persona=acteur.persona.nom,
        )
        for acteur, (x, y) in zip(ref.acteurs, unit)
    ]
    node_of = {node.acteur.id: node for node in nodes}
    edges = []
    bends = 0
    for first, second in paires(ref):
        start, end = node_of[first.id], node_of[second.id]
        control = _controle(start, end, Point(cx, cy), bends)
        bends += control != _milieu(start, end)
        forward = len(attentes_envers(first, second.id))
        backward = len(attentes_envers(second, first.id))
        name_a, name_b = first.libelles.court, second.libelles.court
        edges.append(
            Arete(
                paire=Lien(texte=paire_titre(first, second), href=paire_href(ref, first.id, second.id)),
                x1=start.x, y1=start.y, x2=end.x, y2=end.y,
                chemin=f"M {start.x} {start.y} Q {control.x} {control.y} {end.x} {end.y}",
                pastille_a=_badge(start, control, end), pastille_b=_badge(end, control, start),
                nom_a=name_a, nom_b=name_b,
                a_vers_b=forward, b_vers_a=backward,
                description=(
                    f"{name_a} ↔ {name_b} : {pluriel(forward, 'attente')} {first.libelles.des} "
                    f"envers {second.libelles.les}, {pluriel(backward, 'attente')} en retour"
                ),
            )
        )
    communes = len(ref.attentes_communes.attentes)
    return Diagramme(
        largeur=largeur,
        hauteur=hauteur,
        cx=cx,
        cy=cy,
        rayon_centre=CENTRE_RADIUS,
        largeur_noeud=NODE_WIDTH,
        hauteur_noeud=NODE_HEIGHT,
        arrondi_noeud=NODE_CORNER,
        rayon_pastille=BADGE_RADIUS,
        centre=Lien(texte=pluriel(communes, "attente commune"), href=attentes_communes_href()),
        centre_nombre=milliers(communes),
        centre_libelle=accord(communes, "attente commune"),
        noeuds=nodes,
        aretes=edges,
        titre="Les 4 Fantastiques autour de leurs attentes communes",
        description=(
            "Schéma : les quatre acteurs disposés autour des attentes communes ; chaque lien entre deux "
            "acteurs indique le nombre d'attentes dans chaque sens et mène à leur face-à-face."
        ),
    )


def _milieu(a: Noeud, b: Noeud) -> Point:
    return Point(round((a.x + b.x) / 2, 1), round((a.y + b.y) / 2, 1))


def _controle(a: Noeud, b: Noeud, centre: Point, bends: int) -> Point:
    """The control point of the edge's quadratic curve: its middle for a straight line; for a
    line that would pass behind the centre disc, a point that bends it around the disc (the
    first such line one way, the next the other way, so that they never cross there)."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1
    distance = abs(dx * (centre.y - a.y) - dy * (centre.x - a.x)) / length
    clearance = CENTRE_RADIUS + CENTRE_CLEARANCE
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


def _badge(origin: Noeud, control: Point, other: Noeud) -> Point:
    """Where the count of ``origin``'s expectations sits: on the edge, just outside its box.
    On a bent edge, one badge further: it leaves the box beside a straight edge, whose badge
    would otherwise touch it."""
    margin = BADGE_RADIUS + BADGE_GAP
    if control != _milieu(origin, other):
        margin += 2 * BADGE_RADIUS + BADGE_GAP
    t = 0.0
    while t < 0.5:
        x, y = _courbe(origin, control, other, t)
        if abs(x - origin.x) > NODE_WIDTH / 2 + margin or abs(y - origin.y) > NODE_HEIGHT / 2 + margin:
            break
        t += 0.002
    x, y = _courbe(origin, control, other, t)
    return Point(round(x, 1), round(y, 1))
