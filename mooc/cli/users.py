"""mooc users create | set-role | list | reset-password | grant-course | revoke-course | courses."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import or_, select

from mooc.db import get_session
from mooc.models import User
from mooc.models.people import ROLES
from mooc.services import accounts, staff
from mooc.services.accounts import AccountError, Profile


def _find(session, login: str) -> User:
    login = accounts.normalize_login(login)
    user = session.scalar(select(User).where(or_(User.email == login, User.phone == login)))
    if user is None:
        raise click.ClickException(f"no account with login {login!r}")
    return user


@click.group()
def users() -> None:
    """Accounts and roles."""


@users.command("create")
@click.option("--login", required=True, help="E-mail or phone number used to sign in.")
@click.option("--name", "full_name", required=True, help="Full name, with diacritics.")
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create(login: str, full_name: str, role: str, password: str) -> None:
    """Create an account (staff accounts have no target group)."""
    session = get_session()
    login = accounts.normalize_login(login)
    profile = Profile(
        full_name=full_name,
        date_of_birth=None,
        email=login if "@" in login else None,
        phone=None if "@" in login else login,
        target_group_code=None,
        residential_group=None,
    )
    try:
        with session.begin():
            user = accounts.register(session, profile, password)
            user.role = role
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {role} account {login}.")


@users.command("set-role")
@click.argument("login")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def set_role(login: str, role: str) -> None:
    """Give the account LOGIN the role ROLE (signs it out everywhere; the last admin stays admin)."""
    session = get_session()
    try:
        with session.begin():
            changed = staff.set_role(session, _find(session, login), role, actor=None)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    if changed:
        click.echo(f"{login} is now {role}; their other sessions have ended.")
    else:
        click.echo(f"{login} already is {role}.")


@users.command("reset-password")
@click.argument("login")
@with_appcontext
def reset_password(login: str) -> None:
    """Give LOGIN a temporary password (printed once); it must be changed at the next sign-in."""
    from mooc.web.ratelimit import forget_failed_sign_ins

    session = get_session()
    with session.begin():
        user = _find(session, login)
        temporary = accounts.reset_password(user)
    forget_failed_sign_ins(user.phone, user.email)  # locked out by wrong guesses: in again
    click.echo(f"Temporary password for {login}: {temporary}")


@users.command("list")
@click.option("--role", type=click.Choice(ROLES))
@with_appcontext
def list_users(role: str | None) -> None:
    """List accounts: role, login, name (never more personal data than that)."""
    query = select(User).order_by(User.role, User.id)
    if role:
        query = query.where(User.role == role)
    for user in get_session().scalars(query):
        click.echo(f"{user.role:9} {user.email or user.phone or '-':30} {user.full_name}")


@users.command("grant-course")
@click.argument("login")
@click.argument("slug")
@with_appcontext
def grant_course(login: str, slug: str) -> None:
    """Let the teacher or admin LOGIN edit the course SLUG (which may not exist yet)."""
    session = get_session()
    try:
        with session.begin():
            granted = staff.grant_course(session, _find(session, login), slug, actor=None)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    slug = staff.normalize_slug(slug)
    click.echo(f"{login} may now edit {slug}." if granted else f"{login} could already edit {slug}.")


@users.command("revoke-course")
@click.argument("login")
@click.argument("slug")
@with_appcontext
def revoke_course(login: str, slug: str) -> None:
    """Take the course SLUG back from LOGIN."""
    session = get_session()
    with session.begin():
        revoked = staff.revoke_course(session, _find(session, login), slug, actor=None)
    if not revoked:
        raise click.ClickException(f"{login} could not edit {slug}")
    click.echo(f"{login} may no longer edit {slug}.")


@users.command("courses")
@click.argument("login")
@with_appcontext
def courses(login: str) -> None:
    """List the slugs of the courses LOGIN may edit, one a line."""
    slugs = staff.courses_of(get_session(), _find(get_session(), login))
    for slug in slugs:
        click.echo(slug)
    if not slugs:
        click.echo(f"{login} may edit no course.", err=True)
