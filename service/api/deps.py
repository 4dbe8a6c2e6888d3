"""Request dependencies: settings, database sessions and the admin guard."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from scrapers.http import PoliteClient
from service.db import Database
from service.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="EXCHANGEWATCH_ADMIN_TOKEN")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.db
    return database


def get_feed_http(request: Request) -> PoliteClient:
    client: PoliteClient = request.app.state.feed_http
    return client


async def get_reader(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_database(request).reader() as session:
        yield session


async def get_writer(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_database(request).session() as session:
        yield session


def require_admin(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Write endpoints: 401 without a bearer token, 403 with a wrong one (constant-time compare)."""
    expected = get_settings(request).admin_token_value()
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this endpoint needs 'Authorization: Bearer <EXCHANGEWATCH_ADMIN_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not expected:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "write endpoints are disabled: EXCHANGEWATCH_ADMIN_TOKEN is not set"
        )
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid admin token")


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
FeedHttpDep = Annotated[PoliteClient, Depends(get_feed_http)]
# scope="function": the unit of work ends (commits) before the response is sent, so a failed commit is the
# client's error response, never a 2xx for data that was not stored.
ReaderDep = Annotated[AsyncSession, Depends(get_reader, scope="function")]
WriterDep = Annotated[AsyncSession, Depends(get_writer, scope="function")]
AdminDep = Depends(require_admin)
