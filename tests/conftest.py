"""Fixtures shared by every test layer.

The database is migrated once per run with Alembic (so the migrations are
tested too). Each test then runs inside a transaction that is rolled back:
the app's own commits become SAVEPOINTs. TEST_DATABASE_URL selects
PostgreSQL; the default is a temporary SQLite file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from mooc import create_app
from mooc.content.check import find_problems
from mooc.content.importer import import_content
from mooc.content.sources import read_tree
from mooc.db import Base, Database

DATA = Path(__file__).parent / "data"
TEST_CONTENT = DATA / "content"
PROJECT = Path(__file__).parent.parent


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    if "test" not in (urlsplit(url).path or ""):
        raise pytest.UsageError("TEST_DATABASE_URL must name a database whose name contains 'test'")
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def database(database_url, tmp_path_factory) -> Database:
    """A migrated, empty database for the whole run."""
    from alembic import command

    from mooc.cli.db import alembic_config

    db = Database(database_url)
    if not db.is_sqlite:
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    command.upgrade(alembic_config(database_url), "head")
    yield db
    db.engine.dispose()


@pytest.fixture
def app(database, tmp_path, monkeypatch):
    """The app, its sessions bound to one connection whose transaction is rolled back after."""
    monkeypatch.chdir(tmp_path)  # the instance folder (dev secret) lands in a temp dir
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database.url,
            "SERVER_NAME": "mooc.test",
            "RATELIMIT_ENABLED": False,
        }
    )
    connection = database.engine.connect()
    outer = connection.begin()
    bound = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
    test_db = application.extensions["mooc.db"]
    test_db.engine.dispose()
    test_db.engine, test_db.reader, test_db.writer = database.engine, bound, bound
    yield application
    outer.rollback()
    connection.close()


@pytest.fixture
def session(app):
    """A session on the test connection, for arranging and asserting.

    No app context is held open: requests made by the test client must each
    get their own `g`, as they do in production.
    """
    db_session = app.extensions["mooc.db"].writer()
    yield db_session
    db_session.close()


@pytest.fixture
def content(session):
    """The small test content tree, imported."""
    return import_tree(session, TEST_CONTENT)


def import_tree(session, root: Path):
    tree = read_tree(root)
    problems = [p for p in find_problems(tree) if p.is_error]
    assert not problems, "\n".join(map(str, problems))
    with session.begin_nested():
        import_content(session, tree)
    session.commit()
    return tree


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class Browser:
    """A test client that fills forms the way a browser does, CSRF token included."""

    def __init__(self, client):
        self.client = client

    def get(self, url: str, **kwargs):
        return self.client.get(url, **kwargs)

    def token(self, page: str = "/") -> str:
        return csrf_from(self.client.get(page).get_data(as_text=True))

    def post(self, url: str, data: dict | None = None, page: str | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.token(page or "/"))
        return self.client.post(url, data=data, **kwargs)

    def register(self, **fields):
        data = {
            "full_name": "Nguyễn Thị Thử",
            "date_of_birth": "05/09/1960",
            "phone": "0912345678",
            "email": "",
            "target_group_code": "nguoi_dan",
            "residential_group": "Tổ 1",
            "password": "mat-khau-dai-1",
            "password_again": "mat-khau-dai-1",
            "agree": "y",
        }
        data.update(fields)
        return self.post("/register", data, page="/register")

    def login(self, login: str, password: str, **extra):
        return self.post("/login", {"login": login, "password": password, **extra}, page="/login")

    def logout(self):
        return self.post("/logout")


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def make_user(session, content):
    """Create an account directly: make_user(role="learner", group="nguoi_dan", name=..., login=...)."""
    from mooc.services import accounts
    from mooc.services.accounts import Profile

    counter = iter(range(100, 1000))

    def make(
        role: str = "learner",
        group: str | None = "nguoi_dan",
        name: str = "Lê Văn Học",
        password: str = "mat-khau-dai-1",
        login: str | None = None,
    ):
        login = login or f"09{next(counter):08d}"
        profile = Profile(
            name,
            None,
            login if "@" in login else None,
            None if "@" in login else login,
            group if role == "learner" else None,
            "Tổ 1" if role == "learner" else None,
        )
        user = accounts.register(session, profile, password)
        user.role = role
        session.commit()
        return user

    return make


@pytest.fixture
def all_tables():
    return [t.name for t in Base.metadata.sorted_tables]


@pytest.fixture
def pupil_content(session, content, tmp_path):
    """The test content plus pupils by grade band, with the ages each group and band allows.

    Học sinh: CB1 (alpha; ages 5–11) and TC1 (alpha and beta; 10–15). Người dân 15 and
    older, cán bộ 18 and older. Both modules are shared by người dân and học sinh.
    """
    import shutil

    root = tmp_path / "pupil-content"
    shutil.copytree(TEST_CONTENT, root)
    framework = root / "framework" / "framework.yaml"
    text = framework.read_text(encoding="utf-8").replace('version: "test-1"', 'version: "test-pupils"')
    text = text.replace("    modules: [alpha, beta]\n", "    modules: [alpha, beta]\n    ages: [15]\n")
    text = text.replace("    modules: []\n", "    modules: []\n    ages: [18]\n")
    text += (
        "  - code: hoc_sinh\n"
        "    name: Học sinh\n"
        "    name_en: Pupils\n"
        "    target_level: 1\n"
        "    pass_mark: 80\n"
        "    bands:\n"
        "      - {code: CB1, name: Lớp 1–3, name_en: Grades 1–3, target_level: 1, ages: [5, 11],"
        " modules: [alpha]}\n"
        "      - {code: TC1, name: Lớp 6–7, name_en: Grades 6–7, target_level: 2, ages: [10, 15],"
        " modules: [alpha, beta]}\n"
    )
    framework.write_text(text, encoding="utf-8")
    for slug in ("alpha", "beta"):
        course = root / "courses" / slug / "course.md"
        course.write_text(
            course.read_text(encoding="utf-8").replace(
                "target_groups: [nguoi_dan]", "target_groups: [nguoi_dan, hoc_sinh]"
            ),
            encoding="utf-8",
        )
    return import_tree(session, root)
