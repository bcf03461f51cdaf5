"""Demo accounts, token and tenants: checked by the demo server, filled in by `--demo`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Account:
    """A user of the demo server."""

    user: str
    password: str = field(repr=False)
    name: str
    email: str
    admin: bool
    user_id: str


ADMIN = Account("admin", "password", "系统管理员 Admin", "admin@example.com", True, "u-0001")
VIEWER = Account("suzy", "password", "Suzy 苏", "suzy@example.com", False, "u-0002")
ACCOUNTS: dict[str, Account] = {account.user: account for account in (ADMIN, VIEWER)}

# A JWT-shaped token that signs in as the administrator (Bearer header or ``?token=``).
ADMIN_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImRlbW8iOnRydWV9.ZGVtby1zaWduYXR1cmU"
TOKENS: dict[str, Account] = {ADMIN_TOKEN: ADMIN}

ACTIVE_TENANT = "tenant1"
DISABLED_TENANT = "tenant2"
# Tenants with a history of their own, each in one state of health (the others, and a sign-in
# without a tenant, see the history that shows every state at once).
HEALTHY_TENANT, FAILING_TENANT, MISSED_TENANT = "healthy", "failing", "missed"
TENANT_STATES = {HEALTHY_TENANT: "healthy", FAILING_TENANT: "failing", MISSED_TENANT: "missed"}
TENANTS: dict[str, bool] = {
    ACTIVE_TENANT: True,
    DISABLED_TENANT: False,
    **dict.fromkeys(TENANT_STATES, True),
}

# The server asks for a captcha after this many failed sign-ins from one address, and refuses
# the address after the second number (the real server for up to 24 hours).
CAPTCHA_AFTER = 3
LOCK_AFTER = 10
