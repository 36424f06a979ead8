"""The digital-skill framework as immutable data: domains, competences, levels, groups."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    name_en: str
    domain_code: str
    name_alt: str | None = None


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    name_en: str
    competences: tuple[Competency, ...]
    source: str | None = None


@dataclass(frozen=True)
class Level:
    bac: int
    band: str
    band_en: str
    school_code: str | None = None
    grades: str | None = None


@dataclass(frozen=True)
class TargetGroup:
    """A target group and what it must pass: every module listed, at `pass_mark` percent."""

    code: str
    name: str
    name_en: str
    description: str
    pass_mark: int
    target_level: int
    modules: tuple[str, ...]
    decided_by: str = "ward"

    @property
    def is_open(self) -> bool:
        """A group without required modules can never earn a record."""
        return bool(self.modules)


@dataclass(frozen=True)
class Framework:
    version: str
    id: str
    name: str
    name_en: str
    legal_ref: str
    levels: tuple[Level, ...]
    domains: tuple[Domain, ...]
    groups: tuple[TargetGroup, ...]
    note: str = ""
    _by_code: dict[str, Competency] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for domain in self.domains:
            for competency in domain.competences:
                self._by_code[competency.code] = competency

    @property
    def competences(self) -> tuple[Competency, ...]:
        return tuple(self._by_code.values())

    def competency(self, code: str) -> Competency | None:
        return self._by_code.get(code)

    def group(self, code: str) -> TargetGroup | None:
        return next((g for g in self.groups if g.code == code), None)
