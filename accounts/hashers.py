"""Verification of upstream's password hashes."""

import bcrypt
from django.contrib.auth.hashers import BCryptPasswordHasher


class UpstreamBcryptHasher(BCryptPasswordHasher):
    """Checks the raw bcrypt strings upstream stored (passlib bcrypt of the plain password).

    Upstream rows hold ``$2b$12$…`` without Django's ``algorithm$`` prefix; ``User.check_password``
    sends such values here. New passwords always use ``PASSWORD_HASHERS[0]``.
    """

    algorithm = "upstream_bcrypt"

    def verify(self, password: str, encoded: str) -> bool:
        if encoded.startswith("upstream_bcrypt$"):
            encoded = encoded.split("$", 1)[1]
        try:
            return bcrypt.checkpw(password.encode(), encoded.encode("ascii"))
        except ValueError:
            return False
