"""Read and validate framework/framework.yaml and framework/ward.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mooc.content.fields import Fields
from mooc.content.problems import ContentError
from mooc.content.yamlfile import LineDict, load_yaml
from mooc.domain.age_rules import MAX_AGE
from mooc.domain.framework import Band, Competency, Domain, Framework, Level, TargetGroup


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    city: str
    plan: str
    residential_groups: tuple[str, ...]


def read_framework(path: Path, shown: str, lines: dict[str, dict[str, int]] | None = None) -> Framework:
    """Parse the framework file; raises ContentError at the first mistake.

    `lines`, if given, is filled with the line of each group's (and band's,
    as "group/band") keys, so problems found later can point at them.
    """
    data = load_yaml(path.read_text(encoding="utf-8-sig"), shown)
    top = Fields(data, shown, 1, {"version", "framework", "levels", "domains", "groups"})
    version = top.text("version")
    about = Fields(
        top.data.get("framework"),
        shown,
        top.line("framework"),
        {"id", "name", "name_en", "legal_ref", "note"},
    )
    levels = tuple(_level(item, shown, top.line("levels")) for item in _items(top, "levels"))
    if [lv.bac for lv in levels] != list(range(1, len(levels) + 1)):
        raise top.error("levels", "levels must be listed as bac 1, 2, 3 … in order")
    domains = []
    seen: dict[str, int] = {}
    for item in _items(top, "domains"):
        domain = _domain(item, shown, top.line("domains"))
        for entry, competency in zip(item.get("competences") or [], domain.competences, strict=True):
            line = entry.line if isinstance(entry, LineDict) else top.line("domains")
            if competency.code in seen:
                raise ContentError(shown, line, f"competence {competency.code} is listed twice")
            if not competency.code.startswith(domain.code + "."):
                raise ContentError(
                    shown, line, f"competence {competency.code} is not in domain {domain.code}"
                )
            seen[competency.code] = line
        domains.append(domain)
    groups = tuple(_group(item, shown, top.line("groups"), len(levels)) for item in _items(top, "groups"))
    if lines is not None:
        for item, group in zip(_items(top, "groups"), groups, strict=True):
            lines[group.code] = dict(item.key_lines)
            for band_item in item.get("bands") or []:
                lines[f"{group.code}/{band_item.get('code')}"] = dict(band_item.key_lines)
    codes = [g.code for g in groups]
    if len(set(codes)) != len(codes):
        raise top.error("groups", "a group code is listed twice")
    return Framework(
        version=version,
        id=about.text("id"),
        name=about.text("name"),
        name_en=about.text("name_en"),
        legal_ref=about.text("legal_ref"),
        note=about.text("note", required=False),
        levels=levels,
        domains=tuple(domains),
        groups=groups,
    )


def read_ward(path: Path, shown: str) -> Ward:
    data = load_yaml(path.read_text(encoding="utf-8-sig"), shown)
    fields = Fields(data, shown, 1, {"code", "name", "city", "plan", "residential_groups"})
    groups = fields.text_list("residential_groups")
    if len(set(groups)) != len(groups):
        raise fields.error("residential_groups", "a tổ dân phố is listed twice")
    return Ward(
        fields.slug("code"),
        fields.text("name"),
        fields.text("city"),
        fields.text("plan", required=False),
        tuple(groups),
    )


def _items(top: Fields, key: str) -> list:
    value = top.data.get(key)
    if not isinstance(value, list) or not value:
        raise top.error(key, f"{key!r} must be a non-empty list")
    return value


def _level(item, path: str, line: int) -> Level:
    f = Fields(item, path, line, {"bac", "band", "band_en", "school_code", "grades"})
    return Level(
        bac=f.integer("bac", low=1, high=8),
        band=f.text("band"),
        band_en=f.text("band_en"),
        school_code=f.text("school_code", required=False) or None,
        grades=f.text("grades", required=False) or None,
    )


def _domain(item, path: str, line: int) -> Domain:
    f = Fields(item, path, line, {"code", "name", "name_en", "source", "competences"})
    code = f.text("code")
    competences = []
    for entry in f.data.get("competences") or []:
        c = Fields(entry, path, f.line("competences"), {"code", "name", "name_en", "name_alt"})
        competences.append(
            Competency(
                code=c.competence_codes("code")[0],
                name=c.text("name"),
                name_en=c.text("name_en"),
                domain_code=code,
                name_alt=c.text("name_alt", required=False) or None,
            )
        )
    if not competences:
        raise f.error("competences", f"domain {code} lists no competences")
    return Domain(
        code, f.text("name"), f.text("name_en"), tuple(competences), f.text("source", required=False) or None
    )


def _group(item, path: str, line: int, max_level: int) -> TargetGroup:
    f = Fields(
        item,
        path,
        line,
        {
            "code",
            "name",
            "name_en",
            "description",
            "target_level",
            "pass_mark",
            "decided_by",
            "modules",
            "competences",
            "bands",
            "ages",
        },
    )
    code = f.text("code")
    if not code.replace("_", "").isalnum() or not code.isascii() or code.lower() != code:
        raise f.error("code", f"group code {code!r} must be lowercase ASCII letters and '_'")
    modules = _modules(f)
    decided_by = f.text("decided_by", required=False, default="ward")
    if decided_by not in {"ward", "city", "national"}:
        raise f.error("decided_by", "decided_by is one of: ward, city, national")
    bands = tuple(_band(entry, path, f.line("bands"), max_level) for entry in f.data.get("bands") or [])
    if bands and modules:
        raise f.error("modules", "a group with bands lists its modules in each band")
    if len({b.code for b in bands}) != len(bands):
        raise f.error("bands", "a band code is listed twice")
    return TargetGroup(
        code=code,
        name=f.text("name"),
        name_en=f.text("name_en"),
        description=f.text("description", required=False),
        pass_mark=f.integer("pass_mark", low=1, high=100),  # type: ignore[arg-type]
        target_level=f.integer("target_level", low=1, high=max_level),  # type: ignore[arg-type]
        modules=modules,
        decided_by=decided_by,
        competences=tuple(f.competence_codes() if "competences" in f.data else ()),
        bands=bands,
        ages=_ages(f),
    )


def _modules(f: Fields) -> tuple[str, ...]:
    modules = f.text_list("modules", required=False)
    if len(set(modules)) != len(modules):
        raise f.error("modules", "a module is listed twice")
    return tuple(modules)


def _band(item, path: str, line: int, max_level: int) -> Band:
    allowed = {"code", "name", "name_en", "target_level", "modules", "competences", "ages"}
    f = Fields(item, path, line, allowed)
    code = f.text("code")
    if not code.isascii() or not code.isalnum():
        raise f.error("code", f"band code {code!r} must be ASCII letters and digits, like TC1")
    return Band(
        code=code,
        name=f.text("name"),
        name_en=f.text("name_en"),
        target_level=f.integer("target_level", low=1, high=max_level),  # type: ignore[arg-type]
        modules=_modules(f),
        competences=tuple(f.competence_codes() if "competences" in f.data else ()),
        ages=_ages(f),
    )


def _ages(f: Fields) -> tuple[int, ...]:
    """`ages: [min, max]` in whole years, or `[min]` for "min or older"; () when not given."""
    value = f.data.get("ages")
    if value is None:
        return ()
    if isinstance(value, list) and len(value) == 2 and value[1] is None:
        value = value[:1]
    shape = "'ages' is [min, max] in whole years, like [5, 11], or [15] for 15 and older"
    if (
        not isinstance(value, list)
        or len(value) not in (1, 2)
        or any(isinstance(v, bool) or not isinstance(v, int) for v in value)
    ):
        raise f.error("ages", shape)
    if not all(0 <= v <= MAX_AGE for v in value) or value != sorted(value):
        raise f.error("ages", f"{shape}: min ≤ max, both between 0 and {MAX_AGE}")
    return tuple(value)


__all__ = ["ContentError", "Ward", "read_framework", "read_ward"]
