"""Records the extraction stages produce.  Plain data, no behaviour."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """A span of the normalised article text that names an entity."""

    start: int
    end: int
    text: str
    type: str
    name: str                 # canonical name as far as this article knows
    rule: str
    confidence: float = 0.9
    key: str = ""             # resolution key, filled by resolve_article
    catalogue_id: str = ""
    en: str = ""
    aliases: tuple[str, ...] = ()
    parent: int | None = None     # index of the mention this one nests in
    parent_rel: str = ""
    sentence: int = -1
    coref: bool = False       # 我们 / 该公司 / 全市: refers, does not name


@dataclass(slots=True)
class Relation:
    """A binary fact between two mentions, from one sentence."""

    subject: int              # mention index
    predicate: str
    object: int
    sentence: int
    start: int                # evidence span in article.text
    end: int
    rule: str
    confidence: float
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Figure:
    """A number with a unit, read from one sentence."""

    start: int
    end: int
    text: str                 # as in the normalised text
    value: float              # in the normalised unit
    number: float             # as printed
    unit: str                 # unit code of units.toml
    indicator: str
    sentence: int
    indicator_text: str = ""
    qualifier: str = ""
    period: str = ""
    period_start: int | None = None
    period_end: int | None = None
    about: int | None = None  # mention index
    rule: str = "figure"
    confidence: float = 0.85


@dataclass(slots=True)
class Flow:
    """A material flow: supplier gives materials to consumer."""

    supplier: int
    consumer: int
    materials: list[int]
    sentence: int
    start: int
    end: int
    quantity: int | None = None   # figure index
    rule: str = "flow:byproduct+consumes"
    confidence: float = 0.8


@dataclass(slots=True)
class RoleHolding:
    """A person holding a role, at an organisation or place when stated."""

    person: int
    role: str
    org: int | None
    sentence: int
    start: int
    end: int
    rule: str = "people:role-name"
    confidence: float = 0.85
