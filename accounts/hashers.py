"""Passwords hashed as upstream hashes them: passlib's bcrypt, stored as the bare ``$2b$12$…`` string.

Upstream (the FastAPI template) writes ``pwd_context.hash(password)`` with passlib's bcrypt
scheme into ``user.hashed_password`` and verifies with ``pwd_context.verify``; passlib cannot
read Django's ``algorithm$…`` strings. So every password this project writes is such a bare
bcrypt string (``PASSWORD_HASHERS[0]`` is :class:`UpstreamBcryptHasher`), and
``User.check_password`` never rewrites one to another format.
"""

import bcrypt
from django.contrib.auth.hashers import BCryptPasswordHasher

#: What a bare bcrypt string starts with (passlib writes ``2b``; ``2a``/``2y`` are read too).
BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")


def is_upstream_bcrypt(encoded: str | None) -> bool:
    return bool(encoded) and encoded.startswith(BCRYPT_PREFIXES)


class UpstreamBcryptHasher(BCryptPasswordHasher):
    """bcrypt with passlib's defaults (ident ``2b``, cost 12), without Django's prefix.

    Django's ``identify_hasher`` cannot recognise a bare bcrypt string (the text before the
    first ``$`` is empty), so ``User.check_password`` and the admin's password display route
    such values here explicitly. Like passlib, the password is not pre-hashed: bcrypt reads
    its first 72 bytes (upstream accepts at most 40 characters).
    """

    algorithm = "upstream_bcrypt"
    digest = None
    rounds = 12

    def salt(self) -> str:
        return bcrypt.gensalt(self.rounds, prefix=b"2b").decode("ascii")

    def encode(self, password: str, salt: str) -> str:
        if password is None:
            raise TypeError("password must be provided.")
        return bcrypt.hashpw(password.encode(), salt.encode("ascii")).decode("ascii")

    def decode(self, encoded: str) -> dict:
        encoded = self._bare(encoded)
        _, ident, rounds, rest = encoded.split("$", 3)
        return {
            "algorithm": self.algorithm,
            "algostr": f"${ident}",
            "work_factor": int(rounds),
            "salt": rest[:22],
            "checksum": rest[22:],
        }

    def verify(self, password: str, encoded: str) -> bool:
        try:
            return bcrypt.checkpw(password.encode(), self._bare(encoded).encode("ascii"))
        except ValueError:
            return False

    def must_update(self, encoded: str) -> bool:
        """Never: a hash upstream can verify is left as it is (whatever its cost)."""
        return False

    def harden_runtime(self, password: str, encoded: str) -> None:
        return None

    @staticmethod
    def _bare(encoded: str) -> str:
        return encoded.split("$", 1)[1] if encoded.startswith("upstream_bcrypt$") else encoded


class FastUpstreamBcryptHasher(UpstreamBcryptHasher):
    """The same format at bcrypt's minimum cost, for the test settings only (``$2b$04$…``)."""

    rounds = 4
