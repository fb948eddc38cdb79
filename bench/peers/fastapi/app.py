"""The stack Phresh replaces, as a peer baseline of `pnpm bench` (issue 14).

FastAPI + SQLAlchemy (async, asyncpg) + PyJWT, serving `GET /api/cleanings/{id}` from Phresh's
own tables with Phresh's access tokens and answering Phresh's JSON. It runs on Debian's packages
(python3-fastapi, -uvicorn, -sqlalchemy, -asyncpg, -jwt, -greenlet, -uvloop, -httptools) with
Debian's /usr/bin/python3, started by bench/src/server.ts as

    /usr/bin/python3 -m uvicorn app:app --app-dir bench/peers/fastapi \
        --workers 2 --loop uvloop --http httptools

Environment: PEER_DATABASE_URL (postgres://...), PEER_SECRET_KEY, PEER_ISSUER.

Per request it does what a FastAPI service built on fastapi-users does, plus Phresh's own checks
so that both do the same work:
- verify the JWT (PyJWT: HS256, audience phresh:auth, the issuer, sub/jti/exp/iat required, then
  the claim types Phresh checks);
- load the user through the ORM in a session per request, as fastapi-users' SQLAlchemy user
  database does (`select(User).where(User.id == id)`), with Phresh's revocation check in the same
  statement; refuse an inactive or unverified user, a revoked token, an older generation;
- read the cleaning with the statement the node:http floors run (cleaning-with-offers.sql);
- answer through a pydantic response model, as FastAPI services do.
"""

import os
import re
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi import Path as PathParameter
from pydantic import BaseModel
from sqlalchemy import Boolean, Column, DateTime, Integer, String, exists, select, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import declarative_base, sessionmaker

ACCESS_TOKEN_AUDIENCE = "phresh:auth"
MAX_JTI_LENGTH = 64
MAX_SAFE_INTEGER = 2**53 - 1
BEARER = re.compile(r"^Bearer +(\S+)\s*$", re.IGNORECASE)
UUID_PATTERN = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE
)

SECRET_KEY = os.environ["PEER_SECRET_KEY"]
ISSUER = os.environ["PEER_ISSUER"]
# On each new connection, asyncpg's first statement with an enum column (cleaning_type, status)
# runs a catalogue query whose estimated cost switches PostgreSQL's JIT on: measured here, 4.7 s
# for that one statement. asyncpg's documentation says to turn JIT off for such connections,
# as deployments do; the statements of a request are far below the JIT's threshold either way.
# 5 connections per worker, 10 in all, as the app's pool and the floors' have. No overflow:
# SQLAlchemy's default (10 more, closed when returned) would open a new connection, and pay that
# catalogue query again, for most requests under 50 concurrent ones.
engine = create_async_engine(
    re.sub(r"^postgres(ql)?://", "postgresql+asyncpg://", os.environ["PEER_DATABASE_URL"]),
    pool_size=5,
    max_overflow=0,
    connect_args={"server_settings": {"jit": "off"}},
)
new_session = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def cleaning_statement():
    """cleaning-with-offers.sql, whose parameters are numbered as PostgreSQL numbers them, with
    them named as SQLAlchemy's text() names them; without its comments, where a name would
    count as a parameter too."""
    file = Path(__file__).resolve().parents[2] / "src" / "baselines" / "cleaning-with-offers.sql"
    lines = [line for line in file.read_text().splitlines() if not line.startswith("--")]
    sql = "\n".join(lines).replace("$1", ":cleaning_id").replace("$2", ":caller_id")
    return text(sql)


CLEANING_STATEMENT = cleaning_statement()

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(UUID(as_uuid=True), primary_key=True)
    email = Column(String, nullable=False)
    name = Column(String, nullable=False)
    name_key = Column(String, nullable=False)
    hashed_password = Column(String, nullable=False)
    is_active = Column(Boolean, nullable=False)
    is_superuser = Column(Boolean, nullable=False)
    is_verified = Column(Boolean, nullable=False)
    token_generation = Column(Integer, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    marketplace_mails = Column(Boolean, nullable=False)


class RevokedAccessToken(Base):
    __tablename__ = "revoked_access_tokens"
    jti = Column(String, primary_key=True)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class OfferProfile(BaseModel):
    full_name: Optional[str]
    image: Optional[str]


class OfferUser(BaseModel):
    id: str
    name: str
    profile: OfferProfile


class OfferPublic(BaseModel):
    cleaning_id: int
    user_id: str
    status: str
    created_at: str
    updated_at: str
    user: OfferUser


class CleaningWithOffers(BaseModel):
    id: int
    name: str
    description: Optional[str]
    price: float
    cleaning_type: str
    created_at: str
    updated_at: str
    owner_id: Optional[str]
    offers: List[OfferPublic]
    total_offers: int


def iso_instant(instant: datetime) -> str:
    """As JavaScript's toISOString, which Phresh answers: milliseconds and a Z."""
    utc = instant.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def token_claims(authorization: Optional[str]):
    """(user id, jti, generation) of a token Phresh would accept on its signature and claims."""
    match = BEARER.match(authorization or "")
    if not match:
        return None
    try:
        payload = jwt.decode(
            match[1],
            SECRET_KEY,
            algorithms=["HS256"],
            audience=ACCESS_TOKEN_AUDIENCE,
            issuer=ISSUER,
            options={"require": ["sub", "jti", "exp", "iat"]},
        )
    except jwt.PyJWTError:
        return None
    sub, jti, generation = payload.get("sub"), payload.get("jti"), payload.get("gen")
    if not isinstance(sub, str) or not UUID_PATTERN.match(sub):
        return None
    if not isinstance(jti, str) or not 0 < len(jti) <= MAX_JTI_LENGTH:
        return None
    if type(generation) is not int or abs(generation) > MAX_SAFE_INTEGER:
        return None
    return uuid.UUID(sub), jti, generation


async def session_per_request():
    async with new_session() as session:
        yield session


async def current_user(
    authorization: Optional[str] = Header(None),
    session: AsyncSession = Depends(session_per_request),
) -> User:
    claims = token_claims(authorization)
    if claims is None:
        raise HTTPException(status_code=401, detail="UNAUTHORIZED")
    user_id, jti, generation = claims
    revoked = exists().where(RevokedAccessToken.jti == jti).label("revoked")
    found = (await session.execute(select(User, revoked).where(User.id == user_id))).first()
    if (
        found is None
        or not found.User.is_active
        or found.revoked
        or found.User.token_generation != generation
    ):
        raise HTTPException(status_code=401, detail="UNAUTHORIZED")
    if not found.User.is_verified:
        raise HTTPException(status_code=403, detail="USER_NOT_VERIFIED")
    return found.User


def offer_of(cleaning_id: int, row) -> dict:
    return {
        "cleaning_id": cleaning_id,
        "user_id": str(row.offer_user_id),
        "status": row.offer_status,
        "created_at": iso_instant(row.offer_created_at),
        "updated_at": iso_instant(row.offer_updated_at),
        "user": {
            "id": str(row.offer_user_id),
            "name": row.offerer_name,
            "profile": {"full_name": row.offerer_full_name, "image": row.offerer_image},
        },
    }


app = FastAPI()


@app.get("/api/cleanings/{cleaning_id}", response_model=CleaningWithOffers)
async def get_cleaning(
    cleaning_id: int = PathParameter(..., ge=1, le=2_147_483_647),
    user: User = Depends(current_user),
    session: AsyncSession = Depends(session_per_request),
) -> dict:
    rows = (
        await session.execute(
            CLEANING_STATEMENT, {"cleaning_id": cleaning_id, "caller_id": user.id}
        )
    ).all()
    if not rows:
        raise HTTPException(status_code=404, detail="CLEANING_NOT_FOUND")
    first = rows[0]
    return {
        "id": first.id,
        "name": first.name,
        "description": first.description,
        "price": float(first.price),
        "cleaning_type": first.cleaning_type,
        "created_at": iso_instant(first.created_at),
        "updated_at": iso_instant(first.updated_at),
        "owner_id": None if first.owner_id is None else str(first.owner_id),
        "offers": [offer_of(first.id, row) for row in rows if row.offer_user_id is not None],
        "total_offers": first.total_offers,
    }
