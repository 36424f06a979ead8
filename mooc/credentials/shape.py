"""The closed list of properties our credentials may hold, and their required fields.

RDFC canonicalisation leaves out what no context defines, so an unknown
property would travel unsigned. Every property is therefore named here: a
credential with anything else is refused before signing and fails verification.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from mooc.credentials.results import Problem, parse_datetime, problem
from mooc.i18n import N_

DATETIME_PROPERTIES = frozenset({"validFrom", "validUntil", "awardedDate", "created"})


@dataclass(frozen=True)
class Node:
    """What one JSON object may hold: its properties, the required ones, and nested objects."""

    allowed: frozenset[str]
    required: frozenset[str] = frozenset()
    children: dict[str, Node] = field(default_factory=dict)
    many: bool = False  # may be a list of such objects (as well as a single one)


def _node(allowed: str, required: str = "", many: bool = False, **children: Node) -> Node:
    return Node(frozenset(allowed.split()), frozenset(required.split()), children, many)


PROOF = _node("type cryptosuite created verificationMethod proofPurpose proofValue")
ALIGNMENT = _node(
    "type targetName targetUrl targetCode targetFramework targetType targetDescription",
    "type targetName targetUrl",
    many=True,
)
ACHIEVEMENT = _node(
    "id type achievementType name description criteria inLanguage version humanCode alignment",
    "id type name description criteria",
    criteria=_node("id narrative"),
    alignment=ALIGNMENT,
)
IDENTITY_OBJECT = _node(
    "type identityType hashed identityHash salt", "type identityType hashed identityHash", many=True
)
STATUS_ENTRY = _node(
    "id type statusPurpose statusListIndex statusListCredential",
    "type statusPurpose statusListIndex statusListCredential",
)
OPEN_BADGE = _node(
    "@context id type name description issuer validFrom validUntil awardedDate credentialSubject "
    "credentialStatus proof",
    "@context id type name issuer validFrom credentialSubject",
    issuer=_node("id type name url description", "id type"),
    credentialSubject=_node(
        "id type identifier achievement",
        "type achievement",
        identifier=IDENTITY_OBJECT,
        achievement=ACHIEVEMENT,
    ),
    credentialStatus=STATUS_ENTRY,
    proof=PROOF,
)
STATUS_LIST = _node(
    "@context id type name description issuer validFrom validUntil credentialSubject proof",
    "@context id type issuer validFrom credentialSubject",
    credentialSubject=_node("id type statusPurpose encodedList ttl", "id type statusPurpose encodedList"),
    proof=PROOF,
)


def closed_problems(document: object, node: Node, path: str = "") -> Iterator[Problem]:
    """Unknown properties, missing required ones, values of the wrong kind; in document order."""
    if not isinstance(document, dict):
        yield problem(_NOT_OBJECT if not path else _WRONG_KIND, path=path)
        return
    for name in sorted(node.required - set(document)):
        yield problem(_MISSING, path=_join(path, name))
    for name, value in document.items():
        where = _join(path, name)
        if name not in node.allowed:
            yield problem(_UNKNOWN, path=where)
        elif name in node.children:
            child = node.children[name]
            if isinstance(value, list) and not child.many:
                yield problem(_WRONG_KIND, path=where)
                continue
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                yield from closed_problems(item, child, f"{where}[{index}]" if value is items else where)
        elif name == "@context" or name == "type":
            if not (
                isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            ):
                yield problem(_WRONG_KIND, path=where)
        elif name == "hashed":
            if not isinstance(value, bool):
                yield problem(_WRONG_KIND, path=where)
        elif not isinstance(value, str) or not value.strip():
            yield problem(_WRONG_KIND, path=where)
        elif name in DATETIME_PROPERTIES and parse_datetime(value) is None:
            yield problem(_NOT_DATETIME, path=where)


def types_of(value: object) -> list[str]:
    """`type` as a list, whether it was written as one string or a list."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def is_uri(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    scheme, colon, rest = value.partition(":")
    return bool(
        colon and rest and scheme[:1].isalpha() and scheme.replace("+", "").replace("-", "").isalnum()
    )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


_NOT_OBJECT = N_("Tệp không phải một chứng nhận: cần một đối tượng JSON.")
_WRONG_KIND = N_("Mục %(path)s không đúng kiểu dữ liệu.")
_MISSING = N_("Thiếu mục bắt buộc %(path)s.")
_UNKNOWN = N_("Mục %(path)s không có trong mẫu chứng nhận của trang này, nên không được chữ ký bảo vệ.")
_NOT_DATETIME = N_("Mục %(path)s phải là ngày giờ có múi giờ, ví dụ 2026-10-10T03:00:00Z.")
