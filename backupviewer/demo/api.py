"""The demo server's words: Datafor's paths, the misbehaviours it can be told, and the sessions,
rules and requests it keeps."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from backupviewer.demo.accounts import Account

CONTEXT = "/datafor"
LOGIN = "/plugin/datafor/api/extension/auth/login"
CAPTCHA = "/plugin/datafor/api/extension/auth/captcha.jpg"
LOGOUT = "/plugin/datafor/api/extension/auth/logout"
WHO_AM_I = "/plugin/datafor-modeler/api/user/detail"
LOG_QUERY = "/plugin/datafor-backup/api/log/query"
SCHEDULES = "/plugin/datafor-backup/api/query"
DOWNLOAD = "/plugin/datafor-backup/api/log/download"
DATA_PATHS = (WHO_AM_I, LOG_QUERY, SCHEDULES, DOWNLOAD)
ALL_PATHS = (LOGIN, CAPTCHA, LOGOUT, *DATA_PATHS)


class Misbehaviour(enum.StrEnum):
    """Ways the server can be told to fail, for the next few matching requests."""

    SLOW = "slow"  # wait `delay` seconds, then answer normally
    TRUNCATED = "truncated"  # announce the full length, send half of the body, close
    HTML = "html"  # the HTML login page with HTTP 200 (what some deployments answer)
    PROXY_502 = "proxy_502"  # a reverse proxy's HTML error page, HTTP 502
    HTTP_500 = "http_500"  # a servlet container's HTML error page, HTTP 500
    GARBAGE = "garbage"  # HTTP 200 JSON that is not the documented envelope
    DISCONNECT = "disconnect"  # close the connection without answering
    TRICKLE = "trickle"  # send the answer a byte every `delay` seconds
    FLOOD = "flood"  # an answer that never ends (until the client hangs up)


@dataclass
class Rule:
    mode: Misbehaviour
    times: int
    delay: float
    path: str | None


@dataclass
class Session:
    id: str
    account: Account | None = None
    captcha: str | None = None
    tenant: str = ""


@dataclass(frozen=True)
class Seen:
    """A request as the server received it (bodies of sign-ins are not kept)."""

    method: str
    path: str
    content_type: str
    body: bytes = field(repr=False)
