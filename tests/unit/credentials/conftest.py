"""A key, an issuer and one award, for the pure credential tests (no app, no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mooc.credentials import keys, openbadge, status_list
from mooc.credentials.openbadge import Award, Competence, Issuer

ISSUED = datetime(2026, 10, 10, 3, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def key():
    return keys.generate()


@pytest.fixture
def issuer():
    return Issuer("https://hoc.phulien.example", "Phường Phù Liễn")


@pytest.fixture
def award():
    return Award(
        credential_id="urn:uuid:2f1c0e3a-5b7d-4c1e-9a2b-3c4d5e6f7a8b",
        status_index=94567,
        recipient_name="Nguyễn Thị Hồng Nhung",
        name_salt="9f86d081884c7d65",
        subject_id="urn:uuid:0b5e7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d",
        group_code="nguoi_dan",
        band_code="",
        group_name="Người dân",
        framework_name="Khung năng lực số cho người học",
        framework_version="2026.2",
        issued_at=ISSUED,
        competences=(Competence("0.1", "Sử dụng thiết bị số"), Competence("4.2", "Bảo vệ dữ liệu cá nhân")),
    )


@pytest.fixture
def signed(award, issuer, key):
    return openbadge.sign(openbadge.build_credential(award, issuer), key, created=ISSUED)


@pytest.fixture
def resolver(key, issuer):
    return keys.resolver(key.verification_key(issuer.id))


def status_resolver(issuer, key, revoked=()):
    """A resolver that serves the issuer's own signed list with these positions revoked."""
    listed = status_list.sign_status_list(status_list.build_status_list(issuer, revoked, ISSUED), key, ISSUED)
    return lambda url: listed if url == issuer.status_list_url else None


@pytest.fixture
def statuses(issuer, key):
    return status_resolver(issuer, key)
