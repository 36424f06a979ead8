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
class Band:
    """A grade band of pupils (CB1 … NC1): its own modules and level."""

    code: str
    name: str
    name_en: str
    target_level: int
    modules: tuple[str, ...]
    competences: tuple[str, ...] = ()
    ages: tuple[int, ...] = ()  # plausible ages of its pupils, [min, max]: see domain/age_rules.py


@dataclass(frozen=True)
class TargetGroup:
    """A target group and what it must pass: every module listed, at `pass_mark` percent.

    A group with bands (pupils) has no modules of its own: each band has them,
    and `for_band` gives the requirement of one band as a plain group.
    """

    code: str
    name: str
    name_en: str
    description: str
    pass_mark: int
    target_level: int
    modules: tuple[str, ...]
    decided_by: str = "ward"
    competences: tuple[str, ...] = ()  # what the group must reach; every one taught by a module
    bands: tuple[Band, ...] = ()
    ages: tuple[int, ...] = ()  # plausible ages, [min, max] or [min]: see domain/age_rules.py

    @property
    def is_open(self) -> bool:
        """A group without required modules can never earn a record."""
        return bool(self.modules) or any(b.modules for b in self.bands)

    def band(self, code: str | None) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)

    def for_band(self, code: str | None) -> TargetGroup | None:
        """The requirement for one band (None if the band is unknown); the group itself if it has none."""
        if not self.bands:
            return self
        band = self.band(code)
        if band is None:
            return None
        return TargetGroup(
            code=self.code,
            name=f"{self.name} · {band.name}",
            name_en=f"{self.name_en} · {band.name_en}",
            description=self.description,
            pass_mark=self.pass_mark,
            target_level=band.target_level,
            modules=band.modules,
            decided_by=self.decided_by,
            competences=band.competences,
            ages=band.ages or self.ages,
        )

    def requirements(self) -> list[tuple[str, TargetGroup]]:
        """(label, requirement) for the group, or for each of its bands."""
        if not self.bands:
            return [(self.code, self)]
        return [(f"{self.code}/{b.code}", self.for_band(b.code)) for b in self.bands]  # type: ignore[misc]


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
