"""French hover help for contributors' editors: what each field and block means.

The JSON Schema generated from the model (``schema.py``) carries these
descriptions; a field's own ``description`` in ``model.py`` wins. Kept apart
from the model so that the model reads as the data's rules.
"""

from __future__ import annotations

# Hover help for fields whose meaning is the same wherever they appear; a field's
# own ``description`` wins. The schema test requires a description on every field.
FIELD_HELP: dict[str, str] = {
    "id": "Identifiant permanent : minuscules sans accents, chiffres et tirets. Ne le changez pas : "
    "ajoutez plutôt l'ancien dans « alias ».",
    "titre": "Le titre, tel que la source le formule.",
    "sous_titre": "Le sous-titre, s'il y en a un.",
    "texte": "Le texte, en phrases (paragraphes séparés par une ligne vide ; *italique* et **gras** "
    "sont les seules mises en forme).",
    "elements": "Liste d'éléments (sous-parties ou puces), chacun avec un « titre » ou un « texte ».",
    "suite": "Texte qui suit la liste d'éléments.",
    "notes": "Notes de bas de page.",
    "source": "Provenance : l'identifiant d'une source (le nom d'un fichier de data/sources/).",
    "section": "La rubrique où figure le texte.",
    "apres": "Identifiant de l'énoncé après lequel ce bloc figure.",
    "concerne": "Acteurs dont il parle (pour les pages « Face à face »).",
    "attribution": "Qui a dit ou écrit la citation.",
    "citation": "Une citation mise en valeur.",
    "sous_sections": "Sections contenues dans celle-ci.",
    "editeur": "L'organisation qui publie la source.",
    "lieu": "Le lieu (ville, département) de la journée, sans identifier un territoire sans son accord.",
    "description": "Une courte description.",
    "credits": "Les crédits de la source (financement, rédaction…).",
    "role": "Le rôle crédité (ex. « Coordination »).",
    "licence": "La licence du contenu.",
    "persona": "Le personnage des 4 Fantastiques qui incarne l'acteur.",
    "libelles": "Comment nommer l'acteur dans les phrases générées.",
    "chapeaux": "Textes qui ouvrent les rubriques du chapitre.",
    "introduction": "Le bloc « … à l'heure des transitions ».",
    "profil": "Le bloc « Profil des participants ».",
    "enjeux": "Les enjeux de l'acteur : ce à quoi il fait face.",
    "pouvoirs": "Les pouvoirs de l'acteur : ce qu'il peut faire.",
    "attentes": "Les attentes : ce que l'on attend des autres (ou de ses pairs).",
    "messages": "Les messages : bulles adressées à un autre acteur.",
    "verbatims": "Paroles rapportées qui ne s'adressent à personne en particulier.",
    "encadres": "Encadrés (citations ou listes mises en valeur).",
    "principes": "Les principes directeurs.",
    "freins": "Les freins communs aux quatre acteurs.",
    "enseignements": "Les enseignements tirés par les animateurs.",
    "conclusion": "Le texte de conclusion.",
    "sections": "Les sections de l'introduction.",
    "chiffres": "Les chiffres clés.",
    "valeur": "La valeur du chiffre (nombre entier).",
    "detail": "Une précision sur le chiffre.",
    "sigles": "La liste des sigles.",
    "mots": "La liste des mots du lexique.",
    "sigle": "Le sigle tel qu'il s'écrit (ex. EPCI).",
    "definition": "Une définition en une phrase.",
    "sources": "La liste des sources : publications, schémas, journées de groupes de pairs.",
    "document": "Identifiant d'une source (le nom d'un fichier de data/sources/).",
    "page": "Page dans la source.",
    "nom": "Le nom.",
    "singulier": "Au singulier.",
    "pluriel": "Au pluriel.",
    "court": "Forme courte pour les tableaux.",
    "les": "Avec l'article « les ».",
    "des": "Avec « des » ou « de ».",
    "aux": "Avec « aux » ou « à ».",
    "presentation": "Une phrase de présentation.",
    "bloc": "Bloc partagé inséré après le texte.",
}


# What each block is, in French, for editors' hovers (class docstrings are for developers).
MODEL_HELP: dict[str, str] = {
    "Provenance": "D'où vient l'énoncé, s'il ne vient pas de la source du fichier.",
    "Note": "Une note de bas de page.",
    "Element": "Un élément de liste : un « titre », un « texte », ou les deux.",
    "Enonce": "Un énoncé : un titre et son texte.",
    "EnonceActeur": "Un enjeu ou un pouvoir de l'acteur : un titre, et un texte ou des éléments.",
    "Attente": "Une attente, adressée à un ou plusieurs acteurs (« envers »).",
    "Message": "Un message (une bulle) adressé à un autre acteur.",
    "Verbatim": "Une parole rapportée qui ne s'adresse à personne en particulier.",
    "Encadre": "Un encadré du chapitre (citation ou liste mise en valeur).",
    "Section": "Une section de texte (introduction, pages « à propos »).",
    "Citation": "Une citation et son auteur.",
    "Libelles": "Comment l'acteur est nommé dans les phrases générées.",
    "Persona": "Le personnage des 4 Fantastiques qui incarne l'acteur.",
    "BlocTitre": "Un bloc titré du chapitre (introduction, profil des participants).",
    "Chapeaux": "Les textes qui ouvrent les rubriques du chapitre.",
    "FichierActeur": "data/acteurs/<acteur>.yaml : un des quatre acteurs, ses enjeux, pouvoirs, attentes "
    "et messages. Pour ajouter un énoncé, ajoutez un bloc « - id: … » à la liste voulue.",
    "Principe": "Un principe directeur.",
    "EnoncePartage": "Un énoncé d'une liste partagée (frein, enseignement…), relié aux énoncés des acteurs qu'il reprend.",
    "Correction": "Une coquille de la source corrigée : le passage imprimé et le passage corrigé.",
    "FichierPrincipes": "data/principes.yaml : les quatre principes directeurs.",
    "FichierFreins": "data/freins.yaml : les freins communs aux quatre acteurs.",
    "AttenteCommune": "Une attente commune, reliée aux énoncés qu'elle synthétise.",
    "FichierAttentesCommunes": "data/attentes-communes.yaml : les attentes communes de la conclusion.",
    "FichierEnseignements": "data/enseignements.yaml : les enseignements des animateurs.",
    "Chiffre": "Un chiffre clé.",
    "FichierIntroduction": "data/introduction.yaml : la Fabrique, la méthode, les programmes.",
    "Sigle": "Un sigle et sa signification.",
    "FichierLexique": "data/lexique.yaml : les mots de l'administration (régalien, déconcentré…), chacun "
    "avec sa définition et sa source. Pour ajouter un mot, ajoutez un bloc « - id: … » à la liste « mots ».",
    "Mot": "Un mot du lexique : le mot, ses autres formes, sa définition et sa source.",
    "ReferenceMot": "La source d'une définition : la publication qui définit le mot, ou une référence publique nommée.",
    "FichierGlossaire": "data/glossaire.yaml : les sigles employés dans le référentiel.",
    "Credit": "Une ligne de crédits.",
    "Source": "Une source : publication, schéma, ou journée de groupe de pairs (date, lieu, organisation).",
    "FichierSource": "data/sources/<identifiant>.yaml : une source (la publication, son schéma, une journée "
    "de groupe de pairs…). Une journée indique sa date complète, son lieu et l'organisation qui l'anime.",
    "FichierEnonce": "data/sources/<source>/<identifiant>.yaml : un énoncé venu de cette source (une journée…). "
    "Le nom du fichier est son identifiant ; « genre » dit ce qu'il est, « de » qui s'exprime.",
    "EnjeuContribue": "Un enjeu : ce à quoi l'acteur fait face (un titre, et un texte ou des éléments).",
    "PouvoirContribue": "Un pouvoir : ce que l'acteur peut faire (un titre, et un texte ou des éléments).",
    "AttenteContribuee": "Une attente, adressée à un ou plusieurs acteurs (« envers »), à ses pairs ou à tous.",
    "MessageContribue": "Un message (une bulle) adressé à un autre acteur (« destinataire »).",
    "VerbatimContribue": "Une parole rapportée qui ne s'adresse à personne en particulier.",
    "EncadreContribue": "Un encadré (citation ou liste mise en valeur).",
    "FichierReferentiel": "data/referentiel.yaml : le titre, la version et la date du référentiel.",
    "FichierVersions": "data/versions.yaml : ce que chaque version a ajouté ou modifié, la plus récente en premier. "
    "Pour publier une version, ajoutez un bloc « - version: … » en tête de liste.",
    "Version": "Une version publiée : numéro, date, résumé, énoncés ajoutés et modifiés.",
}


def describe_fields(schema: dict, model: type) -> None:
    if model.__name__ in MODEL_HELP:
        schema["description"] = MODEL_HELP[model.__name__]
    for name, prop in schema.get("properties", {}).items():
        if "description" not in prop and name in FIELD_HELP:
            prop["description"] = FIELD_HELP[name]
