"""Upstream's ``read_only_admin`` role value back in the SELECT policy on ``item``.

Upstream's select policy lets ``app.role`` be ``admin`` or ``read_only_admin``; only the
SELECT policy names it, so a read-only administrator sees every item but its writes are still
checked against ``owner_id`` by the INSERT, UPDATE and DELETE policies. The predicate keeps
0002's fail-closed form (NULLIF, evaluated once per statement).
"""

from django.db import migrations

OWNER = "owner_id = (SELECT NULLIF(current_setting('app.user_id', true), '')::uuid)"
ROLE = "(SELECT NULLIF(current_setting('app.role', true), ''))"

FORWARD = f"""
DROP POLICY user_select_policy ON item;
CREATE POLICY user_select_policy ON item FOR SELECT
    USING ({OWNER} OR {ROLE} = ANY (ARRAY['admin', 'read_only_admin']));
"""

BACKWARD = f"""
DROP POLICY user_select_policy ON item;
CREATE POLICY user_select_policy ON item FOR SELECT USING ({OWNER} OR {ROLE} = 'admin');
"""


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_item_row_level_security")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
